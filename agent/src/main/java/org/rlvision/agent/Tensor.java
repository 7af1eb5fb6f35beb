package org.rlvision.agent;

import java.util.Arrays;

/**
 * A float32 array on the Java heap with its shape, row-major (C order), as returned by every
 * analysis call and stored in {@code .npz} files.
 *
 * <p>Equality is bit-exact on the data and exact on the shape.
 *
 * @param shape dimensions, outermost first (e.g. {@code [B,C,H,W]})
 * @param data  the values, {@code product(shape)} of them; not copied, so treat a tensor you did
 *              not create as read-only ({@link #copy()} gives a private one)
 */
public record Tensor(int[] shape, float[] data) {
    /** Copies the shape and checks that the data length matches it. */
    public Tensor {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor dimensions must be >= 0, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but " + data.length + " were given");
        }
    }

    /** A tensor of zeros with this shape. */
    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(shape, new float[Math.toIntExact(n)]);
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Values per entry of the first axis (e.g. per example of a batch). */
    public int stride0() {
        return shape.length == 0 || shape[0] == 0 ? 0 : data.length / shape[0];
    }

    /** The value at these indices (one per dimension). */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** The row-major offset of these indices. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " dimensions but the tensor has shape " + Arrays.toString(shape));
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** A deep copy whose data may be modified freely. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** The shape as text, e.g. {@code [32,16,5,5]}. */
    public String shapeText() {
        return shapeText(shape);
    }

    /** A shape as text, e.g. {@code [32,16,5,5]}. */
    public static String shapeText(int[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeText();
    }
}
