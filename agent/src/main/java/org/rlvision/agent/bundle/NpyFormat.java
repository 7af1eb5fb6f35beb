package org.rlvision.agent.bundle;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy {@code .npy} container format shared by weight files and episode files: encodes an
 * array's header (magic, version 1.0, dtype, shape, C order, padded to 64 bytes) and parses the
 * header of any version 1 to 3 entry, leaving what each dtype means to the caller.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /**
     * The parsed header of one {@code .npy} entry (always C order).
     *
     * @param descr      numpy dtype string, e.g. {@code <f4}
     * @param shape      dimensions, outermost first; empty for a scalar
     * @param dataOffset index of the first data byte in the entry
     */
    public record Header(String descr, int[] shape, int dataOffset) {
        /** Copies the shape. */
        public Header {
            shape = shape.clone();
        }

        /** A copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The product of the dimensions. */
        public long elementCount() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** The byte order the dtype names: big-endian for {@code >}, little-endian otherwise. */
        public ByteOrder byteOrder() {
            return descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    /**
     * Encodes one array as {@code .npy} version 1.0 bytes, as {@code np.save} writes them.
     *
     * @param descr numpy dtype string, e.g. {@code <f4}
     * @param shape dimensions, outermost first
     * @param data  the raw elements, C order, in the dtype's byte order
     * @return magic, header padded so the data starts at a multiple of 64, then {@code data}
     */
    public static byte[] encode(String descr, int[] shape, byte[] data) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            s.append(',');
        }
        s.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[MAGIC.length + 4 + h.length + data.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (h.length & 0xFF);
        out[9] = (byte) ((h.length >> 8) & 0xFF);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }

    /**
     * Parses the header of one {@code .npy} entry.
     *
     * @param npy   the entry's bytes
     * @param where names the entry and its file in error messages, e.g. {@code array 'w' in weights.npz}
     * @return the dtype, shape and where the data starts
     * @throws IOException one sentence starting with {@code where} if the magic, version, header
     *                     length, a field or the shape is bad, or the array is in Fortran order
     */
    public static Header readHeader(byte[] npy, String where) throws IOException {
        if (npy.length < 10 || !Arrays.equals(Arrays.copyOf(npy, MAGIC.length), MAGIC)) {
            throw new IOException(where + " is not a .npy array (bad magic); save arrays with np.save or np.savez");
        }
        int major = npy[6] & 0xFF;
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (npy.length < 12) {
                throw new IOException(where + " is truncated inside its header; the file is corrupt, write it again");
            }
            headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8 | (npy[10] & 0xFF) << 16 | (npy[11] & 0xFF) << 24;
            start = 12;
        } else {
            throw new IOException(where + " uses .npy format version " + major + "; versions 1 to 3 are supported");
        }
        if (headerLen < 0 || start + headerLen > npy.length) {
            throw new IOException(where + " is truncated inside its header; the file is corrupt, write it again");
        }
        String header = new String(npy, start, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, where, "descr");
        if ("True".equals(find(FORTRAN, header, where, "fortran_order"))) {
            throw new IOException(where + " is stored in Fortran order; save np.ascontiguousarray(a) instead");
        }
        int[] shape = parseShape(find(SHAPE, header, where, "shape"), where);
        return new Header(descr, shape, start + headerLen);
    }

    private static String find(Pattern p, String header, String where, String field) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(where + " has no '" + field + "' in its .npy header; save arrays with np.save or np.savez");
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String where) throws IOException {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int count = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        int[] shape = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                shape[i] = Integer.parseInt(parts[i].trim().replace("L", ""));
                if (shape[i] < 0) {
                    throw new NumberFormatException("negative dimension");
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(where + " has an unreadable shape '(" + text + ")'; the file is corrupt, write it again", e);
        }
        return shape;
    }
}
