package org.rlvision.trajectories;

import java.util.Objects;
import org.rlvision.env.EndCause;

/**
 * One recorded episode of T steps. Step {@code t} holds the observation the agent saw, the
 * network's logits and value for it, the action taken and the reward that action earned.
 *
 * <p>An episode cut off by the end of a fixed-length recording is <em>unfinished</em>:
 * {@link #endCause()} is null and {@link #bootstrapValue()} is the value of the observation that
 * would have come next (for GAE). Arrays are used as given, not copied.
 *
 * @param index          episode number within its run (the {@code NNNNNN} of {@code episode_NNNNNN.npz})
 * @param env            index of the environment that played it
 * @param levelSeed      the Procgen level seed
 * @param endCause       why it ended, or null if the recording stopped first
 * @param height         observation height H (64)
 * @param width          observation width W (64)
 * @param numActions     number of actions A (15)
 * @param observations   {@code [T,H,W,3]} uint8 RGB, row-major
 * @param actions        {@code [T]} action indices
 * @param rewards        {@code [T]} reward of each step's action
 * @param values         {@code [T]} value estimates of each observation
 * @param logits         {@code [T,A]} policy logits of each observation
 * @param first          {@code [T]} gym3 {@code first} flags (true at step 0 of the episode)
 * @param bootstrapValue value of the observation after the last step for an unfinished episode, 0 otherwise
 * @param labels         {@code [T,H,W]} semantic label ids aligned with the observations, or null if not recorded
 */
public record Episode(int index, int env, int levelSeed, EndCause endCause, int height, int width, int numActions,
                      byte[] observations, int[] actions, float[] rewards, float[] values, float[] logits,
                      boolean[] first, float bootstrapValue, byte[] labels) {
    /** Checks that every array has T rows of the right size. */
    public Episode {
        Objects.requireNonNull(observations, "observations");
        int t = actions.length;
        if (t < 1) {
            throw new IllegalArgumentException("episode " + index + " has no steps");
        }
        int frame = height * width * 3;
        if (observations.length != (long) t * frame || rewards.length != t || values.length != t
                || logits.length != (long) t * numActions || first.length != t
                || (labels != null && labels.length != (long) t * height * width)) {
            throw new IllegalArgumentException("episode " + index + " has arrays of inconsistent lengths for "
                    + t + " steps: observations " + observations.length + ", rewards " + rewards.length + ", values "
                    + values.length + ", logits " + logits.length + ", first " + first.length
                    + (labels == null ? "" : ", labels " + labels.length));
        }
    }

    /** Number of steps T. */
    public int length() {
        return actions.length;
    }

    /** True if the episode ended in the game (not cut off by the end of the recording). */
    public boolean finished() {
        return endCause != null;
    }

    /** Bytes in one observation, {@code H*W*3}. */
    public int frameBytes() {
        return height * width * 3;
    }

    /** A copy of the observation at step {@code t}, {@code [H,W,3]} uint8. */
    public byte[] frame(int t) {
        byte[] f = new byte[frameBytes()];
        System.arraycopy(observations, t * frameBytes(), f, 0, f.length);
        return f;
    }

    /** Undiscounted sum of the rewards. */
    public double totalReward() {
        double s = 0;
        for (float r : rewards) {
            s += r;
        }
        return s;
    }
}
