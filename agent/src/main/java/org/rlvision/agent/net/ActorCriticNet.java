package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An actor-critic network as a DJL block whose children are its named layers, in order: the
 * trunk (e.g. {@code 1a 2a 2b 3a 4a fc1 fc2}), then the heads {@code pi} and {@code v}.
 *
 * <p>Input: float {@code [B,C,H,W]} pixels in [0,1]. Output: {@code NDList(logits [B,A], value [B])}.
 * Every layer's output is the activation the article names (post-ReLU for the clear CNN); pooling
 * belongs to the layer that consumes it. The child blocks are named {@code 01<layer>},
 * {@code 02<layer>}…, so DJL parameter names look like {@code 032b_01conv_weight};
 * {@link #layout()} maps them to PyTorch {@code state_dict} keys such as {@code conv2b.weight}.
 */
public final class ActorCriticNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final NetworkConfig config;
    private final List<String> names = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final int trunkSize;
    private final NetworkLayout layout;

    private ActorCriticNet(NetworkConfig config) {
        super(VERSION);
        this.config = config;
        if (config.architecture() == Architecture.CLEAR_CNN) {
            List<Integer> c = config.convChannels();
            add("1a", new ConvStage("conv1a", c.get(0), 7, false));
            add("2a", new ConvStage("conv2a", c.get(1), 5, true));
            add("2b", new ConvStage("conv2b", c.get(2), 5, false));
            add("3a", new ConvStage("conv3a", c.get(3), 5, true));
            add("4a", new ConvStage("conv4a", c.get(4), 5, true));
            List<Integer> d = config.denseUnits();
            for (int i = 0; i < d.size(); i++) {
                String name = "fc" + (i + 1);
                add(name, new DenseStage(name, d.get(i), i == 0 ? DenseStage.Input.L2_POOL : DenseStage.Input.AS_IS, true));
            }
        } else {
            List<Integer> c = config.convChannels();
            for (int s = 0; s < c.size(); s++) {
                int n = s + 1;
                add("conv" + n, new ImpalaConvStage("conv" + n, c.get(s)));
                add("res" + n + "a", new ResidualStage("res" + n + "a", c.get(s)));
                add("res" + n + "b", new ResidualStage("res" + n + "b", c.get(s)));
            }
            List<Integer> d = config.denseUnits();
            for (int i = 0; i < d.size(); i++) {
                String name = "fc" + (i + 1);
                add(name, new DenseStage(name, d.get(i), i == 0 ? DenseStage.Input.RELU : DenseStage.Input.AS_IS, true));
            }
        }
        trunkSize = stages.size();
        add("pi", new DenseStage("pi", config.numActions(), DenseStage.Input.AS_IS, false));
        add("v", new DenseStage("v", 1, DenseStage.Input.AS_IS, false));
        layout = computeLayout();
    }

    /**
     * Builds the (uninitialized) network for this configuration; call
     * {@link #initialize(NDManager, DataType, Shape...)} with {@link #inputShape(int)} to create its
     * parameters.
     */
    public static ActorCriticNet build(NetworkConfig config) {
        return new ActorCriticNet(config);
    }

    private void add(String name, Stage stage) {
        names.add(name);
        stages.add(addChildBlock(name, stage));
    }

    /** The configuration this network was built from. */
    public NetworkConfig config() {
        return config;
    }

    /** Layer names in forward order, heads last, e.g. {@code [1a, 2a, 2b, 3a, 4a, fc1, fc2, pi, v]}. */
    public List<String> layerNames() {
        return List.copyOf(names);
    }

    /** Layers, shapes, parameters and kernel keys; computed without creating any array. */
    public NetworkLayout layout() {
        return layout;
    }

    /** The input shape for a batch: {@code [batch, C, H, W]}. */
    public Shape inputShape(int batch) {
        return new Shape(batch, config.channels(), config.height(), config.width());
    }

    /**
     * The position of a layer in {@link #layerNames()}.
     *
     * @throws IllegalArgumentException naming the unknown layer and the known ones
     */
    public int layerIndex(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no layer '" + name + "'; known: " + String.join(" ", names));
        }
        return i;
    }

    /** The DJL {@link Parameter} stored under a {@code state_dict} key such as {@code conv2b.weight}. */
    public Parameter parameter(String key) {
        for (Pair<String, Parameter> p : getParameters()) {
            if (p.getKey().equals(layout.djlName(key))) {
                return p.getValue();
            }
        }
        throw new IllegalArgumentException("no parameter '" + key + "'; known: " + String.join(" ", layout.parameterKeys()));
    }

    /**
     * Runs the network, letting {@code tap} see and replace every layer's output.
     *
     * @param store parameter store (arrays as stored, no copies)
     * @param input float pixels {@code [B,C,H,W]} in [0,1]
     * @param tap   sees each layer in order, including {@code pi} and {@code v}
     * @return {@code logits [B,A]} and {@code value [B]}
     */
    public NDList forward(ParameterStore store, NDArray input, LayerTap tap) {
        return run(store, 0, input, tap);
    }

    /**
     * Runs only the layers above a trunk layer, starting from that layer's activation: what
     * {@link #forward} computes once the layer has produced {@code activation}. The tap sees the
     * layers above it, not the layer itself.
     *
     * @param store      parameter store (arrays as stored, no copies)
     * @param layer      the index of a trunk layer in {@link #layerNames()} (not a head)
     * @param activation its output, shaped as {@link #layout()} says with a batch axis first
     * @param tap        sees each later layer in order, including {@code pi} and {@code v}
     * @return {@code logits [B,A]} and {@code value [B]}
     * @throws IllegalArgumentException if the layer is a head or out of range
     */
    public NDList forwardAbove(ParameterStore store, int layer, NDArray activation, LayerTap tap) {
        if (layer < 0 || layer >= trunkSize) {
            throw new IllegalArgumentException("forwardAbove needs a trunk layer (" + String.join(" ", names.subList(0, trunkSize))
                    + "), not " + (layer >= 0 && layer < names.size() ? "head '" + names.get(layer) + "'" : "index " + layer));
        }
        return run(store, layer + 1, activation, tap);
    }

    /** Runs trunk layers {@code first..} on {@code h} (the input, or the output of layer {@code first-1}), then the heads. */
    private NDList run(ParameterStore store, int first, NDArray h, LayerTap tap) {
        for (int i = first; i < trunkSize; i++) {
            h = tap.onLayer(i, names.get(i), stages.get(i).apply(store, h));
        }
        NDArray logits = tap.onLayer(trunkSize, names.get(trunkSize), stages.get(trunkSize).apply(store, h));
        NDArray value = tap.onLayer(trunkSize + 1, names.get(trunkSize + 1), stages.get(trunkSize + 1).apply(store, h));
        return new NDList(logits, value.reshape(value.getShape().get(0)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(store, inputs.singletonOrThrow(), LayerTap.IDENTITY);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, config.numActions()), new Shape(b)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape trunkOut = null;
        for (int i = 0; i < stages.size(); i++) {
            if (i == trunkSize) {
                trunkOut = s;
            }
            Shape in = i >= trunkSize ? trunkOut : s;
            stages.get(i).initialize(manager, dataType, in);
            s = stages.get(i).outputShape(in);
        }
    }

    private NetworkLayout computeLayout() {
        List<LayerInfo> layers = new ArrayList<>();
        List<ParameterSlot> slots = new ArrayList<>();
        Map<String, String> inputKernels = new LinkedHashMap<>();
        Shape s = inputShape(1);
        Shape trunkOut = null;
        ai.djl.nn.BlockList children = getChildren();
        for (int i = 0; i < stages.size(); i++) {
            if (i == trunkSize) {
                trunkOut = s;
            }
            Stage stage = stages.get(i);
            Shape in = i >= trunkSize ? trunkOut : s;
            Shape out = stage.outputShape(in);
            List<Integer> perExample = new ArrayList<>();
            for (int d = 1; d < out.dimension(); d++) {
                perExample.add(Math.toIntExact(out.get(d)));
            }
            if (i == trunkSize + 1) {
                perExample = List.of(1);
            }
            layers.add(new LayerInfo(names.get(i), perExample, stage.op()));
            String childName = children.get(i).getKey();
            for (Map.Entry<String, Shape> p : stage.parameterShapes(in).entrySet()) {
                List<Integer> shape = new ArrayList<>();
                for (long d : p.getValue().getShape()) {
                    shape.add(Math.toIntExact(d));
                }
                slots.add(new ParameterSlot(childName + "_" + p.getKey(), stage.stateKey(p.getKey()), names.get(i), shape));
            }
            if (stage.inputKernelKey() != null) {
                inputKernels.put(names.get(i), stage.inputKernelKey());
            }
            s = out;
        }
        return new NetworkLayout(config, layers, slots, inputKernels);
    }
}
