package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed after a checkpoint and resumed from it ends with exactly the weights and Adam
 * state of the same run left alone: for behaviour cloning + DAgger and for PPO.
 */
class ResumeTest {
    private static final NetworkConfig NET = NetworkConfig.procgen(Architecture.CLEAR_CNN);

    /** Thrown by a checkpoint consumer to stand in for a killed process. */
    private static final class Killed extends RuntimeException {
    }

    @Test
    void cloningResumedAfterAKillEqualsTheUninterruptedRun(@TempDir Path dir) {
        CloningTrainer trainer = new CloningTrainer(NET, new CloningTrainer.Config(DistributionMode.EASY, true, 40, 4, 2, 2, 96, 1, 3,
                32, 1e-3f, 0.05f, 0.999f, 0.5f, 11));
        List<TrainingCheckpoint> full = new ArrayList<>();
        StateDict uninterrupted;
        try (SampleJournal journal = new SampleJournal(dir.resolve("full.bin"), 64 * 64 * 3)) {
            uninterrupted = trainer.train(null, null, journal, s -> { }, m -> { }, full::add);
        }
        assertEquals(4, full.size()); // bc epochs 0,1 and DAgger rounds 1,2
        assertEquals("dagger", full.get(2).position().stage());

        // kill after the first BC epoch, and again after DAgger round 1: resume each time from the last checkpoint
        for (int killAfter : new int[] {1, 3}) {
            Path file = dir.resolve("killed-" + killAfter + ".bin");
            TrainingCheckpoint[] last = new TrainingCheckpoint[1];
            int[] count = {0};
            try (SampleJournal journal = new SampleJournal(file, 64 * 64 * 3)) {
                assertThrows(Killed.class, () -> trainer.train(null, null, journal, s -> { }, m -> { }, c -> {
                    last[0] = c;
                    if (++count[0] == killAfter) {
                        throw new Killed();
                    }
                }));
            }
            StateDict resumed;
            List<TrainingCheckpoint> after = new ArrayList<>();
            try (SampleJournal journal = new SampleJournal(file, 64 * 64 * 3)) { // reopened, as a new process would
                resumed = trainer.train(null, last[0], journal, s -> { }, m -> { }, after::add);
            }
            assertEquals(4 - killAfter, after.size());
            assertSame(uninterrupted, resumed);
            assertSame(full.get(3).optimizer().secondMoments(), after.get(after.size() - 1).optimizer().secondMoments());
            assertEquals(full.get(3).optimizer().step(), after.get(after.size() - 1).optimizer().step());
            assertEquals(full.get(3).position(), after.get(after.size() - 1).position());
        }
    }

