package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The log-probability a policy puts on a set of accepted actions, {@code log Σ_{a∈A} π(a|s)},
 * with the sets given as bit masks (bit {@code a} set: action {@code a} accepted). The cloning
 * loss and PPO's expert term are its negative.
 */
final class AcceptedSet {
    private AcceptedSet() {
    }

    /**
     * {@code log Σ_{a∈A_r} softmax(logits_r)_a} for each row, computed in log space (a max is
     * subtracted before the exponent).
     *
     * @param logits   {@code [count,A]} logits of rows {@code offset..offset+count-1}
     * @param accepted one mask per row of the whole batch
     * @param offset   the rows' first index in {@code accepted}
     * @param count    rows
     * @return {@code [count]}
     */
    static NDArray logProbability(NDArray logits, int[] accepted, int offset, int count, NDManager scope) {
        int numActions = (int) logits.getShape().get(1);
        float[] penalty = new float[count * numActions];
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < numActions; a++) {
                penalty[i * numActions + a] = (accepted[offset + i] >>> a & 1) != 0 ? 0f : -1e9f;
            }
        }
        NDArray masked = logits.logSoftmax(1).add(scope.create(penalty, new Shape(count, numActions)).toType(logits.getDataType(), false));
        NDArray top = masked.max(new int[] {1}, true).stopGradient();
        return masked.sub(top).exp().sum(new int[] {1}).log().add(top.squeeze(1));
    }

    /** True when the mask accepts some but not all of {@code numActions} actions (only such a set says anything). */
    static boolean constrains(int mask, int numActions) {
        int all = (1 << numActions) - 1;
        return (mask & all) != 0 && (mask & all) != all;
    }
}
