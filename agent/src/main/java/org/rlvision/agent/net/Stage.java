package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named layer of an {@link ActorCriticNet}: a block from one activation to the next,
 * which also knows its output shape, its parameters' shapes and their {@code state_dict} keys.
 */
abstract class Stage extends AbstractBlock {
    private final String key;

    /**
     * @param key the {@code state_dict} prefix of the stage's parameters, e.g. {@code conv2b}
     */
    Stage(String key) {
        this.key = key;
    }

    /** The {@code state_dict} prefix, e.g. {@code conv2b}. */
    final String key() {
        return key;
    }

    /** The output shape for this input shape (batch axis included). */
    abstract Shape outputShape(Shape input);

    /**
     * The parameters this stage will create for this input shape, by local DJL name
     * (e.g. {@code 01conv_weight}), in {@code getParameters()} order.
     */
    abstract Map<String, Shape> parameterShapes(Shape input);

    /** The stage's computation on one activation. */
    abstract NDArray apply(ParameterStore store, NDArray x);

    /** A short description of the computation, e.g. {@code conv 5x5 32 same + ReLU}. */
    abstract String op();

    /** The {@code state_dict} key of a local DJL parameter name such as {@code 01conv_weight}. */
    String stateKey(String localDjlName) {
        int split = localDjlName.indexOf('_');
        return key + "." + localDjlName.substring(split + 1);
    }

    /**
     * The {@code state_dict} key of the kernel that reads this stage's input directly (so that
     * projecting its input channels edits what the stage sees), or null if a skip path bypasses it.
     */
    abstract String inputKernelKey();

    /** An ordered {@code name → shape} map from alternating name and shape arguments. */
    static Map<String, Shape> shapes(Object... nameShapePairs) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < nameShapePairs.length; i += 2) {
            m.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
        }
        return m;
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow()));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }

    @Override
    protected abstract void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes);

    /** The output shape of a "same" padded conv with these filters. */
    static Shape conv(Shape in, long filters) {
        return new Shape(in.get(0), filters, in.get(2), in.get(3));
    }

    /** The input flattened to {@code [B, C*H*W]}. */
    static Shape flat(Shape in) {
        return new Shape(in.get(0), in.size() / in.get(0));
    }
}