    @Test
    void ppoResumedAfterAKillEqualsTheUninterruptedRun(@TempDir Path dir) {
        PpoTrainer trainer = ppo(LearningRateSchedule.constant(5e-4f), 3, 4);
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.EASY).optPaintVelInfo(true)
                .optStartLevel(0).optNumLevels(20).optRandSeed(4).build();
        StateDict start = org.rlvision.agent.WeightInit.random(org.rlvision.agent.net.ActorCriticNet.build(NET).layout(), 4);
        List<TrainingCheckpoint> full = new ArrayList<>();
        StateDict uninterrupted;
        try (ActionLog log = new ActionLog(dir.resolve("full.log"), 2)) {
            uninterrupted = trainer.train(start, null, log, o -> CoinRunVecEnv.create(2, o), options, m -> { }, full::add);
            assertEquals(3 * 16, log.steps());
        }
        Path file = dir.resolve("killed.log");
        TrainingCheckpoint[] last = new TrainingCheckpoint[1];
        try (ActionLog log = new ActionLog(file, 2)) {
            assertThrows(Killed.class, () -> trainer.train(start, null, log, o -> CoinRunVecEnv.create(2, o), options, m -> { },
                    c -> {
                        last[0] = c;
                        if (c.position().round() == 2) {
                            throw new Killed();
                        }
                    }));
        }
        assertEquals(32, last[0].position().journalRecords());
        List<TrainingCheckpoint> after = new ArrayList<>();
        StateDict resumed;
        try (ActionLog log = new ActionLog(file, 2)) {
            resumed = trainer.train(null, last[0], log, o -> CoinRunVecEnv.create(2, o), options, m -> { }, after::add);
        }
        assertEquals(1, after.size());
        assertSame(uninterrupted, resumed);
        assertSame(full.get(2).optimizer().firstMoments(), after.get(0).optimizer().firstMoments());
        assertEquals(full.get(2).position(), after.get(0).position());
    }

    @Test
    void anAnnealedRateIsTheRunStoppedAndResumedWithTheNextRate(@TempDir Path dir) {
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.EASY).optPaintVelInfo(true)
                .optStartLevel(0).optNumLevels(20).optRandSeed(5).build();
        StateDict start = org.rlvision.agent.WeightInit.random(org.rlvision.agent.net.ActorCriticNet.build(NET).layout(), 5);
        List<Double> rates = new ArrayList<>();
        StateDict annealed;
        try (ActionLog log = new ActionLog(dir.resolve("annealed.log"), 2)) {
            annealed = ppo(new LearningRateSchedule(5e-4f, 1e-4f, 1), 2, 5).train(start, null, log, o -> CoinRunVecEnv.create(2, o),
                    options, m -> rates.add(m.learningRate()), c -> { });
        }
        assertEquals(List.of((double) 5e-4f, (double) 1e-4f), rates);

        // update 1 at 5e-4, then a new process resumes with a constant 1e-4 for update 2
        TrainingCheckpoint[] first = new TrainingCheckpoint[1];
        Path file = dir.resolve("switched.log");
        try (ActionLog log = new ActionLog(file, 2)) {
            ppo(LearningRateSchedule.constant(5e-4f), 1, 5).train(start, null, log, o -> CoinRunVecEnv.create(2, o), options, m -> { },
                    c -> first[0] = c);
        }
        StateDict switched;
        try (ActionLog log = new ActionLog(file, 2)) {
            switched = ppo(LearningRateSchedule.constant(1e-4f), 2, 5).train(null, first[0], log, o -> CoinRunVecEnv.create(2, o),
                    options, m -> { }, c -> { });
        }
        assertSame(annealed, switched);

        // and the rate matters: two updates at a constant 5e-4 end elsewhere
        StateDict constant;
        try (ActionLog log = new ActionLog(dir.resolve("constant.log"), 2)) {
            constant = ppo(LearningRateSchedule.constant(5e-4f), 2, 5).train(start, null, log, o -> CoinRunVecEnv.create(2, o),
                    options, m -> { }, c -> { });
        }
        String key = constant.keys().iterator().next();
        assertFalse(java.util.Arrays.equals(constant.get(key).data(), annealed.get(key).data()));
    }

    /** PPO on 2 environments × 16 steps, 2 minibatches, 2 epochs. */
    private static PpoTrainer ppo(LearningRateSchedule rate, int updates, long seed) {
        return new PpoTrainer(NET, new PpoTrainer.Config(2, 16, 2, 2, updates, rate, 0.999f, 0.95f,
                new PpoLoss(0.2f, 0.5f, 0.01f), 0.5f, seed));
    }

    @Test
    void aJournalShorterThanItsCheckpointIsRefused(@TempDir Path dir) {
        try (SampleJournal journal = new SampleJournal(dir.resolve("s.bin"), 4)) {
            SampleBuffer b = new SampleBuffer(4);
            b.add(new byte[] {1, 2, 3, 4}, 0, 3, 0b1000, 2.5f);
            b.add(new byte[] {5, 6, 7, 8}, 0, 7, 0b110000000, -1f);
            journal.append(b, 0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.truncate(3));
            assertTrue(e.getMessage().contains("holds 2 records but the checkpoint counts 3"), e.getMessage());
            // a round trip of what was written
            SampleBuffer back = new SampleBuffer(4);
            journal.readInto(back, 2);
            byte[] frames = new byte[8];
            int[] actions = new int[2];
            int[] accepted = new int[2];
            float[] values = new float[2];
            back.gather(new int[] {0, 1}, frames, actions, accepted, values);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, frames);
            assertArrayEquals(new int[] {3, 7}, actions);
            assertArrayEquals(new int[] {0b1000, 0b110000000}, accepted);
            assertArrayEquals(new float[] {2.5f, -1f}, values);
        }
        // another kind of file under the name is refused, naming it
        try (ActionLog log = new ActionLog(dir.resolve("a.log"), 3)) {
            log.append(new int[] {1, 2, 3});
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampleJournal(dir.resolve("a.log"), 4));
        assertTrue(e.getMessage().contains("a.log is not a RLV-SAMPLES1 journal"), e.getMessage());
    }

    @Test
    void anEpisodeCutByTheEndOfARoundBootstrapsFromTheLearnersValue() {
        StateDict w = org.rlvision.agent.WeightInit.random(org.rlvision.agent.net.ActorCriticNet.build(NET).layout(), 8);
        SampleBuffer buffer = new SampleBuffer(64 * 64 * 3);
        try (TrainableNet learner = new TrainableNet(NET, w, 1e-3f, 0.5f)) {
            Dagger.Summary s = new Dagger(DistributionMode.HARD, DaggerLabels.NEAR_BEST, true, 0.5f, 400)
                    .collect(learner, 7, 7, 6, 1, new java.util.SplittableRandom(2), buffer, () -> { });
            assertEquals(0, s.episodes(), "six steps do not finish level 7");
        }
        assertEquals(6, buffer.size());
        assertTrue(buffer.valueTarget(5) != 0f, "the last target is the learner's value, discounted once");
        for (int t = 0; t < 5; t++) {
            assertEquals(0.5f * buffer.valueTarget(t + 1), buffer.valueTarget(t), 1e-7f, "no reward before the cut: step " + t);
        }
    }

    private static void assertSame(StateDict expected, StateDict actual) {
        assertEquals(expected.keys(), actual.keys());
        for (String k : expected.keys()) {
            assertArrayEquals(expected.get(k).data(), actual.get(k).data(), "parameter " + k + " differs");
        }
    }

}
