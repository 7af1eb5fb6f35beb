package org.rlvision.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.LayerTap;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.agent.net.ParameterSlot;

/**
 * A loaded actor-critic network with its weights: batched evaluation, activation capture,
 * gradients to any layer and to the input, and interventions.
 *
 * <p>Observations are NHWC uint8 frames (or float pixels {@code uint8/255}); activations come back
 * NCHW as in the network. Every call works in a sub-manager closed before it returns, so memory
 * stays flat; host data reaches the engine through one reused direct buffer per thread, so loops
 * do not pile up direct buffers between garbage collections. Weights are never changed: edits
 * return a new agent. Not thread-safe, and only one gradient call may run at a time per JVM (a
 * PyTorch engine limit).
 */
public final class Agent implements AutoCloseable {
    private static final String ENGINE = "PyTorch";

    private final NDManager manager;
    private final ActorCriticNet net;
    private final ParameterStore store;
    private final Precision precision;
    private boolean closed;

    private Agent(NDManager manager, ActorCriticNet net, Precision precision) {
        this.manager = manager;
        this.net = net;
        this.store = new ParameterStore(manager, false);
        this.precision = precision;
    }

    /** An untrained agent with seeded random weights ({@link WeightInit#random}), float32. */
    public static Agent random(NetworkConfig config, long seed) {
        return of(config, WeightInit.random(ActorCriticNet.build(config).layout(), seed), Precision.FLOAT32);
    }

    /** An agent with these weights, float32; see {@link #of(NetworkConfig, StateDict, Precision)}. */
    public static Agent of(NetworkConfig config, StateDict weights) {
        return of(config, weights, Precision.FLOAT32);
    }

