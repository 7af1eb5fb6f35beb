package org.rlvision.agent.net;

import java.util.List;

/**
 * One learnable tensor of a network: its DJL parameter name (e.g. {@code 032b_01conv_weight}),
 * its PyTorch {@code state_dict} key (e.g. {@code conv2b.weight}) and its shape.
 *
 * @param djlName the name in {@code block.getParameters()}
 * @param key     the {@code state_dict} / {@code .npz} key
 * @param layer   the layer that owns it, e.g. {@code 2b}
 * @param shape   the shape, OIHW for conv kernels and {@code [out,in]} for dense weights
 */
public record ParameterSlot(String djlName, String key, String layer, List<Integer> shape) {
    /** Copies the shape. */
    public ParameterSlot {
        shape = List.copyOf(shape);
    }

    /** The shape as an int array. */
    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Number of scalars. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
