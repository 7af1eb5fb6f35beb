package org.rlvision.plugins.attribution;

/**
 * A non-negative factorisation {@code X ≈ W·H} of a {@link SignSplitMatrix} of {@code 2·rows}
 * rows.
 *
 * @param components    k
 * @param columns       C, the columns of X
 * @param rows          rows of the signed matrix V (X has {@code 2·rows})
 * @param w             W stored factor-major, {@code [k, 2·rows]}: {@code w[j·2·rows + i]} is row
 *                      i's weight on factor j, where rows {@code 0..rows-1} are X's positive half
 *                      and {@code rows..2·rows-1} its negative half; each W row is the
 *                      non-negative least-squares fit of its X row for this H
 * @param h             H, {@code [k, C]} row-major, non-negative
 * @param relativeError {@code ‖X − WH‖ / ‖X‖}, computed entry by entry
 * @param iterations    alternating updates over all of X (0 for a projection on fixed H)
 * @param sketchIterations alternating updates on the row sample fitted first (0 if none)
 * @param converged     true if the relative improvement over all of X fell below the tolerance
 *                      before the iteration limit
 */
public record NmfResult(int components, int columns, int rows, float[] w, float[] h, double relativeError,
                        int iterations, int sketchIterations, boolean converged) {
    /** Checks the sizes. */
    public NmfResult {
        if (h.length != components * columns || w.length != 2L * rows * components) {
            throw new IllegalArgumentException("H must be " + components + "x" + columns + " and W " + components + "x"
                    + (2L * rows) + "; got " + h.length + " and " + w.length + " values");
        }
    }

    /**
     * The weight of X's row on factor j.
     *
     * @param j        factor
     * @param negative false for the positive half (row {@code max(V_row, 0)}), true for the negative half
     * @param row      row of V
     */
    public float weight(int j, boolean negative, int row) {
        return w[Math.toIntExact(j * 2L * rows + (negative ? rows : 0) + row)];
    }
}
