package org.rlvision.agent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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
 * A network being trained: float32 parameters that require gradients, Adam (β 0.9/0.999, ε 1e-8,
 * as DJL's and PyTorch's, with its moments exportable for exact resumes) and the global-norm
 * gradient clipping PPO uses. One step = forward on a uint8 batch, a loss built by
 * the caller, backward, clip, update; every temporary lives in a sub-manager closed after the
 * step. {@link #snapshot()} returns the weights as an ordinary {@link Agent}-ready
 * {@link StateDict}.
 */
public final class TrainableNet implements AutoCloseable {
    private final NetworkConfig config;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final NDManager manager;
    private final ActorCriticNet net;
    private final ParameterStore store;
    private float learningRate;
    private final float maxGradNorm;
    private final List<ParameterSlot> slots;
    /** Each parameter's squared gradient norm in the last step (read only to explain a refused step). */
    private final double[] slotSquares;
    private final NDArray[] firstMoments;
    private final NDArray[] secondMoments;
    private long adamStep;

    /**
     * Creates the network with these starting weights.
     *
     * @param config       architecture
     * @param weights      starting weights ({@code state_dict} keys)
     * @param learningRate Adam's learning rate
     * @param maxGradNorm  global gradient-norm clip (≤ 0 disables)
     */
    public TrainableNet(NetworkConfig config, StateDict weights, float learningRate, float maxGradNorm) {
        this(config, weights, null, learningRate, maxGradNorm);
    }

    /**
     * Creates the network with these starting weights and Adam's state from a checkpoint.
     *
     * @param optimizer Adam's state to continue from, or null to start Adam afresh
     */
    public TrainableNet(NetworkConfig config, StateDict weights, OptimizerState optimizer, float learningRate, float maxGradNorm) {
        this.config = config;
        this.learningRate = learningRate;
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
        this.slotSquares = new double[slots.size()];
        this.firstMoments = new NDArray[slots.size()];
        this.secondMoments = new NDArray[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            ParameterSlot slot = slots.get(i);
            Shape shape = net.getParameters().get(slot.djlName()).getArray().getShape();
            firstMoments[i] = optimizer == null ? manager.zeros(shape) : moment(optimizer.firstMoments(), slot, shape);
            secondMoments[i] = optimizer == null ? manager.zeros(shape) : moment(optimizer.secondMoments(), slot, shape);
        }
        this.adamStep = optimizer == null ? 0 : optimizer.step();
    }

    private NDArray moment(StateDict moments, ParameterSlot slot, Shape shape) {
        if (!moments.contains(slot.key())) {
            throw new IllegalArgumentException("Adam's state has no moment for parameter " + slot.key());
        }
        Tensor t = moments.get(slot.key());
        if (t.size() != shape.size()) {
            throw new IllegalArgumentException("Adam's moment for " + slot.key() + " has " + t.size() + " values, the parameter "
                    + shape.size());
        }
        return manager.create(t.data(), shape);
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

    /** Builds the loss of a run of rows of a minibatch from the network's outputs on those rows. */
    @FunctionalInterface
    public interface RowsLoss {
        /**
         * @param logits {@code [count,A]} for rows {@code offset .. offset+count-1} of the minibatch
         * @param values {@code [count]}
         * @param offset first row of the minibatch these outputs belong to
         * @param count  rows
         * @param scope  manager for temporaries
         * @return the mean loss over these rows (a scalar)
         */
        NDArray of(NDArray logits, NDArray values, int offset, int count, NDManager scope);
    }

    /** Rows per forward/backward pass when a minibatch is larger (see {@link #step(byte[], int, RowsLoss)}). */
    public static final int MICRO_BATCH = 256;

    /**
     * One optimisation step on a batch of uint8 frames.
     *
     * @param frames {@code [B,64,64,3]} uint8 NHWC
     * @param batch  B
     * @param loss   the loss to minimise
     * @return the loss value before the update
     */
    public float step(byte[] frames, int batch, Loss loss) {
        float value = accumulate(frames, 0, batch, 1f, (l, v, offset, count, scope) -> loss.of(l, v, scope));
        update();
        return value;
    }

    /**
     * One optimisation step on a large minibatch, run as passes of at most {@link #MICRO_BATCH} rows
     * whose gradients add up (each pass's mean loss weighted by its share of the rows), so the step
     * is the one the whole minibatch would give, up to float rounding, without the whole minibatch's
     * activations in memory (a PPO update of 64×256 steps, 3 epochs of 2,048-row minibatches, took
     * 172 s here in whole-minibatch passes and 112 s in passes of 256 rows).
     *
     * @param frames {@code [B,64,64,3]} uint8 NHWC
     * @param batch  B
     * @param loss   the mean loss of a run of rows
     * @return the minibatch's mean loss before the update
     */
    public float step(byte[] frames, int batch, RowsLoss loss) {
        float value = accumulate(frames, batch, MICRO_BATCH, loss);
        update();
        return value;
    }

    /** Adds the minibatch's gradient in passes of {@code rowsPerPass} rows; returns its mean loss. */
    private float accumulate(byte[] frames, int batch, int rowsPerPass, RowsLoss loss) {
        double value = 0;
        for (int offset = 0; offset < batch; offset += rowsPerPass) {
            int count = Math.min(rowsPerPass, batch - offset);
            float weight = (float) count / batch;
            value += weight * accumulate(frames, offset, count, weight, loss);
        }
        return (float) value;
    }

    /**
     * The gradient of a minibatch's loss computed in passes of {@code rowsPerPass} rows, without
     * an update (the gradient is zeroed again); for tests of the pass splitting.
     */
    StateDict gradient(byte[] frames, int batch, int rowsPerPass, RowsLoss loss) {
        accumulate(frames, batch, rowsPerPass, loss);
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (NDScope ignored = new NDScope()) {
            for (ParameterSlot slot : slots) {
                NDArray g = net.getParameters().get(slot.djlName()).getArray().getGradient();
                int[] shape = java.util.Arrays.stream(g.getShape().getShape()).mapToInt(d -> (int) d).toArray();
                out.put(slot.key(), new Tensor(shape, g.toFloatArray()));
                g.subi(g);
            }
        }
        return StateDict.of(out);
    }

    /** Forward and backward on rows {@code offset..offset+count-1}; gradients add up until {@link #update()}. */
    private float accumulate(byte[] frames, int offset, int count, float weight, RowsLoss loss) {
        try (NDManager scope = manager.newSubManager();
             GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            int rowBytes = config.height() * config.width() * config.channels();
            NDArray x = scope.create(java.nio.ByteBuffer.wrap(frames, offset * rowBytes, count * rowBytes).slice(),
                            new Shape(count, config.height(), config.width(), config.channels()), DataType.UINT8)
                    .toType(DataType.FLOAT32, false).div(255).transpose(0, 3, 1, 2);
            NDList out = net.forward(store, x, LayerTap.IDENTITY);
            NDArray l = loss.of(out.get(0), out.get(1), offset, count, scope);
            float value = l.getFloat();
            gc.backward(weight == 1f ? l : l.mul(weight));
            return value;
        }
    }

    /**
     * Clips the summed gradient, takes one Adam step and zeroes the gradient; a gradient whose norm
     * is not finite is cleared without a step and {@link NonFiniteLossException} thrown, so the
     * weights and Adam's moments stay as they were.
     */
    private void update() {
        double sq = 0; // the norm is needed to refuse a non-finite gradient even when clipping is off
        // temporaries of the norm would otherwise attach to the parameters' long-lived manager
        try (NDScope ignored = new NDScope()) {
            for (int i = 0; i < slots.size(); i++) {
                NDArray g = net.getParameters().get(slots.get(i).djlName()).getArray().getGradient();
                slotSquares[i] = g.square().sum().getFloat();
                sq += slotSquares[i];
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            clearGradients();
            throw new NonFiniteLossException("the gradient's norm is " + norm + "; the step was not taken ("
                    + GradientReport.of(slots, slotSquares) + ")");
        }
        float scale = maxGradNorm > 0 && norm > maxGradNorm ? (float) (maxGradNorm / (norm + 1e-6)) : 1f;
        adamStep++;
        float stepSize = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, adamStep)) / (1 - Math.pow(BETA1, adamStep)));
        try (NDScope ignored = new NDScope()) {
            for (int i = 0; i < slots.size(); i++) {
                NDArray w = net.getParameters().get(slots.get(i).djlName()).getArray();
                NDArray g = w.getGradient();
                if (scale != 1f) {
                    g.muli(scale);
                }
                firstMoments[i].muli(BETA1).addi(g.mul(1 - BETA1));
                secondMoments[i].muli(BETA2).addi(g.square().muli(1 - BETA2));
                // a detached alias shares the parameter's storage, so the in-place update reaches it
                w.stopGradient().subi(firstMoments[i].div(secondMoments[i].sqrt().addi(EPSILON)).muli(stepSize));
                g.subi(g); // zero for the next step
            }
        }
    }

    /** Sets every gradient to zero by overwriting it (subtracting a NaN from itself would leave NaN). */
    private void clearGradients() {
        for (ParameterSlot slot : slots) {
            NDArray g = net.getParameters().get(slot.djlName()).getArray().getGradient();
            g.set(new float[Math.toIntExact(g.size())]);
        }
    }

    /**
     * Sets Adam's learning rate for the steps from now on (a schedule's rate for the next update);
     * Adam's moments are kept.
     */
    public void setLearningRate(float rate) {
        if (!(rate > 0) || Float.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
        this.learningRate = rate;
    }

    /** Adam's learning rate of the next step. */
    public float learningRate() {
        return learningRate;
    }

    /** Adam's state now (for a checkpoint). */
    public OptimizerState optimizerState() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        Map<String, Tensor> v = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            int[] shape = java.util.Arrays.stream(firstMoments[i].getShape().getShape()).mapToInt(d -> (int) d).toArray();
            m.put(slots.get(i).key(), new Tensor(shape, firstMoments[i].toFloatArray()));
            v.put(slots.get(i).key(), new Tensor(shape, secondMoments[i].toFloatArray()));
        }
        return new OptimizerState(adamStep, StateDict.of(m), StateDict.of(v));
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
