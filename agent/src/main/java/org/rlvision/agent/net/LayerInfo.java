package org.rlvision.agent.net;

import java.util.List;

/**
 * One named layer of a network: its name (the public vocabulary, e.g. {@code 2b}), the shape of
 * its output for one example and what it computes.
 *
 * @param name  the layer name, e.g. {@code 2b}, {@code fc1}, {@code pi}
 * @param shape output shape per example: {@code [C,H,W]} (NCHW) for conv layers, {@code [N]} for dense
 * @param op    a short description, e.g. {@code conv 5x5 32 same + ReLU}
 */
public record LayerInfo(String name, List<Integer> shape, String op) {
    /** Copies the shape and checks the name. */
    public LayerInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a layer needs a name");
        }
        shape = List.copyOf(shape);
    }

    /** The output shape for a batch of {@code batch} examples, e.g. {@code [B,32,32,32]}. */
    public int[] batchShape(int batch) {
        int[] s = new int[shape.size() + 1];
        s[0] = batch;
        for (int i = 0; i < shape.size(); i++) {
            s[i + 1] = shape.get(i);
        }
        return s;
    }

    /** Number of channels: the first dimension of the per-example shape. */
    public int channels() {
        return shape.get(0);
    }
}
