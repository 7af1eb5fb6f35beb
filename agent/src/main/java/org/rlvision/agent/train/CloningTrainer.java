package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.WeightInit;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The expert-guided warm start: behaviour cloning of the policy head on the planning expert's
 * demonstrations, then DAgger rounds in which the learner plays and the expert labels the states
 * it visits; the value head is fitted to discounted returns throughout. Reports every epoch and
 * round to a metrics consumer; deterministic for a given seed.
 */
public final class CloningTrainer {
    /**
     * Settings.
     *
     * @param mode           distribution mode of the training levels
     * @param paintVelInfo   observations show velocity squares
     * @param firstLevel     first training level
     * @param numLevels      number of training levels
     * @param demoLevels     how many of them (from the first) the expert demonstrates before DAgger (0: none)
     * @param labels         which actions DAgger accepts in the states the learner visits
     * @param daggerFocus    keep a visited state only when the learner puts less than this on its accepted actions (1: all)
     * @param epochs         behaviour-cloning epochs over the expert data
     * @param daggerRounds   DAgger rounds after cloning
     * @param daggerStates   states relabelled per round
     * @param daggerEpochs   epochs over the whole buffer after each round
     * @param daggerBatches  at most this many minibatches per DAgger epoch (0 = the whole buffer)
     * @param batchSize      minibatch size
     * @param learningRate   Adam learning rate
     * @param valueCoef      weight of the value loss
     * @param gamma          discount of value targets
     * @param maxGradNorm    global gradient-norm clip
     * @param seed           seed of initial weights, shuffling and sampling
     */
    public record Config(DistributionMode mode, boolean paintVelInfo, int firstLevel, int numLevels, int demoLevels,
                         DaggerLabels labels, float daggerFocus, int epochs, int daggerRounds, int daggerStates, int daggerEpochs, int daggerBatches,
                         int batchSize, float learningRate, float valueCoef, float gamma, float maxGradNorm, long seed) {
        /** Validates the settings, naming the bad one. */
        public Config {
            if (numLevels < 1 || epochs < 0 || daggerRounds < 0 || daggerStates < 0 || daggerEpochs < 0 || batchSize < 1) {
                throw new IllegalArgumentException("training sizes must be positive: levels " + numLevels + ", epochs "
                        + epochs + ", dagger rounds " + daggerRounds + ", batch " + batchSize);
            }
            if (demoLevels < 0 || demoLevels > numLevels) {
                throw new IllegalArgumentException("demo levels must be between 0 and the " + numLevels + " training levels, got "
                        + demoLevels);
            }
        }

        /** Settings with expert demonstrations on every training level and near-best DAgger labels. */
        public Config(DistributionMode mode, boolean paintVelInfo, int firstLevel, int numLevels, int epochs, int daggerRounds,
                      int daggerStates, int daggerEpochs, int daggerBatches, int batchSize, float learningRate, float valueCoef,
                      float gamma, float maxGradNorm, long seed) {
            this(mode, paintVelInfo, firstLevel, numLevels, numLevels, DaggerLabels.NEAR_BEST, 1f, epochs, daggerRounds, daggerStates,
                    daggerEpochs, daggerBatches, batchSize, learningRate, valueCoef, gamma, maxGradNorm, seed);
        }
    }

    /** One line of training progress (written as JSON by the CLI). */
    public record Metric(String stage, int round, int epoch, long samplesSeen, double loss, double policyLoss,
                         double valueLoss, double accuracy, Double learnerSuccess, double seconds) {
    }

    private final Config config;
    private final NetworkConfig network;

    /** A trainer for this network and settings. */
    public CloningTrainer(NetworkConfig network, Config config) {
        this.network = network;
        this.config = config;
    }

    /**
     * Trains from {@code start} (or seeded random weights if null) and returns the final weights.
     *
     * @param progress receives a short text line now and then (levels collected, epochs)
     * @param metrics  receives one {@link Metric} per epoch
     * @param checkpoint receives the weights after every epoch (for saving)
     */
    public StateDict train(StateDict start, Consumer<String> progress, Consumer<Metric> metrics, Consumer<StateDict> checkpoint) {
        return train(start, null, null, progress, metrics, c -> checkpoint.accept(c.weights()));
    }

