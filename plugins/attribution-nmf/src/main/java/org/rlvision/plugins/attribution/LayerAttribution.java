package org.rlvision.plugins.attribution;

/**
 * Integrated-gradients attributions of one output to a conv layer for a batch of observations,
 * stored channels-last so that each spatial position's channel vector is contiguous (the rows
 * NMF factorises).
 *
 * @param layer     the layer, e.g. {@code 2b}
 * @param count     N observations
 * @param channels  C
 * @param height    h, the layer's grid height
 * @param width     w, the layer's grid width
 * @param values    {@code [N,h,w,C]} attribution {@code a ⊙ mean_α ∇F(α·a)}, in units of the output
 * @param outputs   {@code [N]} F at each observation
 * @param baseline  F with the layer's activation set to zero (the same for every observation)
 */
public record LayerAttribution(String layer, int count, int channels, int height, int width, float[] values,
                               float[] outputs, float baseline) {
    /** Checks the lengths. */
    public LayerAttribution {
        if ((long) count * height * width * channels != values.length || outputs.length != count) {
            throw new IllegalArgumentException("attributions of " + count + " observations of a " + channels + "x" + height
                    + "x" + width + " layer need " + ((long) count * height * width * channels) + " values and " + count
                    + " outputs, got " + values.length + " and " + outputs.length);
        }
    }

    /** Values per observation, {@code h·w·C}. */
    public int perObservation() {
        return height * width * channels;
    }

    /** The sum of observation i's attributions, which completeness says is {@code F(x_i) − baseline}. */
    public double total(int i) {
        double s = 0;
        int o = i * perObservation();
        for (int j = 0; j < perObservation(); j++) {
            s += values[o + j];
        }
        return s;
    }

    /**
     * The completeness gap over the batch: {@code mean_i |Σ attr_i − (F(x_i) − F(0))| / mean_i |F(x_i) − F(0)|}.
     * Integrated gradients makes it 0 in the limit of many steps; with a right Riemann sum of
     * {@code steps} points it is the quadrature error, O(1/steps).
     */
    public double completenessGap() {
        double gap = 0;
        double size = 0;
        for (int i = 0; i < count; i++) {
            double change = (double) outputs[i] - baseline;
            gap += Math.abs(total(i) - change);
            size += Math.abs(change);
        }
        return size == 0 ? 0 : gap / size;
    }

    /** The attributions as the signed matrix whose NMF the plugin fits: one row per (observation, position). */
    public SignSplitMatrix matrix() {
        return new SignSplitMatrix(values, count * height * width, channels);
    }
}