    /**
     * An agent with these weights, which must match the network exactly ({@link WeightCheck}).
     *
     * @param config    the architecture
     * @param weights   weights by {@code state_dict} key
     * @param precision the floating-point type to compute in
     * @throws IllegalArgumentException naming the first missing, extra or mis-shaped tensor
     */
    public static Agent of(NetworkConfig config, StateDict weights, Precision precision) {
        ActorCriticNet net = ActorCriticNet.build(config);
        WeightCheck.require(net.layout(), weights, "the weights");
        NDManager manager = Engine.getEngine(ENGINE).newBaseManager();
        try {
            for (ParameterSlot slot : net.layout().parameters()) {
                Tensor t = weights.get(slot.key());
                Parameter p = net.getParameters().get(slot.djlName());
                p.setInitializer(hostInitializer(slot, t));
            }
            net.freezeParameters(true);
            net.initialize(manager, precision.dataType(), net.inputShape(1));
            return new Agent(manager, net, precision);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static Initializer hostInitializer(ParameterSlot slot, Tensor t) {
        return (m, shape, dataType) -> {
            long[] expected = Arrays.stream(t.shape()).asLongStream().toArray();
            if (!Arrays.equals(shape.getShape(), expected)) {
                throw new IllegalStateException("DJL sized parameter '" + slot.djlName() + "' as " + shape
                        + " but the layout says " + t.shapeText() + "; the layout table is out of date");
            }
            NDArray f32 = m.create(t.data(), shape);
            if (dataType == DataType.FLOAT32) {
                return f32;
            }
            NDArray cast = f32.toType(dataType, false);
            f32.close();
            return cast;
        };
    }

    /** The network's configuration. */
    public NetworkConfig config() {
        return net.config();
    }

    /** Layers, parameters and kernel keys. */
    public NetworkLayout layout() {
        return net.layout();
    }

    /** Layer names in forward order, heads last. */
    public List<String> layerNames() {
        return net.layerNames();
    }

    /** The floating-point type this agent computes in. */
    public Precision precision() {
        return precision;
    }

    /** The DJL block; its parameters must not be modified (use {@link #withWeightEdit}). */
    public ActorCriticNet network() {
        return net;
    }

    /** A float32 copy of the weights by {@code state_dict} key, in network order. */
    public StateDict stateDict() {
        requireOpen();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSlot slot : net.layout().parameters()) {
            out.put(slot.key(), host(net.getParameters().get(slot.djlName()).getArray()));
        }
        return StateDict.of(out);
    }

    /** A new agent with edited weights; this one is unchanged. */
    public Agent withWeightEdit(WeightEdit edit) {
        return of(config(), edit.apply(stateDict(), layout()), precision);
    }

    /** A new agent with the same weights computing in another precision. */
    public Agent withPrecision(Precision p) {
        return of(config(), stateDict(), p);
    }

    /** A policy over this agent; see {@link Policy}. */
    public Policy policy(ActionSelection selection, long seed) {
        return new Policy(this, selection, seed, Hooks.none());
    }

    /** A policy over this agent with activation hooks applied on every step. */
    public Policy policy(ActionSelection selection, long seed, Hooks hooks) {
        requireKnownLayers(hooks);
        return new Policy(this, selection, seed, hooks);
    }

    /** Logits {@code [B,A]} and values {@code [B]} for a batch. */
    public PolicyOutput evaluate(Observations obs) {
        return evaluate(obs, Hooks.none());
    }

    /** Logits and values for a batch with hooks rewriting activations on the way. */
    public PolicyOutput evaluate(Observations obs, Hooks hooks) {
        requireOpen();
        requireKnownLayers(hooks);
        try (NDManager scope = manager.newSubManager()) {
            NDList out = net.forward(store, input(scope, obs), hookTap(hooks));
            return new PolicyOutput(host(out.get(0)), host(out.get(1)));
        }
    }

    /** The activations of {@code layers} for a batch, in one forward pass. */
    public LayerActivations activations(Observations obs, Collection<String> layers) {
        return activations(obs, layers, Hooks.none());
    }

    /**
     * The activations of {@code layers} for a batch in one forward pass, with hooks applied; a
     * hooked layer is captured after its hook. The pass stops after the last requested layer.
     *
     * @param obs    the batch
     * @param layers layer names, e.g. {@code ["2b", "fc2", "v"]}
     * @param hooks  hooks to apply
     * @return the activations, NCHW {@code [B,C,H,W]} or {@code [B,N]}
     */
    public LayerActivations activations(Observations obs, Collection<String> layers, Hooks hooks) {
        requireOpen();
        requireKnownLayers(hooks);
        Set<String> wanted = new LinkedHashSet<>(layers);
        for (String l : wanted) {
            net.layerIndex(l);
        }
        Map<String, Tensor> captured = new LinkedHashMap<>();
        try (NDManager scope = manager.newSubManager()) {
            LayerTap hooked = hookTap(hooks);
            net.forward(store, input(scope, obs), (i, name, a) -> {
                NDArray h = hooked.onLayer(i, name, a);
                if (wanted.contains(name)) {
                    captured.put(name, host(h));
                }
                return h;
            });
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String name : net.layerNames()) {
            if (captured.containsKey(name)) {
                ordered.put(name, captured.get(name));
            }
        }
        return new LayerActivations(ordered);
    }

    /** Gradients of {@code f} with respect to {@code layer}'s activation and to the input. */
    public GradientResult gradient(Observations obs, String layer, OutputFunction f) {
        return gradient(obs, layer, f, Hooks.none());
    }

    /**
     * Gradients of the per-example scalar {@code f} with respect to {@code layer}'s activation and
     * to the input pixels, for a whole batch in one forward and backward pass.
     *
     * <p>The forward pass is split at the layer: its output is detached into a leaf that the rest
     * of the network consumes, so the leaf's gradient is {@code ∂f/∂activation} (PyTorch keeps no
     * gradient for non-leaf arrays); the input gradient is then chained back through the lower
     * part. Hooks apply as in {@link #evaluate(Observations, Hooks)}.
     *
     * @param obs   the batch
     * @param layer any layer name, e.g. {@code 2b}
     * @param f     the scalar per example
     * @param hooks hooks to apply
     * @return the outputs, activation, and both gradients (input gradient NHWC)
     */
    public GradientResult gradient(Observations obs, String layer, OutputFunction f, Hooks hooks) {
        requireOpen();
        requireKnownLayers(hooks);
        int target = net.layerIndex(layer);
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray pixels = pixels(scope, obs);
            pixels.setRequiresGradient(true);
            NDArray[] split = new NDArray[2];
            LayerTap hooked = hookTap(hooks);
            NDList out = net.forward(store, pixels.transpose(0, 3, 1, 2), (i, name, a) -> {
                NDArray h = hooked.onLayer(i, name, a);
                if (i != target) {
                    return h;
                }
                NDArray leaf = h.stopGradient();
                leaf.setRequiresGradient(true);
                split[0] = h;
                split[1] = leaf;
                return leaf;
            });
            NDArray fx = perExample(f, out, obs.count());
            // Keep the graph: for a head layer, the other head's path shares the trunk's graph.
            backwardKeepingGraph(fx.sum());
            NDArray activationGradient = split[1].getGradient();
            collector.backward(split[0].mul(activationGradient).sum());
            return new GradientResult(layer, host(fx), host(split[0]), host(activationGradient),
                    host(pixels.getGradient()));
        }
    }

