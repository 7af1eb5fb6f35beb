package org.rlvision.agent.train;

/**
 * One PPO minibatch gathered from a {@link PpoRollout} in a shuffled order, with its advantages
 * normalised; the arrays are allocated once and refilled for every minibatch.
 */
final class PpoMinibatch {
    final int size;
    final byte[] frames;
    final int[] actions;
    final float[] logps;
    final float[] values;
    final float[] advantages;
    final float[] returns;
    /** The expert term's alive-move masks of the rows (0 where unlabelled). */
    final int[] accepted;

    PpoMinibatch(int size) {
        this.size = size;
        this.frames = new byte[size * PpoRollout.OBS_BYTES];
        this.actions = new int[size];
        this.logps = new float[size];
        this.values = new float[size];
        this.advantages = new float[size];
        this.returns = new float[size];
        this.accepted = new int[size];
    }

    /**
     * Copies the samples {@code order[from..from+size)} of {@code rollout} and, when
     * {@code rolloutAccepted} is not null, their masks.
     */
    void gather(PpoRollout rollout, int[] order, int from, int[] rolloutAccepted) {
        int obs = PpoRollout.OBS_BYTES;
        for (int j = 0; j < size; j++) {
            int k = order[from + j];
            System.arraycopy(rollout.frames, k * obs, frames, j * obs, obs);
            actions[j] = rollout.actions[k];
            logps[j] = rollout.logps[k];
            values[j] = rollout.values[k];
            advantages[j] = rollout.advantages[k];
            returns[j] = rollout.returns[k];
            if (rolloutAccepted != null) {
                accepted[j] = rolloutAccepted[k];
            }
        }
        Gae.normalise(advantages, 0, size);
    }
}
