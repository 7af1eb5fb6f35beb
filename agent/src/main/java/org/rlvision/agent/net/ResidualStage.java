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
 * An IMPALA residual block: {@code x + conv1(relu(conv0(relu(x))))}, both convs 3×3 "same"
 * with the input's channel count. {@code [B,C,H,W]} → {@code [B,C,H,W]}.
 */
final class ResidualStage extends Stage {
    private final Conv2d conv0;
    private final Conv2d conv1;
    private final int channels;

    ResidualStage(String key, int channels) {
        super(key);
        this.channels = channels;
        conv0 = addChildBlock("conv0", conv3x3(channels));
        conv1 = addChildBlock("conv1", conv3x3(channels));
    }

    private static Conv2d conv3x3(int channels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels).optPadding(new Shape(1, 1)).build();
    }

    @Override
    Shape outputShape(Shape in) {
        return in;
    }

    @Override
    Map<String, Shape> parameterShapes(Shape in) {
        Shape k = new Shape(channels, channels, 3, 3);
        Shape b = new Shape(channels);
        return shapes("01conv0_weight", k, "01conv0_bias", b, "02conv1_weight", k, "02conv1_bias", b);
    }

    @Override
    String stateKey(String localDjlName) {
        // "01conv0_weight" -> "<key>.conv0.weight"
        int split = localDjlName.indexOf('_');
        return key() + "." + localDjlName.substring(2, split) + "." + localDjlName.substring(split + 1);
    }

    @Override
    NDArray apply(ParameterStore store, NDArray x) {
        NDArray h = conv0.forward(store, new NDList(Activation.relu(x)), false).singletonOrThrow();
        h = conv1.forward(store, new NDList(Activation.relu(h)), false).singletonOrThrow();
        return x.add(h);
    }

    @Override
    String op() {
        return "residual: x + conv3x3(ReLU(conv3x3(ReLU(x)))), " + channels + " ch";
    }

    @Override
    String inputKernelKey() {
        return null;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv0.initialize(manager, dataType, inputShapes[0]);
        conv1.initialize(manager, dataType, inputShapes[0]);
    }
}
