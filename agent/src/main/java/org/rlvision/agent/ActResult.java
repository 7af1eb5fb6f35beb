package org.rlvision.agent;

/**
 * A policy step for a batch: the chosen actions with the logits and values they came from.
 *
 * @param actions one action index per observation, {@code [B]}
 * @param output  the logits {@code [B,A]} and values {@code [B]}
 */
public record ActResult(int[] actions, PolicyOutput output) {
    /** Checks the batch sizes agree and copies the actions. */
    public ActResult {
        if (actions.length != output.count()) {
            throw new IllegalArgumentException(actions.length + " actions for a batch of " + output.count());
        }
        actions = actions.clone();
    }

    /** A copy of the actions. */
    @Override
    public int[] actions() {
        return actions.clone();
    }

    /** The action for observation {@code i}. */
    public int action(int i) {
        return actions[i];
    }
}
