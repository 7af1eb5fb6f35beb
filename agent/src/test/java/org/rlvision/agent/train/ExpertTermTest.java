package org.rlvision.agent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PPO's expert term: its loss by hand, the states the expert labels after deaths, and a PPO run
 * with the term that resumes bit for bit and differs from the run without it.
 */
class ExpertTermTest {
    private static final NetworkConfig NET = NetworkConfig.procgen(Architecture.CLEAR_CNN);
    private static final int RIGHT_UP = 8;

    @Test
    void theTermIsTheCoefficientTimesTheMeanOfMinusLogPAliveOverConstrainingRows() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // 4 rows x 3 actions; rows 1..3 are passed (offset 1)
            // row 1: equal logits, {0,1} accepted: -log(2/3)
            // row 2: softmax (1/6, 2/6, 3/6), all accepted: constrains nothing, adds 0
            // row 3: softmax (1/6, 2/6, 3/6), {0} accepted: -log(1/6)
            double ln2 = Math.log(2);
            double ln3 = Math.log(3);
            NDArray logits = m.create(new float[] {0, 0, 0, 0, (float) ln2, (float) ln3, 0, (float) ln2, (float) ln3}, new Shape(3, 3));
            int[] accepted = {0b001, 0b011, 0b111, 0b001};
            double[] parts = new double[2];
            float term = new ExpertTerm(2f, 4, DistributionMode.HARD).of(logits, accepted, 1, 3, m, parts).getFloat();
            double sum = Math.log(1.5) + Math.log(6);
            assertEquals(2 * sum / 3, term, 1e-6);
            assertEquals(sum, parts[0], 1e-6);
            assertEquals(2, parts[1]);
            // an unlabelled row (0) and an all-accepting row add nothing and leave the parts alone
            double[] none = new double[2];
            assertEquals(0f, new ExpertTerm(2f, 4, DistributionMode.HARD).of(logits.get("1:3"), new int[] {0, 0b111}, 0, 2, m, none)
                    .getFloat());
            assertEquals(0, none[1]);
        }
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ExpertTerm(0f, 32, DistributionMode.HARD));
        assertThrows(IllegalArgumentException.class, () -> new ExpertTerm(1f, 0, DistributionMode.HARD));
        assertThrows(IllegalArgumentException.class, () -> new ExpertTerm(Float.NaN, 32, DistributionMode.HARD));
    }

    /**
     * Always jumping to the right on hard levels dies often; only the up to {@code horizon} states
     * of an episode before its death are labelled, and somewhere the move that was played is rejected.
     */
    @Test
    void onlyTheStatesLeadingToADeathAreLabelled() {
        int envs = 8;
        int steps = 120;
        int horizon = 12;
        FatalStateLabeller fatal = new FatalStateLabeller(new ExpertTerm(1f, horizon, DistributionMode.HARD), envs, steps);
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
                .optStartLevel(0).optNumLevels(50).optRandSeed(3).build();
        boolean[] expected = new boolean[envs * steps];
        int deaths = 0;
        int[] start = new int[envs];
        try (CoinRunVecEnv env = CoinRunVecEnv.create(envs, options)) {
            fatal.beginRollout();
            int[] act = new int[envs];
            Arrays.fill(act, RIGHT_UP);
            for (int s = 0; s < steps; s++) {
                fatal.record(s, env);
                env.act(act);
                StepBatch after = env.observe();
                for (int i = 0; i < envs; i++) {
                    EpisodeEnd end = after.episodeEnd(i);
                    if (end != null) {
                        fatal.episodeEnded(s, i, end);
                        if (end.cause().isDeath()) {
                            deaths++;
                            for (int t = Math.max(start[i], s - horizon + 1); t <= s; t++) {
                                expected[t * envs + i] = true;
                            }
                        }
                        start[i] = s + 1;
                    }
                }
            }
        }
        assertTrue(deaths >= 3, "jumping right should die a few times in 8 x 120 steps, died " + deaths);
        assertEquals(deaths, fatal.deaths());
        int[] accepted = fatal.accepted();
        int constraining = 0;
        int rightRejected = 0;
        for (int k = 0; k < accepted.length; k++) {
            if (!expected[k]) {
                assertEquals(0, accepted[k], "state " + k + " did not lead to a death but is labelled");
            }
            if (AcceptedSet.constrains(accepted[k], 15)) {
                constraining++;
                rightRejected += (accepted[k] >>> RIGHT_UP & 1) == 0 ? 1 : 0;
            }
        }
        assertTrue(constraining > 0, "some state before a death must rule out a move");
        assertTrue(rightRejected > 0, "the expert must reject the fatal RIGHT+UP somewhere before a death");
        // a new rollout forgets the labels
        fatal.beginRollout();
        assertTrue(Arrays.stream(fatal.accepted()).allMatch(a -> a == 0));
        assertEquals(0, fatal.deaths());
    }

    @Test
    void ppoWithTheExpertTermResumesBitForBitAndDiffersFromPpoWithoutIt(@TempDir Path dir) throws Exception {
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
                .optStartLevel(0).optNumLevels(200).optRandSeed(6).build();
        StateDict start; // the shipped agent dies on about 1 level in 5 of ~50 steps: 2 x 8 x 64 steps see deaths
        try (ModelBundle b = ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            start = b.agent().stateDict();
        }
        PpoTrainer plain = new PpoTrainer(NET, new PpoTrainer.Config(8, 64, 2, 1, 2, 5e-4f, 0.999f, 0.95f,
                new PpoLoss(0.2f, 0.5f, 0.01f), 0.5f, 6));
        PpoTrainer withExpert = plain.withExpertTerm(new ExpertTerm(1f, 16, DistributionMode.HARD));
        List<PpoTrainer.Metric> metrics = new ArrayList<>();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        StateDict uninterrupted;
        try (ActionLog log = new ActionLog(dir.resolve("full.log"), 8)) {
            uninterrupted = withExpert.train(start, null, log, o -> CoinRunVecEnv.create(8, o), options, metrics::add, checkpoints::add);
        }
        int labelled = metrics.stream().mapToInt(x -> x.expert().states()).sum();
        assertTrue(metrics.stream().mapToInt(x -> x.expert().deaths()).sum() > 0);
        assertTrue(labelled > 0, "the expert must find fatal moves before some deaths");
        for (PpoTrainer.Metric x : metrics) {
            assertTrue(x.expert().fatalMoves() <= x.expert().states());
        }

        StateDict resumed;
        try (ActionLog log = new ActionLog(dir.resolve("full.log"), 8)) {
            resumed = withExpert.train(null, checkpoints.get(0), log, o -> CoinRunVecEnv.create(8, o), options, m -> { }, c -> { });
        }
        for (String key : uninterrupted.keys()) {
            assertTrue(Arrays.equals(uninterrupted.get(key).data(), resumed.get(key).data()), key + " differs after resuming");
        }

        List<PpoTrainer.Metric> plainMetrics = new ArrayList<>();
        StateDict without;
        try (ActionLog log = new ActionLog(dir.resolve("plain.log"), 8)) {
            without = plain.train(start, null, log, o -> CoinRunVecEnv.create(8, o), options, plainMetrics::add, c -> { });
        }
        assertNull(plainMetrics.get(0).expert());
        String key = without.keys().iterator().next();
        assertFalse(Arrays.equals(without.get(key).data(), uninterrupted.get(key).data()), "the term must change the update");
    }
}
