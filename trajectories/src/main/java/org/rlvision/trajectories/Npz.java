package org.rlvision.trajectories;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.rlvision.agent.bundle.NpyFormat;

/**
 * Reads and writes numpy {@code .npz} archives of {@link NpyArray}s (deflated, as
 * {@code np.savez_compressed} writes them), atomically: the archive is written and synced under a
 * temporary name in the same folder, then renamed, so a crash never leaves a partial file that
 * looks whole.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Writes the arrays as {@code key.npy} entries to {@code file}, atomically.
     *
     * @throws IOException if the folder cannot be written
     */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(1);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setTime(0L);
                zip.putNextEntry(entry);
                zip.write(e.getValue().toNpy());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads the named arrays (all when {@code keys} is null) of an archive.
     *
     * @throws IOException naming the file when it is missing, truncated, corrupt, not an npz, or
     *                     holds an array of an unsupported dtype
     */
    public static Map<String, NpyArray> read(Path file, Collection<String> keys) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no file " + file);
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                String key = name.substring(0, name.length() - 4);
                if (keys != null && !keys.contains(key)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                out.put(key, parseNpy(bytes, key, file));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is truncated or not an .npz archive (" + e.getMessage() + ")", e);
        }
        return out;
    }

    static NpyArray parseNpy(byte[] b, String key, Path file) throws IOException {
        String where = "array '" + key + "' in " + file;
        NpyFormat.Header h = NpyFormat.readHeader(b, where);
        if (!NpyArray.supported(h.descr())) {
            throw new IOException(where + " has dtype '" + h.descr() + "'; episode files hold |u1 |b1 <i4 <f4 <UN arrays");
        }
        try {
            return new NpyArray(h.descr(), h.shape(), Arrays.copyOfRange(b, h.dataOffset(), b.length));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " has " + (b.length - h.dataOffset()) + " data bytes, which does not match its shape "
                    + Arrays.toString(h.shape()) + "; the file is truncated or corrupt", e);
        }
    }
}
