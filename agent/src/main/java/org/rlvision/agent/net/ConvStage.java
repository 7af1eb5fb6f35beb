package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * A clear-CNN conv layer: optionally L2-pool the input, then a k×k "same" conv and ReLU.
 * {@code [B,Cin,H,W]} → {@code [B,filters,H',W']} with {@code H' = H} or {@code H/2} when pooling.
 */
final class ConvStage extends Stage {
    private final Conv2d conv;
    private final int filters;
    private final int kernel;
    private final boolean poolInput;

    ConvStage(String key, int filters, int kernel, boolean poolInput) {
        super(key);
        this.filters = filters;
        this.kernel = kernel;
        this.poolInput = poolInput;
        conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .build());
    }

    private Shape convInput(Shape in) {
        return poolInput ? new Shape(in.get(0), in.get(1), in.get(2) / 2, in.get(3) / 2) : in;
    }

    @Override
    Shape outputShape(Shape input) {
        return conv(convInput(input), filters);
    }

    @Override
    Map<String, Shape> parameterShapes(Shape input) {
        return shapes("01conv_weight", new Shape(filters, input.get(1), kernel, kernel),
                "01conv_bias", new Shape(filters));
    }

    @Override
    NDArray apply(ParameterStore store, NDArray x) {
        NDArray in = poolInput ? L2Pool.apply(x) : x;
        return Activation.relu(conv.forward(store, new NDList(in), false).singletonOrThrow());
    }

    @Override
    String op() {
        return (poolInput ? "L2 pool 2x2, " : "") + "conv " + kernel + "x" + kernel + " " + filters + " same + ReLU";
    }

    @Override
    String inputKernelKey() {
        return key() + ".weight";
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, convInput(inputShapes[0]));
    }
}