    /**
     * Trains from {@code start}, or continues from {@code resume}, and returns the final weights.
     * With a journal every sample is appended to it as it becomes final, and every checkpoint
     * counts the journal's records; resuming from any checkpoint with its journal then gives
     * bit-identical weights to an uninterrupted run (every epoch and round draws from its own
     * random stream, derived from the seed).
     *
     * @param start      starting weights, or null for seeded random weights (ignored when resuming)
     * @param resume     a checkpoint of this run to continue from, or null to start
     * @param journal    the run's sample journal (needed to resume), or null
     * @param progress   receives a short text line now and then (levels collected, epochs)
     * @param metrics    receives one {@link Metric} per epoch
     * @param checkpoint receives the state after every epoch (for saving)
     */
    public StateDict train(StateDict start, TrainingCheckpoint resume, SampleJournal journal, Consumer<String> progress,
                           Consumer<Metric> metrics, Consumer<TrainingCheckpoint> checkpoint) {
        return train(start, resume, journal, null, progress, metrics, checkpoint);
    }

    /**
     * As {@link #train(StateDict, TrainingCheckpoint, SampleJournal, Consumer, Consumer, Consumer)},
     * with the buffer of a fresh run starting from every sample of an earlier run's journal
     * ({@code earlier}, e.g. the previous stage's {@code OUT.samples.bin}) before the expert's
     * demonstrations: DAgger aggregates, so a new stage with other settings keeps what the learner
     * visited before. The samples are copied into this run's journal, so a resume does not read
     * {@code earlier} again.
     *
     * @param earlier an earlier run's sample journal, or null (ignored when resuming)
     */
    public StateDict train(StateDict start, TrainingCheckpoint resume, SampleJournal journal, SampleJournal earlier,
                           Consumer<String> progress, Consumer<Metric> metrics, Consumer<TrainingCheckpoint> checkpoint) {
        long t0 = System.nanoTime();
        SampleBuffer buffer = new SampleBuffer(64 * 64 * 3);
        int last = config.firstLevel() + config.numLevels() - 1;
        int resumeRound = -1;
        int resumeEpoch = -1;
        long[] seen = {0};
        StateDict init;
        if (resume != null) {
            if (journal == null) {
                throw new IllegalArgumentException("resuming a cloning run needs its sample journal");
            }
            TrainingCheckpoint.Position at = resume.position();
            journal.truncate(at.journalRecords());
            journal.readInto(buffer, at.journalRecords());
            resumeRound = at.round();
            resumeEpoch = at.epoch();
            seen[0] = at.samplesSeen();
            init = resume.weights();
            progress.accept("resumed after " + at.stage() + " round " + at.round() + " epoch " + at.epoch() + ": "
                    + buffer.size() + " samples from " + journal.records() + " journal records");
        } else {
            init = start != null ? start : WeightInit.random(ActorCriticNet.build(network).layout(), config.seed());
            if (journal != null) {
                journal.truncate(0);
            }
            if (earlier != null) {
                earlier.readInto(buffer, earlier.records());
                progress.accept(buffer.size() + " samples from an earlier run's journal");
            }
            ExpertDemonstrations demos = new ExpertDemonstrations(config.mode(), config.paintVelInfo(), config.gamma());
            int[] done = {0};
            ExpertDemonstrations.Summary s = demos.collect(config.firstLevel(), config.firstLevel() + config.demoLevels() - 1, buffer, () -> {
                if (++done[0] % 250 == 0) {
                    progress.accept("expert demonstrations: " + done[0] + "/" + config.demoLevels() + " levels, "
                            + buffer.size() + " samples");
                }
            });
            if (journal != null) {
                journal.append(buffer, 0);
            }
            progress.accept("expert solved " + s.solved() + "/" + s.levels() + " training levels; " + s.samples() + " samples");
        }
        try (TrainableNet net = new TrainableNet(network, init, resume == null ? null : resume.optimizer(),
                config.learningRate(), config.maxGradNorm())) {
            Dagger dagger = new Dagger(config.mode(), config.labels(), config.paintVelInfo(), config.gamma(), 400, config.daggerFocus());
            for (int r = 0; r <= config.daggerRounds(); r++) {
                int epochs = r == 0 ? config.epochs() : config.daggerEpochs();
                if (r < resumeRound || (r == resumeRound && resumeEpoch >= epochs - 1)) {
                    continue; // finished before the checkpoint
                }
                Double success = null;
                if (r >= 1 && r > resumeRound) {
                    int before = buffer.size();
                    Dagger.Summary d = dagger.collect(net, config.firstLevel(), last, config.daggerStates(), 16,
                            TrainingStreams.of(config.seed(), r, -1), buffer, () -> { });
                    if (journal != null) {
                        journal.append(buffer, before);
                    }
                    success = d.episodes() == 0 ? Double.NaN : (double) d.solved() / d.episodes();
                    progress.accept(String.format(java.util.Locale.ROOT, "DAgger round %d: learner solved %d/%d training episodes (%.1f%%), %d states visited, %d kept",
                            r, d.solved(), d.episodes(), 100 * success, d.visited(), d.samples()));
                }
                String stage = r == 0 ? "bc" : "dagger";
                for (int e = r == resumeRound ? resumeEpoch + 1 : 0; e < epochs; e++) {
                    metrics.accept(epoch(net, buffer, TrainingStreams.of(config.seed(), r, e), stage, r, e, seen, success, t0,
                            progress, r == 0 ? 0 : config.daggerBatches()));
                    checkpoint.accept(new TrainingCheckpoint(new TrainingCheckpoint.Position(stage, r, e, seen[0], buffer.size()),
                            net.snapshot(), net.optimizerState()));
                }
            }
            return net.snapshot();
        }
    }

