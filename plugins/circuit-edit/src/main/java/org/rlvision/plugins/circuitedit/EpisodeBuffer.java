package org.rlvision.plugins.circuitedit;

import java.util.Arrays;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.env.EndCause;
import org.rlvision.trajectories.Episode;

/**
 * Collects one level's steps while it is played (frames, actions, rewards, values, logits) and
 * turns them into a trajectories {@link Episode} that {@code rlvision replay} can re-simulate.
 */
final class EpisodeBuffer {
    private final int levelSeed;
    private final int height;
    private final int width;
    private final int frame;
    private byte[] observations;
    private int[] actions;
    private float[] rewards;
    private float[] values;
    private float[] logits;
    private int numActions = -1;
    private int t;

    EpisodeBuffer(int levelSeed, int height, int width) {
        this.levelSeed = levelSeed;
        this.height = height;
        this.width = width;
        this.frame = height * width * 3;
        int cap = 64;
        observations = new byte[cap * frame];
        actions = new int[cap];
        rewards = new float[cap];
        values = new float[cap];
    }

    /** Records the observation the agent saw (row {@code row} of the batch), its outputs and the action taken. */
    void step(byte[] batch, int offset, int action, PolicyOutput out, int row) {
        if (numActions < 0) {
            numActions = out.numActions();
            logits = new float[actions.length * numActions];
        }
        if (t == actions.length) {
            int cap = actions.length * 2;
            observations = Arrays.copyOf(observations, cap * frame);
            actions = Arrays.copyOf(actions, cap);
            rewards = Arrays.copyOf(rewards, cap);
            values = Arrays.copyOf(values, cap);
            logits = Arrays.copyOf(logits, cap * numActions);
        }
        System.arraycopy(batch, offset, observations, t * frame, frame);
        actions[t] = action;
        values[t] = out.value(row);
        for (int k = 0; k < numActions; k++) {
            logits[t * numActions + k] = out.logit(row, k);
        }
    }

    /** Records the reward of the step just recorded. */
    void reward(float r) {
        rewards[t++] = r;
    }

    /** The finished episode. */
    Episode finish(int index, int env, EndCause cause) {
        boolean[] first = new boolean[t];
        first[0] = true;
        return new Episode(index, env, levelSeed, cause, height, width, numActions, Arrays.copyOf(observations, t * frame),
                Arrays.copyOf(actions, t), Arrays.copyOf(rewards, t), Arrays.copyOf(values, t),
                Arrays.copyOf(logits, t * numActions), first, 0f, null);
    }
}