    /** {@link #gradientAbove(String, Tensor, OutputFunction, Hooks)} without hooks. */
    public LayerGradient gradientAbove(String layer, Tensor activation, OutputFunction f) {
        return gradientAbove(layer, activation, f, Hooks.none());
    }

    /**
     * {@code f} and its gradient with respect to a trunk layer's activation, evaluated at a given
     * activation, running only the layers above it: no pixels, no layers below, no input gradient.
     * For the activation that {@link #gradient(Observations, String, OutputFunction, Hooks)} reports
     * (the layer's output after its hooks) it gives that call's {@code activationGradient}; for any
     * other tensor (e.g. {@code α·a} along an integrated-gradients path) it is the gradient there.
     *
     * @param layer      a trunk layer, e.g. {@code 2b} or {@code fc2} (not the heads {@code pi} and {@code v})
     * @param activation {@code [B,C,H,W]} or {@code [B,N]} as {@link #activations} returns it, any batch size B ≥ 1
     * @param f          the scalar per example
     * @param hooks      hooks on layers above {@code layer} (they apply as in {@link #evaluate(Observations, Hooks)});
     *                   hooks on the layer itself or below would never run, so they are refused
     * @return {@code f} per example and {@code ∂f/∂activation}, shaped like the activation
     * @throws IllegalArgumentException naming the layer, the shape or the hooked layer that is wrong
     */
    public LayerGradient gradientAbove(String layer, Tensor activation, OutputFunction f, Hooks hooks) {
        requireOpen();
        requireKnownLayers(hooks);
        int target = net.layerIndex(layer);
        List<String> names = net.layerNames();
        if (target >= names.size() - 2) {
            throw new IllegalArgumentException("gradientAbove needs a trunk layer but '" + layer + "' is a head; use "
                    + names.get(names.size() - 3) + " or a layer below it");
        }
        for (String hooked : hooks.byLayer().keySet()) {
            if (net.layerIndex(hooked) <= target) {
                throw new IllegalArgumentException("the hook on layer '" + hooked + "' is not above layer '" + layer
                        + "', so gradientAbove would never run it; hook only layers above it or apply it to the activation");
            }
        }
        int[] perExample = layout().layer(layer).shape().stream().mapToInt(Integer::intValue).toArray();
        int[] given = activation.shape();
        if (given.length != perExample.length + 1 || given[0] < 1
                || !Arrays.equals(Arrays.copyOfRange(given, 1, given.length), perExample)) {
            throw new IllegalArgumentException("the activation for layer '" + layer + "' is " + activation.shapeText()
                    + " but must be [B," + Tensor.shapeText(perExample).substring(1) + " with a batch size B >= 1");
        }
        int batch = activation.dim(0);
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray leaf = NativeStaging.floats(scope, activation.data(), shape(activation.shape()), precision.dataType());
            leaf.setRequiresGradient(true);
            NDList out = net.forwardAbove(store, target, leaf, hookTap(hooks));
            NDArray fx = perExample(f, out, batch);
            collector.backward(fx.sum());
            return new LayerGradient(layer, host(fx), host(leaf.getGradient()));
        }
    }

    private static Shape shape(int[] dims) {
        return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }

    /**
     * The gradient of {@code f} with respect to the input pixels {@code x = uint8/255}, NHWC
     * {@code [B,H,W,C]}, with hooks applied.
     */
    public Tensor inputGradient(Observations obs, OutputFunction f, Hooks hooks) {
        requireOpen();
        requireKnownLayers(hooks);
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray pixels = pixels(scope, obs);
            pixels.setRequiresGradient(true);
            NDList out = net.forward(store, pixels.transpose(0, 3, 1, 2), hookTap(hooks));
            collector.backward(perExample(f, out, obs.count()).sum());
            return host(pixels.getGradient());
        }
    }

    /** Back-propagates from a scalar, keeping the graph for a second pass (DJL's collector cannot). */
    private static void backwardKeepingGraph(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, true, false);
        }
    }

    private static NDArray perExample(OutputFunction f, NDList out, int count) {
        NDArray fx = f.apply(out.get(0), out.get(1));
        if (fx.getShape().dimension() != 1 || fx.getShape().get(0) != count) {
            throw new IllegalArgumentException("output function '" + f.describe() + "' must give one scalar per "
                    + "observation, shape [" + count + "], but gave " + fx.getShape());
        }
        return fx;
    }

    /** The input as float NCHW {@code [B,C,H,W]} (a channels-last view of NHWC pixels). */
    private NDArray input(NDManager scope, Observations obs) {
        return pixels(scope, obs).transpose(0, 3, 1, 2);
    }

    /** Float pixels {@code [B,H,W,C]} in [0,1] in this agent's precision, without gradient history. */
    private NDArray pixels(NDManager scope, Observations obs) {
        NetworkConfig c = config();
        if (obs.height() != c.height() || obs.width() != c.width() || obs.channels() != c.channels()) {
            throw new IllegalArgumentException("observations are " + obs.height() + "x" + obs.width() + "x"
                    + obs.channels() + " but the network expects " + c.height() + "x" + c.width() + "x" + c.channels());
        }
        Shape shape = new Shape(obs.count(), obs.height(), obs.width(), obs.channels());
        DataType dt = precision.dataType();
        if (obs instanceof Observations.Frames f) {
            return NativeStaging.bytes(scope, f.data(), shape, dt).div(255);
        }
        Observations.Pixels p = (Observations.Pixels) obs;
        return NativeStaging.floats(scope, p.data(), shape, dt);
    }

    private static LayerTap hookTap(Hooks hooks) {
        if (hooks.isEmpty()) {
            return LayerTap.IDENTITY;
        }
        Map<String, ActivationHook> byLayer = hooks.byLayer();
        return (i, name, a) -> {
            ActivationHook h = byLayer.get(name);
            if (h == null) {
                return a;
            }
            NDArray out = h.apply(a);
            if (!out.getShape().equals(a.getShape())) {
                throw new IllegalArgumentException("the hook on layer '" + name + "' changed its shape from "
                        + a.getShape() + " to " + out.getShape() + "; hooks must keep the shape");
            }
            return out;
        };
    }

    private void requireKnownLayers(Hooks hooks) {
        for (String layer : hooks.byLayer().keySet()) {
            net.layerIndex(layer);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this agent is closed; load the model again");
        }
    }

    /** A float32 host copy of an array. */
    static Tensor host(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        if (a.getDataType() == DataType.FLOAT32) {
            return new Tensor(shape, a.toFloatArray());
        }
        try (NDArray f32 = a.toType(DataType.FLOAT32, false)) {
            return new Tensor(shape, f32.toFloatArray());
        }
    }

    /** Frees the weights; the agent cannot be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
