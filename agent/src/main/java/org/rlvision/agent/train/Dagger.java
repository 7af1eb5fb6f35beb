package org.rlvision.agent.train;

import org.rlvision.agent.Softmax;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;

import java.util.SplittableRandom;

/**
 * DAgger relabelling: the learner plays training levels with its own (sampled) actions; every
 * state it visits is stored with the action the expert would take there and the set of actions
 * the expert rates as good ({@link CoinRunExpert#decide}), and with the learner's own discounted
 * return from that state as the value target (bootstrapped from the learner's value when the round
 * ends mid-episode).
 */
public final class Dagger {
    private final DistributionMode mode;
    private final ExpertLabeller labeller;
    private final CoinRunRenderer renderer;
    private final float gamma;
    private final int maxSteps;
    private final float focus;

    /**
     * @param maxSteps steps after which a learner episode is cut (its return is then bootstrapped with 0)
     */
    public Dagger(DistributionMode mode, boolean paintVelInfo, float gamma, int maxSteps) {
        this(mode, DaggerLabels.NEAR_BEST, paintVelInfo, gamma, maxSteps);
    }

    /**
     * @param labels   which actions the expert accepts in a visited state
     * @param maxSteps steps after which a learner episode is cut (its return is then bootstrapped with 0)
     */
    public Dagger(DistributionMode mode, DaggerLabels labels, boolean paintVelInfo, float gamma, int maxSteps) {
        this(mode, labels, paintVelInfo, gamma, maxSteps, 1f);
    }

    /**
     * @param labels   which actions the expert accepts in a visited state
     * @param maxSteps steps after which a learner episode is cut (its return is then bootstrapped with 0)
     * @param focus    keep a visited state only when the learner puts less than this probability on
     *                 the accepted actions (1: keep every state). States it already plays right with
     *                 confidence teach its policy nothing (their set-valued loss is about 0), so
     *                 leaving them out spends the training on the states it gets wrong
     */
    public Dagger(DistributionMode mode, DaggerLabels labels, boolean paintVelInfo, float gamma, int maxSteps, float focus) {
        if (!(focus > 0 && focus <= 1)) {
            throw new IllegalArgumentException("DAgger focus must be in (0, 1], got " + focus);
        }
        this.focus = focus;
        this.mode = mode;
        this.labeller = new ExpertLabeller(mode, labels);
        this.renderer = new CoinRunRenderer(paintVelInfo, true);
        this.gamma = gamma;
        this.maxSteps = maxSteps;
    }

    /** What one round produced: learner episodes, how many it solved, states visited and samples added. */
    public record Summary(int episodes, int solved, int visited, int samples) {
    }

    /**
     * Plays {@code batch} learner episodes at a time on levels drawn from {@code [firstLevel,
     * lastLevel]} until {@code states} states were added (with a focus below 1, more are visited).
     */
    public Summary collect(TrainableNet learner, int firstLevel, int lastLevel, int states, int batch,
                           SplittableRandom rng, SampleBuffer buffer, Runnable onEpisode) {
        int obsBytes = 64 * 64 * 3;
        CoinRunGame[] games = new CoinRunGame[batch];
        byte[] frames = new byte[batch * obsBytes];
        float[] logits = new float[batch * 15];
        float[] values = new float[batch];
        float[] rewards = new float[maxSteps];
        int added = 0;
        int visited = 0;
        int episodes = 0;
        int solved = 0;
        for (int i = 0; i < batch; i++) {
            games[i] = new CoinRunGame(mode);
            games[i].reset(firstLevel + rng.nextInt(lastLevel - firstLevel + 1));
        }
        // per-env episode sample indices live contiguously only if one env runs; track them per env
        int[][] episodeSamples = new int[batch][maxSteps];
        int[] len = new int[batch];
        CoinRunExpert.Decision[] decisions = new CoinRunExpert.Decision[batch];
        while (added < states) {
            for (int i = 0; i < batch; i++) {
                renderer.render(games[i], frames, i * obsBytes);
            }
            learner.evaluate(frames, batch, logits, values);
            labeller.label(games, focus < 1 ? batch : Math.min(batch, states - added), decisions);
            for (int i = 0; i < batch && added < states; i++) {
                CoinRunExpert.Decision decision = decisions[i];
                visited++;
                if (focus >= 1 || acceptedProbability(logits, i * 15, decision.acceptable()) < focus) {
                    episodeSamples[i][len[i]] = buffer.size();
                    buffer.add(frames, i * obsBytes, decision.action(), decision.acceptable(), 0f);
                    added++;
                } else {
                    episodeSamples[i][len[i]] = -1;
                }
                int a = sample(logits, i * 15, rng);
                games[i].step(a);
                len[i]++;
                boolean over = games[i].done() || len[i] >= maxSteps;
                if (over) {
                    java.util.Arrays.fill(rewards, 0, len[i], 0f);
                    rewards[len[i] - 1] = games[i].stepReward();
                    float[] g = Returns.discounted(rewards, len[i], gamma, 0f);
                    for (int t = 0; t < len[i]; t++) {
                        if (episodeSamples[i][t] >= 0) {
                            buffer.setReturn(episodeSamples[i][t], g[t]);
                        }
                    }
                    episodes++;
                    solved += games[i].levelComplete() ? 1 : 0;
                    games[i].reset(firstLevel + rng.nextInt(lastLevel - firstLevel + 1));
                    len[i] = 0;
                    onEpisode.run();
                }
            }
        }
        // episodes still running when the round ends: their targets bootstrap from the learner's value of the state reached
        for (int i = 0; i < batch; i++) {
            renderer.render(games[i], frames, i * obsBytes);
        }
        learner.evaluate(frames, batch, logits, values);
        for (int i = 0; i < batch; i++) {
            if (len[i] == 0) {
                continue;
            }
            java.util.Arrays.fill(rewards, 0, len[i], 0f);
            float[] g = Returns.discounted(rewards, len[i], gamma, values[i]);
            for (int t = 0; t < len[i]; t++) {
                if (episodeSamples[i][t] >= 0) {
                    buffer.setReturn(episodeSamples[i][t], g[t]);
                }
            }
        }
        return new Summary(episodes, solved, visited, added);
    }

    /** softmax(logits) summed over the actions set in {@code mask}. */
    static double acceptedProbability(float[] logits, int offset, int mask) {
        return Softmax.probability(logits, offset, 15, mask);
    }

    /** An action drawn from softmax of the 15 logits at {@code offset} (one draw of {@code rng}). */
    static int sample(float[] logits, int offset, SplittableRandom rng) {
        return Softmax.sample(logits, offset, 15, rng.nextDouble());
    }
}
