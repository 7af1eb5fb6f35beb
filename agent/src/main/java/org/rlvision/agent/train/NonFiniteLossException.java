package org.rlvision.agent.train;

/**
 * Thrown when a training step's loss or gradient is not finite (NaN or infinite): the step is not
 * taken, so the weights and the last checkpoint stay finite.
 */
public final class NonFiniteLossException extends IllegalStateException {
    /** An exception with this message. */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
