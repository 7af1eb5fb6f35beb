package org.rlvision.plugins.attribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * How the interface carries a binary array inside a script file: zlib-compressed (RFC 1950,
 * what the browser's {@code DecompressionStream("deflate")} reads) and base64-encoded.
 */
public final class PageBlob {
    /**
     * zlib level for frames: level 6 is 2× smaller than level 1 on CoinRun frames at 50 ms per 512 frames.
     */
    public static final int FRAMES_LEVEL = 6;
    /**
     * zlib level for attribution maps: on dense (noisy) maps level 6 costs 10× the time of level 1
     * (about 450 against 40 ms per 4 MB) for 10% less size, and sparse maps shrink to almost
     * nothing at either level.
     */
    public static final int MAPS_LEVEL = 1;

    private PageBlob() {
    }

    /**
     * Compresses and encodes {@code bytes}.
     *
     * @param bytes the raw array, e.g. {@code [T,64,64,3]} frames
     * @param level zlib compression level, 1 (fastest) to 9
     * @return base64 (RFC 4648, no line breaks) of the zlib stream
     */
    public static String encode(byte[] bytes, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        Deflater deflater = new Deflater(level);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater, 1 << 16)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing an in-memory array failed", e);
        } finally {
            deflater.end();
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
