package org.rlvision.agent;

import java.util.Arrays;
import org.rlvision.agent.net.NetworkLayout;

/**
 * A change to a network's weights that yields new weights; {@link Agent#withWeightEdit} turns the
 * result into a new agent and never touches the original.
 */
@FunctionalInterface
public interface WeightEdit {
    /**
     * Returns edited weights.
     *
     * @param weights the current weights (not modified)
     * @param layout  the network's layers and parameter keys
     * @return new weights with the same keys and shapes
     */
    StateDict apply(StateDict weights, NetworkLayout layout);

    /** This edit, then {@code next}. */
    default WeightEdit andThen(WeightEdit next) {
        return (w, l) -> next.apply(apply(w, l), l);
    }

    /**
     * Hilton et al.'s edit: make {@code layer} blind to direction {@code v} of its input channels by
     * left-multiplying each input-channel slice of its kernel by {@code P = I − vvᵀ/‖v‖²}.
     *
     * <p>The kernel is {@code [O,C,kh,kw]} for a conv layer or {@code [O, C*h*w]} for a dense layer
     * reading a flattened {@code [C,h,w]} activation; {@code v} has one value per input channel C.
     * When nothing non-linear sits between the previous layer and this kernel (e.g. {@code 2a → 2b}),
     * this equals {@link ActivationHook#projectOut} on the previous layer; across an L2 pool
     * ({@code 2b → 3a}, the article's case) it is the article's approximation.
     *
     * @param layer     the layer whose kernel is edited, e.g. {@code 3a}
     * @param direction v, length C (the previous layer's channel count)
     */
    static WeightEdit projectInputDirection(String layer, float[] direction) {
        float[] v = direction.clone();
        double n2 = 0;
        for (float x : v) {
            n2 += (double) x * x;
        }
        if (v.length == 0 || n2 == 0 || !Double.isFinite(n2)) {
            throw new IllegalArgumentException("a direction must be a non-zero finite vector, got " + Arrays.toString(v));
        }
        double norm2 = n2;
        return (weights, layout) -> {
            String key = layout.inputKernelKey(layer);
            Tensor w = weights.get(key);
            int c = inputChannels(layout, layer, w, v.length);
            int inner = w.stride0() / c;
            float[] d = w.data().clone();
            for (int o = 0; o < w.dim(0); o++) {
                int base = o * c * inner;
                for (int s = 0; s < inner; s++) {
                    double dot = 0;
                    for (int ch = 0; ch < c; ch++) {
                        dot += (double) v[ch] * d[base + ch * inner + s];
                    }
                    double coef = dot / norm2;
                    for (int ch = 0; ch < c; ch++) {
                        d[base + ch * inner + s] = (float) (d[base + ch * inner + s] - coef * v[ch]);
                    }
                }
            }
            return weights.with(key, new Tensor(w.shape(), d));
        };
    }

    /**
     * Sets the slices of {@code layer}'s kernel that read these input channels to zero, so the
     * layer ignores them: equal to {@link ActivationHook#zeroChannels} on the previous layer when
     * nothing non-linear sits between them.
     *
     * @param layer    the layer whose kernel is edited, e.g. {@code 2b}
     * @param channels input channels (the previous layer's channels)
     */
    static WeightEdit zeroInputChannels(String layer, int... channels) {
        int[] chs = channels.clone();
        return (weights, layout) -> {
            String key = layout.inputKernelKey(layer);
            Tensor w = weights.get(key);
            int c = inputChannels(layout, layer, w, -1);
            int inner = w.stride0() / c;
            float[] d = w.data().clone();
            for (int ch : chs) {
                if (ch < 0 || ch >= c) {
                    throw new IllegalArgumentException("input channel " + ch + " of layer '" + layer
                            + "' is outside 0.." + (c - 1));
                }
                for (int o = 0; o < w.dim(0); o++) {
                    Arrays.fill(d, o * c * inner + ch * inner, o * c * inner + (ch + 1) * inner, 0f);
                }
            }
            return weights.with(key, new Tensor(w.shape(), d));
        };
    }

    /**
     * The number of input channels C of {@code layer}'s kernel: the previous layer's channels
     * (or the observation's for the first layer).
     */
    private static int inputChannels(NetworkLayout layout, String layer, Tensor kernel, int directionLength) {
        String prev = layout.previousLayer(layer);
        int c = prev == null ? layout.config().channels() : layout.layer(prev).channels();
        if (kernel.rank() < 2 || kernel.dim(1) % c != 0) {
            throw new IllegalArgumentException("kernel of layer '" + layer + "' has shape " + kernel.shapeText()
                    + ", which does not split into " + c + " input channels");
        }
        if (directionLength >= 0 && directionLength != c) {
            throw new IllegalArgumentException("layer '" + layer + "' reads " + c + " input channels"
                    + (prev == null ? "" : " (from '" + prev + "')") + " but the direction has length "
                    + directionLength + "; give one value per channel");
        }
        return c;
    }
}
