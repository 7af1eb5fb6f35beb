package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * The head of an IMPALA stack: a 3×3 "same" conv, then max pool 3×3 stride 2 padding 1.
 * {@code [B,Cin,H,W]} → {@code [B,filters,ceil(H/2),ceil(W/2)]}; no ReLU (the residual stream).
 */
final class ImpalaConvStage extends Stage {
    private final Conv2d conv;
    private final int filters;

    ImpalaConvStage(String key, int filters) {
        super(key);
        this.filters = filters;
        conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(3, 3)).setFilters(filters).optPadding(new Shape(1, 1)).build());
    }

    @Override
    Shape outputShape(Shape in) {
        return new Shape(in.get(0), filters, (in.get(2) + 1) / 2, (in.get(3) + 1) / 2);
    }

    @Override
    Map<String, Shape> parameterShapes(Shape in) {
        return shapes("01conv_weight", new Shape(filters, in.get(1), 3, 3), "01conv_bias", new Shape(filters));
    }

    @Override
    NDArray apply(ParameterStore store, NDArray x) {
        NDArray y = conv.forward(store, new NDList(x), false).singletonOrThrow();
        return Pool.maxPool2d(y, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
    }

    @Override
    String op() {
        return "conv 3x3 " + filters + " same, max pool 3x3 stride 2";
    }

    @Override
    String inputKernelKey() {
        return key() + ".weight";
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
    }
}
