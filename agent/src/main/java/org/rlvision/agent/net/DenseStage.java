package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * A dense layer: optionally L2-pool and/or ReLU the input, flatten it to {@code [B, C*H*W]}
 * (C, H, W order, as PyTorch's {@code flatten}), apply {@code x·Wᵀ + b} and optionally ReLU.
 * Also used for the heads {@code pi} and {@code v} (no ReLU).
 */
final class DenseStage extends Stage {
    /** What happens to the input before the linear map. */
    enum Input { AS_IS, L2_POOL, RELU }

    private final Linear linear;
    private final int units;
    private final Input input;
    private final boolean reluOutput;

    DenseStage(String key, int units, Input input, boolean reluOutput) {
        super(key);
        this.units = units;
        this.input = input;
        this.reluOutput = reluOutput;
        linear = addChildBlock("linear", Linear.builder().setUnits(units).build());
    }

    private Shape linearInput(Shape in) {
        Shape s = input == Input.L2_POOL ? new Shape(in.get(0), in.get(1), in.get(2) / 2, in.get(3) / 2) : in;
        return flat(s);
    }

    @Override
    Shape outputShape(Shape in) {
        return new Shape(in.get(0), units);
    }

    @Override
    Map<String, Shape> parameterShapes(Shape in) {
        return shapes("01linear_weight", new Shape(units, linearInput(in).get(1)),
                "01linear_bias", new Shape(units));
    }

    @Override
    NDArray apply(ParameterStore store, NDArray x) {
        NDArray h = switch (input) {
            case AS_IS -> x;
            case L2_POOL -> L2Pool.apply(x);
            case RELU -> Activation.relu(x);
        };
        if (h.getShape().dimension() != 2) {
            h = h.reshape(h.getShape().get(0), -1);
        }
        NDArray y = linear.forward(store, new NDList(h), false).singletonOrThrow();
        return reluOutput ? Activation.relu(y) : y;
    }

    @Override
    String op() {
        String pre = switch (input) {
            case AS_IS -> "";
            case L2_POOL -> "L2 pool 2x2, flatten, ";
            case RELU -> "ReLU, flatten, ";
        };
        return pre + "dense " + units + (reluOutput ? " + ReLU" : "");
    }

    @Override
    String inputKernelKey() {
        return key() + ".weight";
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, linearInput(inputShapes[0]));
    }
}
