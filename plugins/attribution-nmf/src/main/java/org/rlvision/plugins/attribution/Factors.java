package org.rlvision.plugins.attribution;

/**
 * The NMF factors of a layer's attributions as the plugin reports them: directions over channels
 * (rows of H, each scaled to sum to 1, so that a factor's weight at a position is the attribution
 * it carries there), ordered by the total attribution mass they carry in the fitted data (most
 * first; ties by NMF index), with the fit's relative error.
 *
 * @param count         k
 * @param channels      C
 * @param directions    {@code [k,C]}, each row non-negative and summing to 1 (all zero for a factor NMF left empty)
 * @param mass          {@code [k]} total attribution (positive + negative parts) each factor carries in the fit
 * @param order         {@code order[j]} is the NMF component shown as factor j
 * @param relativeError the fit's {@code ‖X − WH‖ / ‖X‖}
 */
public record Factors(int count, int channels, float[] directions, double[] mass, int[] order, double relativeError) {
    /** Checks the lengths. */
    public Factors {
        if (directions.length != count * channels || mass.length != count || order.length != count) {
            throw new IllegalArgumentException("factors need " + count + "x" + channels + " directions, " + count
                    + " masses and " + count + " indices");
        }
    }

    /**
     * The factors of a fit: rows of H scaled to unit sum (W's columns scaled inversely, so
     * {@code W·H} is unchanged) and sorted by mass.
     */
    public static Factors of(NmfResult fit) {
        int k = fit.components();
        int c = fit.columns();
        double[] sums = new double[k];
        double[] mass = new double[k];
        long stride = 2L * fit.rows();
        for (int j = 0; j < k; j++) {
            for (int ch = 0; ch < c; ch++) {
                sums[j] += fit.h()[j * c + ch];
            }
            double w = 0;
            int base = Math.toIntExact(j * stride);
            for (int i = 0; i < stride; i++) {
                w += fit.w()[base + i];
            }
            mass[j] = w * sums[j];
        }
        Integer[] idx = new Integer[k];
        for (int j = 0; j < k; j++) {
            idx[j] = j;
        }
        java.util.Arrays.sort(idx, (a, b) -> mass[a] != mass[b] ? Double.compare(mass[b], mass[a]) : Integer.compare(a, b));
        float[] directions = new float[k * c];
        double[] sortedMass = new double[k];
        int[] order = new int[k];
        for (int j = 0; j < k; j++) {
            int src = idx[j];
            order[j] = src;
            sortedMass[j] = mass[src];
            for (int ch = 0; ch < c; ch++) {
                directions[j * c + ch] = sums[src] > 0 ? (float) (fit.h()[src * c + ch] / sums[src]) : 0f;
            }
        }
        return new Factors(k, c, directions, sortedMass, order, fit.relativeError());
    }

    /** Factor j's direction over the channels (a copy). */
    public float[] direction(int j) {
        float[] out = new float[channels];
        System.arraycopy(directions, j * channels, out, 0, channels);
        return out;
    }

    /**
     * The maps of the fitted observations, from the fit's own W: factor j's map is the W column of
     * NMF component {@code order[j]}, times that component's H row sum.
     *
     * @param fit    the fit these factors came from, of N observations' attributions
     * @param count  N
     * @param height the layer's grid height
     * @param width  the layer's grid width
     */
    public FactorMaps mapsOf(NmfResult fit, int count, int height, int width) {
        int cells = height * width;
        if ((long) count * cells != fit.rows()) {
            throw new IllegalArgumentException("a fit of " + fit.rows() + " rows is not " + count + " observations of "
                    + height + "x" + width + " cells");
        }
        double[] sums = new double[count()];
        for (int j = 0; j < this.count; j++) {
            for (int ch = 0; ch < channels; ch++) {
                sums[j] += fit.h()[order[j] * channels + ch];
            }
        }
        return maps(fit, count, height, width, order, sums);
    }

    /**
     * Projects new attributions on these factors: each position's positive and negative parts
     * get their non-negative least-squares weights for the fixed directions ({@link Nmf#transform}).
     *
     * @param attribution the attributions
     * @param threads     worker threads
     * @return the maps and the projection's relative error
     */
    public Projection project(LayerAttribution attribution, int threads) {
        NmfResult w = Nmf.transform(attribution.matrix(), directions, count, threads);
        int[] identity = new int[count];
        double[] ones = new double[count];
        for (int j = 0; j < count; j++) {
            identity[j] = j;
            ones[j] = 1;
        }
        return new Projection(maps(w, attribution.count(), attribution.height(), attribution.width(), identity, ones),
                w.relativeError());
    }

    /**
     * Maps of a projection on fixed factors.
     *
     * @param maps          per-factor maps
     * @param relativeError {@code ‖X − WH‖ / ‖X‖} of the projected attributions
     */
    public record Projection(FactorMaps maps, double relativeError) {
    }

    private static FactorMaps maps(NmfResult w, int count, int height, int width, int[] order, double[] scale) {
        int k = order.length;
        int cells = height * width;
        long stride = 2L * w.rows();
        float[] positive = new float[Math.multiplyExact(count, k * cells)];
        float[] negative = new float[positive.length];
        for (int j = 0; j < k; j++) {
            int base = Math.toIntExact(order[j] * stride);
            float s = (float) scale[j];
            for (int i = 0; i < count; i++) {
                int src = base + i * cells;
                int dst = (i * k + j) * cells;
                for (int p = 0; p < cells; p++) {
                    positive[dst + p] = w.w()[src + p] * s;
                    negative[dst + p] = w.w()[src + w.rows() + p] * s;
                }
            }
        }
        return new FactorMaps(count, k, height, width, positive, negative);
    }
}
