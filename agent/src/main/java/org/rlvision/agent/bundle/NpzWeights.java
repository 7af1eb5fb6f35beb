package org.rlvision.agent.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
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
        ByteBuffer data = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(t.data());
        return NpyFormat.encode("<f4", t.shape(), data.array());
    }

    /** Parses one {@code .npy} entry into a float tensor. */
    static Tensor parseNpy(byte[] b, String key, Path file) throws IOException {
        String where = "array '" + key + "' in " + file.getFileName();
        NpyFormat.Header h = NpyFormat.readHeader(b, where);
        String descr = h.descr();
        int[] shape = h.shape();
        long n = h.elementCount();
        int item = switch (descr) {
            case "<f4", "=f4", ">f4" -> 4;
            case "<f8", "=f8", ">f8" -> 8;
            default -> throw new IOException(where + " has dtype '" + descr
                    + "'; weights must be float32 ('<f4') or float64 ('<f8')");
        };
        int dataStart = h.dataOffset();
        long need = n * item;
        if (b.length - dataStart != need) {
            throw new IOException(where + " has " + (b.length - dataStart) + " data bytes but shape "
                    + Tensor.shapeText(shape) + " needs " + need + "; the file is truncated or corrupt, re-export it");
        }
        ByteBuffer buf = ByteBuffer.wrap(b, dataStart, (int) need).slice().order(h.byteOrder());
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
}
