package org.rlvision.agent.train;

import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.util.SplittableRandom;

/**
 * One PPO rollout's samples ({@code step × envs + env}): frames, sampled actions with their
 * log-probabilities, values, rewards, episode starts, then GAE advantages and returns. The arrays
 * are allocated once and refilled every update.
 */
final class PpoRollout {
    static final int OBS_BYTES = 64 * 64 * 3;
    private static final int ACTIONS = 15;

    final int envs;
    final int steps;
    final byte[] frames;
    final int[] actions;
    final float[] logps;
    final float[] values;
    final float[] advantages;
    final float[] returns;
    /** Every step's logits, kept only for the expert term's figures (else null). */
    final float[] logits;
    private final float[] rewards;
    private final boolean[] firsts;
    private final float[] stepLogits;
    private final float[] stepValues;
    private final float[] lastValues;
    private final int[] act;
    private int episodes;
    private int successes;
    private double returnSum;

    PpoRollout(int envs, int steps, boolean keepLogits) {
        this.envs = envs;
        this.steps = steps;
        int total = envs * steps;
        this.frames = new byte[total * OBS_BYTES];
        this.actions = new int[total];
        this.logps = new float[total];
        this.values = new float[total];
        this.rewards = new float[total];
        this.firsts = new boolean[total];
        this.advantages = new float[total];
        this.returns = new float[total];
        this.logits = keepLogits ? new float[total * ACTIONS] : null;
        this.stepLogits = new float[envs * ACTIONS];
        this.stepValues = new float[envs];
        this.lastValues = new float[envs];
        this.act = new int[envs];
    }

    /** Samples in the rollout. */
    int size() {
        return envs * steps;
    }

    /**
     * Plays {@code steps} steps of every environment with actions sampled from {@code net}'s
     * policy (drawn from {@code rng}), appending them to {@code log} when there is one and telling
     * {@code fatal} (when there is one) each state and each episode's end.
     */
    void collect(VecEnv env, TrainableNet net, SplittableRandom rng, ActionLog log, FatalStateLabeller fatal,
                 CoinRunVecEnv game) {
        episodes = 0;
        successes = 0;
        returnSum = 0;
        if (fatal != null) {
            fatal.beginRollout();
        }
        for (int s = 0; s < steps; s++) {
            StepBatch b = env.observe();
            System.arraycopy(b.observations(), 0, frames, s * envs * OBS_BYTES, envs * OBS_BYTES);
            net.evaluate(b.observations(), envs, stepLogits, stepValues);
            if (fatal != null) {
                fatal.record(s, game);
            }
            if (logits != null) {
                System.arraycopy(stepLogits, 0, logits, s * envs * ACTIONS, envs * ACTIONS);
            }
            for (int i = 0; i < envs; i++) {
                int k = s * envs + i;
                act[i] = Dagger.sample(stepLogits, i * ACTIONS, rng);
                actions[k] = act[i];
                logps[k] = PpoTrainer.logSoftmax(stepLogits, i * ACTIONS, act[i]);
                values[k] = stepValues[i];
                firsts[k] = b.first()[i];
            }
            env.act(act);
            if (log != null) {
                log.append(act);
            }
            StepBatch after = env.observe();
            for (int i = 0; i < envs; i++) {
                rewards[s * envs + i] = after.rewards()[i];
                EpisodeEnd end = after.episodeEnd(i);
                if (end != null) {
                    if (fatal != null) {
                        fatal.episodeEnded(s, i, end);
                    }
                    episodes++;
                    successes += end.success() ? 1 : 0;
                    returnSum += end.episodeReturn();
                }
            }
        }
    }

    /** Fills {@link #advantages} and {@link #returns} by GAE, bootstrapping from {@code net}'s value of the next observations. */
    void computeAdvantages(VecEnv env, TrainableNet net, float gamma, float lambda) {
        StepBatch last = env.observe();
        net.evaluate(last.observations(), envs, stepLogits, lastValues);
        Gae.compute(steps, envs, rewards, values, firsts, lastValues, last.first(), gamma, lambda, advantages, returns);
    }

    /** Episodes that ended during the last {@link #collect}. */
    int episodes() {
        return episodes;
    }

    /** Of those, the ones that reached the coin. */
    int successes() {
        return successes;
    }

    /** Mean return of those episodes, NaN when none ended. */
    double meanReturn() {
        return episodes == 0 ? Double.NaN : returnSum / episodes;
    }
}
