package org.rlvision.agent;

/**
 * A per-example scalar {@code f} and its gradient with respect to one layer's activation, computed
 * from a given activation by running only the layers above it ({@link Agent#gradientAbove}).
 *
 * @param layer    the layer differentiated against
 * @param outputs  {@code f} per example, {@code [B]}
 * @param gradient {@code ∂f/∂activation} at the given activation, shaped like it, e.g. {@code [B,32,32,32]}
 */
public record LayerGradient(String layer, Tensor outputs, Tensor gradient) {
    /** Checks that there is one output per gradient row. */
    public LayerGradient {
        if (gradient.rank() == 0 || outputs.rank() != 1 || outputs.dim(0) != gradient.dim(0)) {
            throw new IllegalArgumentException("outputs " + outputs.shapeText() + " and gradient " + gradient.shapeText()
                    + " must have the same batch size");
        }
    }
}
