package org.rlvision.trajectories;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.rlvision.agent.bundle.NpyFormat;

/**
 * One numpy array as stored in an {@code .npy} entry: its dtype string, its shape and its raw
 * little-endian, C-order bytes.
 *
 * <p>Supported dtypes: {@code |u1} (uint8), {@code |b1} (bool), {@code <i4} (int32),
 * {@code <f4} (float32) and {@code <UN} (a numpy unicode string of N characters, UTF-32LE).
 *
 * @param dtype numpy dtype string, e.g. {@code <f4}
 * @param shape dimensions, outermost first; empty for a scalar
 * @param data  {@code product(shape) * itemsize} bytes; used as is, not copied
 */
public record NpyArray(String dtype, int[] shape, byte[] data) {
    private static final Pattern UNICODE = Pattern.compile("<U[1-9][0-9]*");

    /** Checks the dtype and that the data length matches the shape. */
    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("array dimensions must be >= 0, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        long need = n * itemSize(dtype);
        if (need != data.length) {
            throw new IllegalArgumentException("a " + dtype + " array of shape " + Arrays.toString(shape) + " needs "
                    + need + " bytes, got " + data.length);
        }
    }

    /** Bytes per element of a supported dtype. */
    static int itemSize(String dtype) {
        return switch (dtype) {
            case "|u1", "|b1" -> 1;
            case "<i4", "<f4" -> 4;
            default -> {
                if (UNICODE.matcher(dtype).matches()) {
                    yield 4 * Integer.parseInt(dtype.substring(2));
                }
                throw new IllegalArgumentException("unsupported dtype '" + dtype + "'; supported: |u1 |b1 <i4 <f4 <UN");
            }
        };
    }

    /** True if {@code dtype} is one this class can hold. */
    static boolean supported(String dtype) {
        return switch (dtype) {
            case "|u1", "|b1", "<i4", "<f4" -> true;
            default -> UNICODE.matcher(dtype).matches();
        };
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** A uint8 array; {@code data} is used as is. */
    public static NpyArray uint8(byte[] data, int... shape) {
        return new NpyArray("|u1", shape, data);
    }

    /** A bool array (one byte 0/1 per element). */
    public static NpyArray bool(boolean[] values, int... shape) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) (values[i] ? 1 : 0);
        }
        return new NpyArray("|b1", shape, b);
    }

    /** An int32 array. */
    public static NpyArray int32(int[] values, int... shape) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return new NpyArray("<i4", shape, buf.array());
    }

    /** A float32 array. */
    public static NpyArray float32(float[] values, int... shape) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return new NpyArray("<f4", shape, buf.array());
    }

    /** A numpy unicode scalar ({@code <UN}, shape {@code ()}); {@code np.load} opens it without pickle. */
    public static NpyArray string(String value) {
        int n = Math.max(1, value.length());
        byte[] b = new byte[4 * n];
        byte[] utf32 = value.getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        System.arraycopy(utf32, 0, b, 0, utf32.length);
        return new NpyArray("<U" + n, new int[0], b);
    }

    /** The elements as booleans ({@code |b1} only). */
    public boolean[] asBooleans() {
        require("|b1");
        boolean[] out = new boolean[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] != 0;
        }
        return out;
    }

    /** The elements as ints ({@code <i4} only). */
    public int[] asInts() {
        require("<i4");
        int[] out = new int[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** The elements as floats ({@code <f4} only). */
    public float[] asFloats() {
        require("<f4");
        float[] out = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The string of a unicode scalar, without numpy's trailing NUL padding. */
    public String asString() {
        if (!UNICODE.matcher(dtype).matches()) {
            throw new IllegalStateException("array of dtype " + dtype + " is not a string");
        }
        String s = new String(data, java.nio.charset.Charset.forName("UTF-32LE"));
        int end = s.indexOf('\0');
        return end < 0 ? s : s.substring(0, end);
    }

    private void require(String want) {
        if (!dtype.equals(want)) {
            throw new IllegalStateException("array of dtype " + dtype + " read as " + want);
        }
    }

    /** The {@code .npy} version 1.0 encoding: magic, padded header, data. */
    byte[] toNpy() {
        return NpyFormat.encode(dtype, shape, data);
    }
}
