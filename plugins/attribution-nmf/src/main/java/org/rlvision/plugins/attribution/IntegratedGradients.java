package org.rlvision.plugins.attribution;

import org.rlvision.agent.IntraOpThreads;
import java.util.List;
import java.util.function.IntConsumer;
import org.rlvision.agent.Agent;
import org.rlvision.agent.LayerGradient;
import org.rlvision.agent.Observations;
import org.rlvision.agent.Tensor;
import org.rlvision.agent.net.LayerInfo;

/**
 * Integrated gradients from a hidden layer to an output (Sundararajan et al. 2017, as Hilton
 * et al. use it): zero baseline, straight path, attribution {@code a ⊙ (1/m) Σ_{i=1..m} ∇F(α_i·a)}
 * with {@code α_i = i/m} (10 steps: α = 0.1, …, 1.0, a right Riemann sum).
 *
 * <p>Per batch of observations the layer's activation {@code a} is computed once
 * ({@link Agent#activations}); the gradients at {@code α·a} then come from
 * {@link Agent#gradientAbove}, which runs only the layers above, with several α copies of the batch
 * stacked into one call ({@value #DEFAULT_ROWS_PER_CALL} rows). It reports {@code ∂F/∂activation}
 * evaluated at the activation it is given, i.e. {@code ∇F(α·a)}, not the chain-rule gradient
 * {@code α·∇F(α·a)} with respect to the unscaled activation; the tiny-network test pins this down.
 * This equals the former path (a full {@link Agent#gradient} per α with a hook scaling the layer by
 * α) to float rounding, at about a quarter of its cost on {@code 2b}: it no longer re-runs the
 * layers below for every α nor back-propagates through them to the pixels (the demo's 4,096
 * observations of the shipped agent: 85–92 s before, 23 s after, on a shared 2-core machine).
 *
 * <p>Calls run with one PyTorch intra-op thread ({@link IntraOpThreads}). An instance reuses its
 * stacking buffer between calls: use it from one thread.
 */
public final class IntegratedGradients {
    /** The article's number of steps. */
    public static final int DEFAULT_STEPS = 10;
    /** Observations per batch: one activation pass, then the gradient calls for all α. */
    public static final int DEFAULT_BATCH = 64;
    /**
     * Rows per gradient call: two α copies of a 64-observation batch stacked into one call. Measured
     * on the shipped agent's {@code 2b} (512 observations, 10 α, one thread, shared 2-core machine):
     * 64 rows 4.8–6.2, 128 rows 4.7–5.3, 256 rows 6.3–6.5, 640 rows 8.0 ms per observation; larger
     * stacks fall out of cache, so stacking gains little and more of it loses.
     */
    static final int DEFAULT_ROWS_PER_CALL = 128;

    private final Agent agent;
    private final String layer;
    private float[] stacked;
    private final AttributedOutput output;
    private final int steps;
    private final int batch;
    private final int rowsPerCall;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * Sets up attribution to a layer.
     *
     * @param agent  the model
     * @param layer  a conv layer, e.g. {@code 2b}, or a dense trunk one (its N units are then N channels of a 1×1 grid)
     * @param output what to attribute
     * @param steps  Riemann steps m (≥ 1)
     * @param batch  observations per activation pass (≥ 1)
     * @throws IllegalArgumentException naming the layer if it is unknown, a head, or neither conv nor dense
     */
    public IntegratedGradients(Agent agent, String layer, AttributedOutput output, int steps, int batch) {
        this(agent, layer, output, steps, batch, DEFAULT_ROWS_PER_CALL);
    }

    /** As {@link #IntegratedGradients(Agent, String, AttributedOutput, int, int)}, with a number of rows per gradient call. */
    IntegratedGradients(Agent agent, String layer, AttributedOutput output, int steps, int batch, int rowsPerCall) {
        if (steps < 1 || batch < 1 || rowsPerCall < 1) {
            throw new IllegalArgumentException("integrated gradients needs steps, batch and rows per call >= 1, got "
                    + steps + ", " + batch + " and " + rowsPerCall);
        }
        LayerInfo info = agent.layout().layer(layer);
        if (info.shape().size() != 3 && info.shape().size() != 1
                || agent.layerNames().indexOf(layer) >= agent.layerNames().size() - 2) {
            throw new IllegalArgumentException("layer '" + layer + "' has shape " + info.shape()
                    + "; attribute to a conv layer ([C,H,W], e.g. 2b) or a dense trunk layer ([N], e.g. fc1; not a head)");
        }
        boolean conv = info.shape().size() == 3;
        this.agent = agent;
        this.layer = layer;
        this.output = output;
        this.steps = steps;
        this.batch = batch;
        this.rowsPerCall = rowsPerCall;
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
    public float baseline() {
        return agent.gradientAbove(layer, Tensor.zeros(agent.layout().layer(layer).batchShape(1)), output.function())
                .outputs().data()[0];
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
            Tensor a = agent.activations(obs, List.of(layer)).get(layer);
            float[] activation = a.data();
            java.util.Arrays.fill(meanGradient, 0f);
            int alphasPerCall = Math.max(1, Math.min(steps, rowsPerCall / b));
            for (int first = 1; first <= steps; first += alphasPerCall) {
                int k = Math.min(alphasPerCall, steps - first + 1);
                LayerGradient g = agent.gradientAbove(layer, scaled(a, first, k), output.function());
                float[] grad = g.gradient().data();
                for (int r = 0; r < k; r++) {
                    int off = r * b * per;
                    for (int j = 0; j < b * per; j++) {
                        meanGradient[j] += grad[off + j];
                    }
                }
                if (first + k - 1 == steps) {
                    System.arraycopy(g.outputs().data(), (k - 1) * b, outputs, start, b);
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
        return new LayerAttribution(layer, n, channels, height, width, values, outputs, baseline());
    }

    /** {@code [α_first·a; …; α_{first+k−1}·a]}, k copies of the batch stacked along the batch axis. */
    /**
     * {@code k} copies of {@code a} scaled by α = first/steps … (first+k−1)/steps, stacked on the batch
     * axis, in a buffer reused from call to call (the agent copies it to PyTorch and keeps no reference).
     */
    private Tensor scaled(Tensor a, int first, int k) {
        float[] src = a.data();
        int size = Math.multiplyExact(k, src.length);
        if (stacked == null || stacked.length != size) {
            stacked = new float[size];
        }
        float[] out = stacked;
        for (int r = 0; r < k; r++) {
            float alpha = (float) (first + r) / steps;
            int off = r * src.length;
            for (int j = 0; j < src.length; j++) {
                out[off + j] = alpha * src[j];
            }
        }
        int[] shape = a.shape();
        shape[0] *= k;
        return new Tensor(shape, out);
    }
}
