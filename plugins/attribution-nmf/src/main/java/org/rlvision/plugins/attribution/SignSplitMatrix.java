package org.rlvision.plugins.attribution;

/**
 * The non-negative matrix {@code X = [V⁺; V⁻]} of {@code 2·rows × cols}, built from a signed
 * matrix V without materialising it: row {@code r} of the top half is {@code max(V_r, 0)}, row
 * {@code r} of the bottom half is {@code max(−V_r, 0)}. This is how attributions enter NMF
 * (Hilton et al. stack the positive and negative parts on the batch axis); a non-negative V
 * simply has an all-zero bottom half.
 *
 * @param values V, {@code [rows, cols]} row-major; used as is, not copied
 * @param rows   rows of V (X has twice as many)
 * @param cols   columns (channels)
 */
public record SignSplitMatrix(float[] values, int rows, int cols) {
    /** Checks the sizes. */
    public SignSplitMatrix {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs " + ((long) rows * cols)
                    + " values but has " + values.length);
        }
    }

    /** Rows of X, {@code 2·rows}. */
    public long splitRows() {
        return 2L * rows;
    }

    /** {@code ‖X‖²}, which equals {@code ‖V‖²} because the two halves split V's entries. */
    public double squaredNorm() {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        return s;
    }

    /**
     * A seeded uniform sample of {@code n} distinct rows of V, in their original order (a copy).
     *
     * @param n    rows to keep, 1..rows
     * @param seed seed of the draw
     */
    public SignSplitMatrix sampleRows(int n, long seed) {
        if (n < 1 || n > rows) {
            throw new IllegalArgumentException("cannot sample " + n + " of " + rows + " rows; ask for 1.." + rows);
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(rows - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] picked = java.util.Arrays.copyOf(order, n);
        java.util.Arrays.sort(picked);
        float[] out = new float[Math.multiplyExact(n, cols)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, picked[i] * cols, out, i * cols, cols);
        }
        return new SignSplitMatrix(out, n, cols);
    }
}
