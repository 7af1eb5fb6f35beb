package org.rlvision.plugins.attribution;

import java.util.Arrays;
import java.util.List;

/**
 * How the interface stores and brightens attribution maps. The normaliser is the spec's
 * "median per-frame max": for every step of every trajectory, the largest positive or negative
 * attribution over all factors and positions; the median of those maxima over all steps. At
 * gain 1 the page draws a value equal to the normaliser at full brightness.
 *
 * <p>Maps are stored as uint8: {@code q = round(255 · min(1, v / clip))} with
 * {@code clip = HEADROOM × normaliser}, so values up to {@code HEADROOM} times the normaliser
 * keep 255 levels (the page's gain goes down to {@code 1/HEADROOM}, where everything stored is
 * still below full brightness) and larger ones are clipped. Negative inputs (solver round-off
 * below zero) are stored as 0.
 *
 * @param normaliser median per-frame max (&gt; 0)
 * @param clip       the value stored as 255, {@code HEADROOM × normaliser}
 */
public record PageScale(float normaliser, float clip) {
    /** How many normalisers fit below the clipping value. */
    public static final float HEADROOM = 4f;

    /** Checks that both numbers are positive and finite. */
    public PageScale {
        if (!(normaliser > 0 && Float.isFinite(normaliser) && clip > 0 && Float.isFinite(clip))) {
            throw new IllegalArgumentException("page scale needs a positive finite normaliser and clip, got "
                    + normaliser + " and " + clip);
        }
    }

    /**
     * The scale of these trajectories' attribution maps. When the median is 0 (most frames
     * carry no attribution) the largest per-frame max is used instead, and 1 when every map is 0.
     *
     * @param trajectories the trajectories, with {@code positive} and {@code negative} of shape {@code [T,k,h,w]}
     * @param cellsPerStep {@code k·h·w}, the number of values per step and sign
     */
    public static PageScale of(List<TrajectoryView> trajectories, int cellsPerStep) {
        int steps = trajectories.stream().mapToInt(TrajectoryView::length).sum();
        float[] maxima = new float[steps];
        int s = 0;
        for (TrajectoryView t : trajectories) {
            for (int step = 0; step < t.length(); step++) {
                float m = 0;
                int from = step * cellsPerStep;
                for (int i = from; i < from + cellsPerStep; i++) {
                    m = Math.max(m, Math.max(t.positive()[i], t.negative()[i]));
                }
                maxima[s++] = m;
            }
        }
        Arrays.sort(maxima);
        float n = 0;
        if (steps > 0) {
            n = steps % 2 == 1 ? maxima[steps / 2] : (maxima[steps / 2 - 1] + maxima[steps / 2]) / 2;
            if (n == 0) {
                n = maxima[steps - 1];
            }
        }
        if (n == 0) {
            n = 1;
        }
        return new PageScale(n, HEADROOM * n);
    }

    /**
     * Quantises attributions to uint8 as described above.
     *
     * @param values attributions (≥ 0, finite)
     * @return one byte per value, read as unsigned
     */
    public byte[] quantise(float[] values) {
        byte[] q = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("attribution value " + i + " is NaN; the attribution maps must be finite");
            }
            q[i] = (byte) Math.round(255 * Math.min(1f, Math.max(0f, v / clip)));
        }
        return q;
    }

    /** The attribution a stored byte stands for, {@code q / 255 · clip} (the page's inverse). */
    public float value(int q) {
        return (q & 0xFF) / 255f * clip;
    }
}
