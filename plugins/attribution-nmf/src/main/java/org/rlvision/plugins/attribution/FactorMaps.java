package org.rlvision.plugins.attribution;

/**
 * Per-factor attribution maps of N observations at the layer's grid: how much positive and how
 * much negative attribution each factor explains at each position, in units of the attributed
 * output (the factors' directions sum to 1, so a map value is the attribution mass the factor
 * carries there).
 *
 * @param count    N
 * @param factors  k
 * @param height   h
 * @param width    w
 * @param positive {@code [N,k,h,w]}, ≥ 0
 * @param negative {@code [N,k,h,w]}, ≥ 0
 */
public record FactorMaps(int count, int factors, int height, int width, float[] positive, float[] negative) {
    /** Checks the lengths. */
    public FactorMaps {
        long n = (long) count * factors * height * width;
        if (positive.length != n || negative.length != n) {
            throw new IllegalArgumentException("maps of " + count + " observations x " + factors + " factors x " + height + "x"
                    + width + " need " + n + " values each, got " + positive.length + " and " + negative.length);
        }
    }

    /** Cells per map, {@code h·w}. */
    public int cells() {
        return height * width;
    }

    /** Offset of observation i's map of factor j in {@link #positive()} and {@link #negative()}. */
    public int offset(int i, int j) {
        return (i * factors + j) * cells();
    }

    /** Positive plus negative attribution of factor j at cell {@code p} of observation i. */
    public float magnitude(int i, int j, int p) {
        int o = offset(i, j) + p;
        return positive[o] + negative[o];
    }
}
