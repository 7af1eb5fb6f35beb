package org.rlvision.agent;

/**
 * Gradients of a per-example scalar {@code f} (an {@link OutputFunction}) for a batch: with respect
 * to one layer's activation and to the input pixels. Examples do not interact, so row {@code i} is
 * the gradient of {@code f_i} alone.
 *
 * @param layer              the layer differentiated against
 * @param outputs            {@code f} per example, {@code [B]}
 * @param activation         the layer's activation (after hooks), e.g. {@code [B,32,32,32]} for {@code 2b}
 * @param activationGradient {@code ∂f/∂activation}, same shape
 * @param inputGradient      {@code ∂f/∂x} for pixels {@code x = uint8/255}, NHWC {@code [B,H,W,C]}
 */
public record GradientResult(
        String layer, Tensor outputs, Tensor activation, Tensor activationGradient, Tensor inputGradient) {
    /** Checks the shapes agree. */
    public GradientResult {
        if (!java.util.Arrays.equals(activation.shape(), activationGradient.shape())) {
            throw new IllegalArgumentException("activation " + activation.shapeText() + " and its gradient "
                    + activationGradient.shapeText() + " differ in shape");
        }
    }
}
