package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.rlvision.env.DistributionMode;

/**
 * PPO's expert term: after an episode of a rollout ends in a death (saw, enemy, lava), the
 * planning expert labels the last {@code horizon} states of it with the actions after which it
 * still finds a way to stay alive ({@link DaggerLabels#ALIVE}); the PPO loss then gains
 * {@code coefficient × mean over the minibatch of −log π(alive actions | s)} on those of the
 * labelled states where some action is fatal. Deaths come from a few moves in rare states; PPO
 * learns of them only through one lost reward shared over the whole episode, the expert names
 * them. Needs the Java engine (the expert reads its state).
 *
 * @param coefficient weight of the term (&gt; 0)
 * @param horizon     states before each death the expert labels (the alive judge looks 16 steps ahead)
 * @param mode        the distribution mode of the games (the expert's physics)
 */
public record ExpertTerm(float coefficient, int horizon, DistributionMode mode) {
    /** The default look-back: twice the judge's look-ahead, so a fatal move up to ~30 steps before the death is labelled. */
    public static final int DEFAULT_HORIZON = 32;

    /** Validates the settings. */
    public ExpertTerm {
        if (!(coefficient > 0) || Float.isInfinite(coefficient)) {
            throw new IllegalArgumentException("the expert term's coefficient must be positive and finite, got " + coefficient);
        }
        if (horizon < 1 || horizon > 1000) {
            throw new IllegalArgumentException("the expert term's horizon must be 1..1000 states, got " + horizon);
        }
        java.util.Objects.requireNonNull(mode, "mode");
    }

    /**
     * The term for rows {@code offset..offset+count-1} of a minibatch: {@code coefficient ×}
     * {@code Σ −log π(A_r | s_r)} over the rows whose set constrains (some but not all actions),
     * divided by {@code count} (a mean over all the rows, so a pass's share adds up like PPO's
     * means). Rows without a constraining set add nothing.
     *
     * @param logits   {@code [count,A]}
     * @param accepted one mask per row of the minibatch (0: not labelled)
     * @param parts    receives in [0] the sum of {@code −log π(A|s)} over the constraining rows and in [1] their count (may be null)
     * @return a scalar
     */
    public NDArray of(NDArray logits, int[] accepted, int offset, int count, NDManager scope, double[] parts) {
        int numActions = (int) logits.getShape().get(1);
        float[] weight = new float[count];
        int constraining = 0;
        for (int r = 0; r < count; r++) {
            if (AcceptedSet.constrains(accepted[offset + r], numActions)) {
                weight[r] = 1f;
                constraining++;
            }
        }
        if (constraining == 0) {
            return scope.zeros(new ai.djl.ndarray.types.Shape(), logits.getDataType());
        }
        int[] masks = new int[count];
        for (int r = 0; r < count; r++) {
            masks[r] = weight[r] > 0 ? accepted[offset + r] : (1 << numActions) - 1; // log 1 = 0, and weight 0 anyway
        }
        NDArray nll = AcceptedSet.logProbability(logits, masks, 0, count, scope).neg()
                .mul(scope.create(weight).toType(logits.getDataType(), false)).sum();
        if (parts != null) {
            parts[0] += nll.getFloat();
            parts[1] += constraining;
        }
        return nll.mul(coefficient / count);
    }
}
