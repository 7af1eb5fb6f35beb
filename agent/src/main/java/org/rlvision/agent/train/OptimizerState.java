package org.rlvision.agent.train;

import org.rlvision.agent.StateDict;

/**
 * Adam's state between steps: how many steps it has taken and its first and second moment
 * estimates per parameter (same keys and shapes as the weights). Saved with every checkpoint so a
 * resumed run continues exactly as an uninterrupted one would.
 *
 * @param step          updates taken so far (the bias-correction exponent)
 * @param firstMoments  running mean of the gradients
 * @param secondMoments running mean of the squared gradients
 */
public record OptimizerState(long step, StateDict firstMoments, StateDict secondMoments) {
    /** Validates that both moments cover the same parameters. */
    public OptimizerState {
        if (step < 0) {
            throw new IllegalArgumentException("Adam's step count must be >= 0, got " + step);
        }
        if (!firstMoments.keys().equals(secondMoments.keys())) {
            throw new IllegalArgumentException("Adam's first and second moments name different parameters: "
                    + firstMoments.keys() + " vs " + secondMoments.keys());
        }
    }
}
