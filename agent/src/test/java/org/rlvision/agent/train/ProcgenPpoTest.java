package org.rlvision.agent.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.procgen.ProcgenVecEnv;
import org.rlvision.env.procgen.ProcgenWorkerConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PPO on the real Procgen ({@code rlvision train --stage ppo --env procgen}): a run killed after a
 * checkpoint and resumed, its actions replayed on a fresh worker, ends with exactly the weights of
 * the run left alone, and its episodes end as Procgen reports them. Runs when the interpreter from
 * {@code RLVISION_PYTHON} (else {@code python3}) can {@code import procgen, py4j}; skipped otherwise.
 */
class ProcgenPpoTest {
    private static final NetworkConfig NET = NetworkConfig.procgen(Architecture.CLEAR_CNN);
    private static final ProcgenWorkerConfig WORKER = ProcgenWorkerConfig.defaults();
    private static String skipReason;

    @BeforeAll
    static void findProcgen() {
        skipReason = WORKER.unavailableReason().orElse(null);
        if (skipReason != null) {
            System.out.println("ProcgenPpoTest skipped: " + skipReason);
        }
    }

    private static final class Killed extends RuntimeException {
    }

    @Test
    void ppoOnTheRealGameResumesBitIdentically(@TempDir Path dir) throws Exception {
        assumeTrue(skipReason == null, skipReason);
        Function<EnvOptions, VecEnv> procgen = o -> ProcgenVecEnv.start(2, o, WORKER);
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
                .optStartLevel(0).optNumLevels(20).optRandSeed(6).build();
        PpoTrainer trainer = new PpoTrainer(NET, new PpoTrainer.Config(2, 64, 2, 1, 3, 5e-4f, 0.999f, 0.95f,
                new PpoLoss(0.2f, 0.5f, 0.01f), 0.5f, 6));
        StateDict start; // the shipped agent finishes a level in about 50 steps, so 3 x 128 steps end episodes
        try (org.rlvision.agent.bundle.ModelBundle b = org.rlvision.agent.bundle.ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            start = b.agent().stateDict();
        }
        List<PpoTrainer.Metric> metrics = new ArrayList<>();
        StateDict uninterrupted;
        try (ActionLog log = new ActionLog(dir.resolve("full.log"), 2)) {
            uninterrupted = trainer.train(start, null, log, procgen, options, metrics::add, c -> { });
        }
        assertTrue(metrics.stream().mapToInt(PpoTrainer.Metric::episodes).sum() > 0, "3 x 128 steps of the shipped agent end episodes");

        Path file = dir.resolve("killed.log");
        TrainingCheckpoint[] last = new TrainingCheckpoint[1];
        try (ActionLog log = new ActionLog(file, 2)) {
            assertThrows(Killed.class, () -> trainer.train(start, null, log, procgen, options, m -> { }, c -> {
                last[0] = c;
                if (c.position().round() == 2) {
                    throw new Killed();
                }
            }));
        }
        List<PpoTrainer.Metric> after = new ArrayList<>();
        StateDict resumed;
        try (ActionLog log = new ActionLog(file, 2)) { // a new worker replays the logged actions
            resumed = trainer.train(null, last[0], log, procgen, options, after::add, c -> { });
        }
        assertEquals(1, after.size());
        assertEquals(metrics.get(2).episodes(), after.get(0).episodes());
        assertEquals(metrics.get(2).successRate(), after.get(0).successRate(), 0.0);
        for (String k : uninterrupted.keys()) {
            assertArrayEquals(uninterrupted.get(k).data(), resumed.get(k).data(), "parameter " + k + " differs");
        }
    }

    @Test
    void procgenEpisodesEndAsCompleteOrNot() throws Exception {
        assumeTrue(skipReason == null, skipReason);
        try (ProcgenVecEnv env = ProcgenVecEnv.start(1, EnvOptions.builder().optDistributionMode(DistributionMode.HARD)
                .optPaintVelInfo(true).build(), WORKER);
             org.rlvision.agent.bundle.ModelBundle b = org.rlvision.agent.bundle.ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            int[] workers = {0};
            Function<EnvOptions, VecEnv> counted = o -> {
                workers[0]++;
                return ProcgenVecEnv.start(1, o, WORKER);
            };
            Evaluation.Result r = Evaluation.run(b.agent(), counted, env.options(), 1_000_000, 6, 6,
                    org.rlvision.agent.ActionSelection.GREEDY, 0, () -> { });
            for (EndCause c : r.outcomes()) {
                assertTrue(c == EndCause.COMPLETE || c == EndCause.NOT_COMPLETE || c == EndCause.TIMEOUT, c.name());
            }
            assertEquals(r.successes(), (int) r.outcomes().stream().filter(EndCause::isSuccess).count());
            assertEquals(6, workers[0]);
            // two workers playing three levels each, re-created in place between levels: the same outcomes
            workers[0] = 0;
            Evaluation.Result reused = Evaluation.run(b.agent(), counted, env.options(), 1_000_000, 6, 2,
                    org.rlvision.agent.ActionSelection.GREEDY, 0, () -> { });
            assertEquals(2, workers[0]);
            assertEquals(r.outcomes(), reused.outcomes());
        }
    }
}
