package org.rlvision.plugins.attribution;

/** The q-quantile of a float array by selection (Hoare's quickselect), in expected linear time. */
final class Quantile {
    private Quantile() {
    }

    /**
     * The value at rank {@code floor(q·(n−1))} of the sorted values (the lower quantile).
     *
     * @param values the values; reordered in place
     * @param q      in [0, 1]
     */
    static float of(float[] values, double q) {
        if (values.length == 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile needs values and q in [0,1], got " + values.length + " values, q=" + q);
        }
        int k = (int) Math.floor(q * (values.length - 1));
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }
}
