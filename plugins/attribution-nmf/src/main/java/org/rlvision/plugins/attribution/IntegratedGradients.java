package org.rlvision.plugins.attribution;

import java.util.function.IntConsumer;
import org.rlvision.agent.Agent;
import org.rlvision.agent.GradientResult;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.Observations;
import org.rlvision.agent.net.LayerInfo;

/**
 * Integrated gradients from a hidden layer to an output (Sundararajan et al. 2017, as Hilton
 * et al. use it): zero baseline, straight path, attribution {@code a ⊙ (1/m) Σ_{i=1..m} ∇F(α_i·a)}
 * with {@code α_i = i/m} (10 steps: α = 0.1, …, 1.0, a right Riemann sum).
 *
 * <p>The gradient at {@code α·a} comes from {@link Agent#gradient(Observations, String,
 * org.rlvision.agent.OutputFunction, Hooks)} with a hook on the layer that scales its activation
 * by α. That call applies the hook first and then cuts the graph at the hooked activation
 * ({@code leaf = hooked.stopGradient()}), so the gradient it reports is {@code ∂F/∂(hooked
 * activation)} evaluated at {@code α·a}, i.e. {@code ∇F(α·a)}, not the chain-rule gradient
 * {@code α·∇F(α·a)} with respect to the unscaled activation; the tiny-network test pins this down.
 * The activation it reports is the hooked one, so the α = 1 call gives {@code a} itself.
 *
 * <p>Calls run with one PyTorch intra-op thread ({@link IntraOpThreads}), one batch of
 * observations per α.
 */
public final class IntegratedGradients {
    /** The article's number of steps. */
    public static final int DEFAULT_STEPS = 10;
    /** Observations per gradient call. */
    public static final int DEFAULT_BATCH = 64;

    private final Agent agent;
    private final String layer;
    private final AttributedOutput output;
    private final int steps;
    private final int batch;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * Sets up attribution to a layer.
     *
     * @param agent  the model
     * @param layer  a conv layer, e.g. {@code 2b}, or a dense one (its N units are then N channels of a 1×1 grid)
     * @param output what to attribute
     * @param steps  Riemann steps m (≥ 1)
     * @param batch  observations per gradient call (≥ 1)
     * @throws IllegalArgumentException naming the layer if it is unknown or neither conv nor dense
     */
    public IntegratedGradients(Agent agent, String layer, AttributedOutput output, int steps, int batch) {
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("integrated gradients needs steps >= 1 and batch >= 1, got " + steps + " and " + batch);
        }
        LayerInfo info = agent.layout().layer(layer);
        if (info.shape().size() != 3 && info.shape().size() != 1) {
            throw new IllegalArgumentException("layer '" + layer + "' has shape " + info.shape()
                    + "; attribute to a conv layer ([C,H,W], e.g. 2b) or a dense one ([N])");
        }
        boolean conv = info.shape().size() == 3;
        this.agent = agent;
        this.layer = layer;
        this.output = output;
        this.steps = steps;
        this.batch = batch;
        this.channels = info.shape().get(0);
        this.height = conv ? info.shape().get(1) : 1;
        this.width = conv ? info.shape().get(2) : 1;
    }

    /** The layer's grid height h. */
    public int height() {
        return height;
    }

    /** The layer's grid width w. */
    public int width() {
        return width;
    }

    /** The layer's channels C. */
    public int channels() {
        return channels;
    }

    /** F with the layer's activation replaced by zeros (independent of the observation). */
    public float baseline(Observations.Frames any) {
        Observations.Frames one = new Observations.Frames(1, any.height(), any.width(), any.channels(),
                java.util.Arrays.copyOf(any.data(), any.height() * any.width() * any.channels()));
        return agent.gradient(one, layer, output.function(), Hooks.of(layer, a -> a.mul(0f))).outputs().data()[0];
    }

    /**
     * Attributes every observation.
     *
     * @param frames   the observations, NHWC uint8
     * @param progress told the number of observations done after each batch
     * @return the attributions, channels-last
     */
    public LayerAttribution attribute(Observations.Frames frames, IntConsumer progress) {
        IntraOpThreads threads = IntraOpThreads.use(1);
        try {
            return attributeAll(frames, progress);
        } finally {
            threads.close();
        }
    }

    private LayerAttribution attributeAll(Observations.Frames frames, IntConsumer progress) {
        int n = frames.count();
        int per = channels * height * width;
        int frameBytes = frames.height() * frames.width() * frames.channels();
        float[] values = new float[Math.multiplyExact(n, per)];
        float[] outputs = new float[n];
        float[] meanGradient = new float[batch * per];
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            byte[] data = java.util.Arrays.copyOfRange(frames.data(), start * frameBytes, (start + b) * frameBytes);
            Observations.Frames obs = new Observations.Frames(b, frames.height(), frames.width(), frames.channels(), data);
            java.util.Arrays.fill(meanGradient, 0f);
            float[] activation = null;
            for (int i = 1; i <= steps; i++) {
                float alpha = (float) i / steps;
                GradientResult g = agent.gradient(obs, layer, output.function(), Hooks.of(layer, a -> a.mul(alpha)));
                float[] grad = g.activationGradient().data();
                for (int j = 0; j < b * per; j++) {
                    meanGradient[j] += grad[j];
                }
                if (i == steps) {
                    activation = g.activation().data();
                    System.arraycopy(g.outputs().data(), 0, outputs, start, b);
                }
            }
            float inv = 1f / steps;
            int hw = height * width;
            // [b,C,h,w] → [b,h,w,C]
            for (int o = 0; o < b; o++) {
                for (int c = 0; c < channels; c++) {
                    int src = (o * channels + c) * hw;
                    int dst = (start + o) * per + c;
                    for (int p = 0; p < hw; p++) {
                        values[dst + p * channels] = activation[src + p] * meanGradient[src + p] * inv;
                    }
                }
            }
            progress.accept(b);
        }
        return new LayerAttribution(layer, n, channels, height, width, values, outputs, baseline(frames));
    }
}
