package org.rlvision.agent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.rlvision.agent.Agent;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.LayerTap;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.net.ParameterSlot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network being trained: float32 parameters that require gradients, DJL's Adam, and the
 * global-norm gradient clipping PPO uses. One step = forward on a uint8 batch, a loss built by
 * the caller, backward, clip, update; every temporary lives in a sub-manager closed after the
 * step. {@link #snapshot()} returns the weights as an ordinary {@link Agent}-ready
 * {@link StateDict}.
 */
public final class TrainableNet implements AutoCloseable {
    private final NetworkConfig config;
    private final NDManager manager;
    private final ActorCriticNet net;
    private final ParameterStore store;
    private final Optimizer adam;
    private final float maxGradNorm;
    private final List<ParameterSlot> slots;

    /**
     * Creates the network with these starting weights.
     *
     * @param config       architecture
     * @param weights      starting weights ({@code state_dict} keys)
     * @param learningRate Adam's learning rate
     * @param maxGradNorm  global gradient-norm clip (≤ 0 disables)
     */
    public TrainableNet(NetworkConfig config, StateDict weights, float learningRate, float maxGradNorm) {
        this.config = config;
        this.maxGradNorm = maxGradNorm;
        this.net = ActorCriticNet.build(config);
        this.slots = net.layout().parameters();
        this.manager = Engine.getEngine("PyTorch").newBaseManager();
        for (ParameterSlot slot : slots) {
            Tensor t = weights.get(slot.key());
            Parameter p = net.getParameters().get(slot.djlName());
            p.setInitializer((m, shape, dataType) -> m.create(t.data(), shape));
        }
        net.initialize(manager, DataType.FLOAT32, net.inputShape(1));
        this.store = new ParameterStore(manager, false);
        this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
    }

    /** The architecture. */
    public NetworkConfig config() {
        return config;
    }

    /** Builds the loss of one minibatch from the network's outputs. */
    @FunctionalInterface
    public interface Loss {
        /**
         * @param logits {@code [B,A]}
         * @param values {@code [B]}
         * @param scope  manager for temporaries
         * @return a scalar loss
         */
        NDArray of(NDArray logits, NDArray values, NDManager scope);
    }

    /**
     * One optimisation step on a batch of uint8 frames.
     *
     * @param frames {@code [B,64,64,3]} uint8 NHWC
     * @param batch  B
     * @param loss   the loss to minimise
     * @return the loss value before the update
     */
    public float step(byte[] frames, int batch, Loss loss) {
        float value;
        try (NDManager scope = manager.newSubManager();
             GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = scope.create(java.nio.ByteBuffer.wrap(frames, 0, batch * config.height() * config.width() * config.channels()),
                            new Shape(batch, config.height(), config.width(), config.channels()), DataType.UINT8)
                    .toType(DataType.FLOAT32, false).div(255).transpose(0, 3, 1, 2);
            NDList out = net.forward(store, x, LayerTap.IDENTITY);
            NDArray l = loss.of(out.get(0), out.get(1), scope);
            value = l.getFloat();
            gc.backward(l);
            update(scope);
        }
        return value;
    }

    private void update(NDManager scope) {
        float scale = 1f;
        if (maxGradNorm > 0) {
            double sq = 0;
            // temporaries of the norm would otherwise attach to the parameters' long-lived manager
            try (ai.djl.ndarray.NDScope ignored = new ai.djl.ndarray.NDScope()) {
                for (ParameterSlot slot : slots) {
                    NDArray g = net.getParameters().get(slot.djlName()).getArray().getGradient();
                    sq += g.square().sum().getFloat();
                }
            }
            double norm = Math.sqrt(sq);
            if (norm > maxGradNorm) {
                scale = (float) (maxGradNorm / (norm + 1e-6));
            }
        }
        for (ParameterSlot slot : slots) {
            NDArray w = net.getParameters().get(slot.djlName()).getArray();
            NDArray g = w.getGradient(); // a new handle to the parameter's gradient: closed below
            if (scale != 1f) {
                g.muli(scale);
            }
            adam.update(slot.djlName(), w, g);
            g.subi(g); // zero for the next step
            g.close();
        }
    }

    /** Evaluates logits and values without gradients ({@code [B,A]} row-major, {@code [B]}). */
    public void evaluate(byte[] frames, int batch, float[] logitsOut, float[] valuesOut) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(java.nio.ByteBuffer.wrap(frames, 0, batch * config.height() * config.width() * config.channels()),
                            new Shape(batch, config.height(), config.width(), config.channels()), DataType.UINT8)
                    .toType(DataType.FLOAT32, false).div(255).transpose(0, 3, 1, 2);
            NDList out = net.forward(store, x.stopGradient(), LayerTap.IDENTITY);
            float[] l = out.get(0).toFloatArray();
            float[] v = out.get(1).toFloatArray();
            System.arraycopy(l, 0, logitsOut, 0, l.length);
            System.arraycopy(v, 0, valuesOut, 0, v.length);
        }
    }

    /** The current weights as a float32 {@code state_dict}. */
    public StateDict snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSlot slot : slots) {
            NDArray a = net.getParameters().get(slot.djlName()).getArray();
            int[] shape = java.util.Arrays.stream(a.getShape().getShape()).mapToInt(d -> (int) d).toArray();
            out.put(slot.key(), new Tensor(shape, a.toFloatArray()));
        }
        return StateDict.of(out);
    }

    @Override
    public void close() {
        manager.close();
    }
}
