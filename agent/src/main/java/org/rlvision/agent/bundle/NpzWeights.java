package org.rlvision.agent.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;

/**
 * Reads and writes weights as numpy {@code .npz} archives, one {@code .npy} array per
 * {@code state_dict} key, so {@code np.savez(path, **{k: v.numpy() for k, v in sd.items()})}
 * loads directly and {@code np.load(path)} opens what this writes.
 *
 * <p>Reading accepts float32 and float64 arrays (float64 is rounded to float32), stored or
 * deflated, C order. A truncated or corrupt archive is an error: the whole file is read and
 * checked before anything is returned.
 */
public final class NpzWeights {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzWeights() {
    }

    /**
     * Reads every array of an {@code .npz} file.
     *
     * @param file the archive
     * @return the arrays by key (the entry name without {@code .npy}), in archive order
     * @throws IOException if the file is missing, truncated, corrupt or holds a non-float array,
     *                     with the file and entry named
     */
    public static StateDict read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no weights file at " + file + "; give the path of an .npz file");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getSize() >= 0 && bytes.length != e.getSize()) {
                    throw new IOException("entry '" + name + "' of " + file + " has " + bytes.length + " bytes but its "
                            + "header says " + e.getSize() + "; the file is corrupt, re-export it");
                }
                out.put(key, parseNpy(bytes, key, file));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is not a complete .npz archive (" + e.getMessage()
                    + "); the file is truncated or corrupt, re-export it", e);
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no arrays; export the weights with np.savez");
        }
        return StateDict.of(out);
    }

    /**
     * Writes the tensors as float32 {@code .npy} entries (stored, as {@code np.savez} does) to a
     * temporary file, then renames it into place, so a crash never leaves a partial file.
     *
     * @param file    the destination, e.g. {@code weights.npz}
     * @param weights the tensors by key
     * @throws IOException if writing fails
     */
    public static void write(Path file, StateDict weights) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
                    byte[] npy = toNpy(e.getValue());
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(npy.length);
                    entry.setCompressedSize(npy.length);
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    entry.setCrc(crc.getValue());
                    entry.setTime(0L);
                    zip.putNextEntry(entry);
                    zip.write(npy);
                    zip.closeEntry();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One tensor as {@code .npy} version 1.0 bytes: float32 little-endian, C order. */
    static byte[] toNpy(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        int[] s = t.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(i == 0 ? "" : ", ").append(s[i]);
        }
        if (s.length == 1) {
            shape.append(',');
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + 4 * t.size());
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write((header.length() >> 8) & 0xFF);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(t.data());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** Parses one {@code .npy} entry into a float tensor. */
    static Tensor parseNpy(byte[] b, String key, Path file) throws IOException {
        String where = "array '" + key + "' in " + file.getFileName();
        if (b.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(b, 6), MAGIC)) {
            throw new IOException(where + " is not a .npy array (bad magic); save arrays with np.savez");
        }
        int major = b[6] & 0xFF;
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new IOException(where + " is truncated inside its header; re-export it");
            }
            headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8 | (b[10] & 0xFF) << 16 | (b[11] & 0xFF) << 24;
            start = 12;
        } else {
            throw new IOException(where + " uses .npy format version " + major + "; versions 1 to 3 are supported");
        }
        if (headerLen < 0 || start + headerLen > b.length) {
            throw new IOException(where + " is truncated inside its header; re-export it");
        }
        String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, where, "descr");
        if ("True".equals(find(FORTRAN, header, where, "fortran_order"))) {
            throw new IOException(where + " is stored in Fortran order; save np.ascontiguousarray(a) instead");
        }
        int[] shape = parseShape(find(SHAPE, header, where, "shape"), where);
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        int item;
        ByteOrder order;
        switch (descr) {
            case "<f4", "=f4" -> { item = 4; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f4" -> { item = 4; order = ByteOrder.BIG_ENDIAN; }
            case "<f8", "=f8" -> { item = 8; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f8" -> { item = 8; order = ByteOrder.BIG_ENDIAN; }
            default -> throw new IOException(where + " has dtype '" + descr
                    + "'; weights must be float32 ('<f4') or float64 ('<f8')");
        }
        int dataStart = start + headerLen;
        long need = n * item;
        if (b.length - dataStart != need) {
            throw new IOException(where + " has " + (b.length - dataStart) + " data bytes but shape "
                    + Tensor.shapeText(shape) + " needs " + need + "; the file is truncated or corrupt, re-export it");
        }
        ByteBuffer buf = ByteBuffer.wrap(b, dataStart, (int) need).slice().order(order);
        float[] data = new float[(int) n];
        if (item == 4) {
            buf.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) buf.getDouble(i * 8);
            }
        }
        return new Tensor(shape, data);
    }

    private static String find(Pattern p, String header, String where, String field) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(where + " has no '" + field + "' in its header; save arrays with np.savez");
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
            }
        } catch (NumberFormatException e) {
            throw new IOException(where + " has an unreadable shape '(" + text + ")'", e);
        }
        return shape;
    }
}