    private Metric epoch(TrainableNet net, SampleBuffer buffer, SplittableRandom rng, String stage, int round, int epoch,
                         long[] seen, Double learnerSuccess, long t0, Consumer<String> progress, int maxBatches) {
        int b = config.batchSize();
        int[] order = buffer.shuffled(rng);
        byte[] frames = new byte[b * buffer.observationBytes()];
        int[] actions = new int[b];
        int[] accepted = new int[b];
        float[] returns = new float[b];
        int[] idx = new int[b];
        double lossSum = 0;
        double[] parts = new double[3];
        int batches = 0;
        int limit = maxBatches > 0 ? Math.min(order.length, maxBatches * b) : order.length;
        for (int start = 0; start + b <= limit; start += b) {
            System.arraycopy(order, start, idx, 0, b);
            buffer.gather(idx, frames, actions, accepted, returns);
            double[] batchParts = new double[3];
            float loss = net.step(frames, b, (logits, values, scope) -> behaviourLoss(logits, values, accepted, returns, scope, batchParts));
            lossSum += loss;
            for (int k = 0; k < 3; k++) {
                parts[k] += batchParts[k];
            }
            batches++;
            seen[0] += b;
            if (batches % 100 == 0) {
                progress.accept(String.format(java.util.Locale.ROOT, "%s round %d epoch %d: %d/%d batches, loss %.4f, accuracy %.3f",
                        stage, round, epoch, batches, limit / b, lossSum / batches, parts[2] / batches));
            }
        }
        int n = Math.max(1, batches);
        return new Metric(stage, round, epoch, seen[0], lossSum / n, parts[0] / n, parts[1] / n, parts[2] / n,
                learnerSuccess, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The set-valued cross-entropy {@code -log Σ_{a accepted} π(a|s)} (the expert's action and
     * every action as good as it: the learner may put its mass on any of them) plus
     * {@code valueCoef ×} squared error to the return. Accuracy counts the learner's most likely
     * action as right when it is in the accepted set.
     */
    static NDArray behaviourLoss(NDArray logits, NDArray values, int[] accepted, float[] returns, float valueCoef,
                                 NDManager scope, double[] parts) {
        int b = accepted.length;
        NDArray acceptedLogp = AcceptedSet.logProbability(logits, accepted, 0, b, scope);
        NDArray policyLoss = acceptedLogp.neg().mean();
        NDArray valueLoss = values.sub(scope.create(returns, new Shape(b))).square().mean();
        long[] best = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
        int right = 0;
        for (int i = 0; i < b; i++) {
            right += (accepted[i] >>> best[i] & 1) != 0 ? 1 : 0;
        }
        parts[0] = policyLoss.getFloat();
        parts[1] = valueLoss.getFloat();
        parts[2] = (double) right / b;
        return policyLoss.add(valueLoss.mul(valueCoef));
    }

    private NDArray behaviourLoss(NDArray logits, NDArray values, int[] accepted, float[] returns, NDManager scope, double[] parts) {
        return behaviourLoss(logits, values, accepted, returns, config.valueCoef(), scope, parts);
    }
}
