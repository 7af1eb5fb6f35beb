package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;

import org.rlvision.agent.Softmax;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * PPO fine-tuning with the article's / Procgen's settings as defaults: γ 0.999, GAE λ 0.95,
 * clip 0.2, value coefficient 0.5, entropy 0.01, Adam 5e-4, gradient-norm clip 0.5, 64 envs ×
 * 256 steps, 8 minibatches, 3 epochs. {@link #withExpertTerm} adds the planning expert's verdict on
 * the moves that led to each death ({@link ExpertTerm}).
 */
public final class PpoTrainer {
    /**
     * Settings.
     *
     * @param envs         environments per rollout
     * @param steps        steps per environment per rollout
     * @param minibatches  minibatches per epoch
     * @param epochs       epochs per rollout
     * @param updates      rollouts (updates) to run
     * @param learningRate Adam learning rate per update
     * @param gamma        discount
     * @param lambda       GAE λ
     * @param loss         clip, value and entropy coefficients
     * @param maxGradNorm  global gradient-norm clip
     * @param seed         seed of action sampling and minibatch shuffling
     */
    public record Config(int envs, int steps, int minibatches, int epochs, int updates, LearningRateSchedule learningRate, float gamma,
                         float lambda, PpoLoss loss, float maxGradNorm, long seed) {
        /** The most samples a rollout may hold: its frames (64×64×3 bytes each) live in one Java array. */
        public static final int MAX_ROLLOUT = Integer.MAX_VALUE / (64 * 64 * 3);

        /** Validates the settings. */
        public Config {
            if (envs < 1 || steps < 1 || minibatches < 1 || epochs < 1 || updates < 0 || ((long) envs * steps) % minibatches != 0) {
                throw new IllegalArgumentException("PPO needs positive sizes and envs*steps divisible by minibatches, got envs "
                        + envs + ", steps " + steps + ", minibatches " + minibatches);
            }
            if ((long) envs * steps > MAX_ROLLOUT) {
                throw new IllegalArgumentException("a rollout of envs*steps = " + (long) envs * steps + " samples keeps more frames than "
                        + "one array holds; at most " + MAX_ROLLOUT);
            }
            java.util.Objects.requireNonNull(learningRate, "learningRate");
        }

        /** Settings with a constant learning rate. */
        public Config(int envs, int steps, int minibatches, int epochs, int updates, float learningRate, float gamma,
                      float lambda, PpoLoss loss, float maxGradNorm, long seed) {
            this(envs, steps, minibatches, epochs, updates, LearningRateSchedule.constant(learningRate), gamma, lambda, loss,
                    maxGradNorm, seed);
        }

        /** The article's settings with this many updates. */
        public static Config article(int updates, long seed) {
            return new Config(64, 256, 8, 3, updates, 5e-4f, 0.999f, 0.95f, new PpoLoss(0.2f, 0.5f, 0.01f), 0.5f, seed);
        }
    }

    /**
     * One update's summary (written as JSON by the CLI); {@code learningRate} is the rate the
     * update trained with (0 in metrics written before it was recorded).
     */
    public record Metric(int update, long samples, int episodes, double meanReturn, double successRate, double policyLoss,
                         double valueLoss, double entropy, double clipFraction, double seconds, double learningRate,
                         ExpertFigures expert) {
        /** A metric of a run without the expert term. */
        public Metric(int update, long samples, int episodes, double meanReturn, double successRate, double policyLoss,
                      double valueLoss, double entropy, double clipFraction, double seconds, double learningRate) {
            this(update, samples, episodes, meanReturn, successRate, policyLoss, valueLoss, entropy, clipFraction, seconds,
                    learningRate, null);
        }
    }

    /**
     * What the expert term saw in one update's rollout: deaths, the labelled states where some
     * action is fatal, how many of those the rollout's sampled action was fatal in, the rollout
     * policy's mean probability on the alive actions there, and the term's mean {@code −log π(alive)}
     * over them during the update's epochs.
     */
    public record ExpertFigures(int deaths, int states, int fatalMoves, double aliveProbability, double loss) {
    }

    private final NetworkConfig network;
    private final Config config;
    private final ExpertTerm expert;

    /** A trainer for this network and settings. */
    public PpoTrainer(NetworkConfig network, Config config) {
        this(network, config, null);
    }

    private PpoTrainer(NetworkConfig network, Config config, ExpertTerm expert) {
        this.network = network;
        this.config = config;
        this.expert = expert;
    }

    /** This trainer with PPO's loss plus the expert term (Java engine only). */
    public PpoTrainer withExpertTerm(ExpertTerm term) {
        return new PpoTrainer(network, config, java.util.Objects.requireNonNull(term, "term"));
    }

    /**
     * Fine-tunes {@code start} on environments made by {@code envFactory(options)}.
     *
     * @return the final weights
     */
    public StateDict train(StateDict start, Function<EnvOptions, VecEnv> envFactory, EnvOptions options,
                           Consumer<Metric> metrics, Consumer<StateDict> checkpoint) {
        return train(start, null, null, envFactory, options, metrics, c -> checkpoint.accept(c.weights()));
    }

    /**
     * Fine-tunes {@code start}, or continues from {@code resume}, on environments made by
     * {@code envFactory(options)}. With an action log every step's actions are appended to it;
     * resuming replays the log on fresh environments (which are deterministic), restores Adam and
     * draws update {@code u}'s samples and shuffles from update {@code u}'s own random stream, so
     * the result is bit-identical to an uninterrupted run.
     *
     * @param start      starting weights (ignored when resuming)
     * @param resume     a checkpoint of this run to continue from, or null to start
     * @param log        the run's action log (needed to resume), or null
     * @param metrics    receives one {@link Metric} per update
     * @param checkpoint receives the state after every update
     * @return the final weights
     */
    public StateDict train(StateDict start, TrainingCheckpoint resume, ActionLog log, Function<EnvOptions, VecEnv> envFactory,
                           EnvOptions options, Consumer<Metric> metrics, Consumer<TrainingCheckpoint> checkpoint) {
        if (resume != null && log == null) {
            throw new IllegalArgumentException("resuming PPO needs its action log");
        }
        PpoRollout rollout = new PpoRollout(config.envs(), config.steps(), expert != null);
        PpoMinibatch batch = new PpoMinibatch(rollout.size() / config.minibatches());
        FatalStateLabeller fatal = expert == null ? null : new FatalStateLabeller(expert, config.envs(), config.steps());
        long t0 = System.nanoTime();
        long samples = resume == null ? 0 : resume.position().samplesSeen();
        int firstUpdate = resume == null ? 1 : resume.position().round() + 1;
        try (TrainableNet net = new TrainableNet(network, resume == null ? start : resume.weights(),
                resume == null ? null : resume.optimizer(), config.learningRate().at(firstUpdate), config.maxGradNorm());
             VecEnv env = envFactory.apply(options)) {
            CoinRunVecEnv game = fatal == null ? null : FatalStateLabeller.javaEngine(env);
            if (log != null) {
                long keep = resume == null ? 0 : resume.position().journalRecords();
                log.truncate(keep);
                log.replay(env, keep);
            }
            for (int u = firstUpdate; u <= config.updates(); u++) {
                SplittableRandom rng = TrainingStreams.of(config.seed(), u, 0);
                net.setLearningRate(config.learningRate().at(u));
                rollout.collect(env, net, rng, log, fatal, game);
                rollout.computeAdvantages(env, net, config.gamma(), config.lambda());
                UpdateSums sums = optimise(net, rollout, batch, fatal == null ? null : fatal.accepted(), rng, u);
                samples += rollout.size();
                int episodes = rollout.episodes();
                metrics.accept(new Metric(u, samples, episodes, rollout.meanReturn(),
                        episodes == 0 ? Double.NaN : (double) rollout.successes() / episodes, sums.mean(0), sums.mean(1),
                        sums.mean(2), sums.mean(3), (System.nanoTime() - t0) / 1e9, net.learningRate(),
                        fatal == null ? null : expertFigures(fatal, rollout.actions, rollout.logits, sums.expert)));
                checkpoint.accept(new TrainingCheckpoint(new TrainingCheckpoint.Position("ppo", u, 0, samples,
                        log == null ? (long) u * config.steps() : log.steps()), net.snapshot(), net.optimizerState()));
            }
            return net.snapshot();
        }
    }

    /** Loss parts summed over an update's minibatches (policy, value, entropy, clip fraction) and the expert term's sums. */
    private static final class UpdateSums {
        final double[] parts = new double[4];
        final double[] expert = new double[2];
        int minibatches;

        double mean(int part) {
            return parts[part] / minibatches;
        }
    }

    /** The update's epochs over the rollout: shuffled minibatches, one Adam step each. */
    private UpdateSums optimise(TrainableNet net, PpoRollout rollout, PpoMinibatch mb, int[] accepted, SplittableRandom rng,
                                int update) {
        UpdateSums sums = new UpdateSums();
        for (int e = 0; e < config.epochs(); e++) {
            int[] order = permutation(rollout.size(), rng);
            for (int m = 0; m < config.minibatches(); m++) {
                mb.gather(rollout, order, m * mb.size, accepted);
                PpoLoss.Parts[] parts = new PpoLoss.Parts[1];
                double[] expertBefore = sums.expert.clone();
                try {
                    net.step(mb.frames, mb.size, (l, v, offset, rows, scope) -> {
                        NDArray loss = config.loss().of(l, v, mb.actions, mb.logps, mb.values, mb.advantages, mb.returns, offset,
                                rows, scope, parts);
                        double w = (double) rows / mb.size;
                        sums.parts[0] += w * parts[0].policy();
                        sums.parts[1] += w * parts[0].value();
                        sums.parts[2] += w * parts[0].entropy();
                        sums.parts[3] += w * parts[0].clipFraction();
                        return expert == null ? loss : loss.add(expert.of(l, mb.accepted, offset, rows, scope, sums.expert));
                    });
                } catch (NonFiniteLossException x) {
                    throw new NonFiniteLossException("PPO update " + update + ", epoch " + (e + 1) + ", minibatch " + (m + 1) + ": "
                            + x.getMessage() + " (last pass: " + parts[0] + (expert == null ? "" : ", expert term -log p(alive) sum "
                            + (sums.expert[0] - expertBefore[0]) + " over " + (sums.expert[1] - expertBefore[1]) + " states") + ")");
                }
                sums.minibatches++;
            }
        }
        return sums;
    }

    /** The expert term's figures of one update from its labels, the rollout's actions and logits, and the epochs' sums. */
    static ExpertFigures expertFigures(FatalStateLabeller fatal, int[] actions, float[] rolloutLogits, double[] expertParts) {
        int[] accepted = fatal.accepted();
        int states = 0;
        int fatalMoves = 0;
        double alive = 0;
        for (int k = 0; k < accepted.length; k++) {
            if (AcceptedSet.constrains(accepted[k], 15)) {
                states++;
                fatalMoves += (accepted[k] >>> actions[k] & 1) == 0 ? 1 : 0;
                alive += Softmax.probability(rolloutLogits, k * 15, 15, accepted[k]);
            }
        }
        return new ExpertFigures(fatal.deaths(), states, fatalMoves, states == 0 ? Double.NaN : alive / states,
                expertParts[1] == 0 ? Double.NaN : expertParts[0] / expertParts[1]);
    }

    static float logSoftmax(float[] logits, int offset, int action) {
        return (float) Softmax.logProbability(logits, offset, 15, action);
    }

    /** A Fisher–Yates permutation of {@code 0..n-1}. */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
