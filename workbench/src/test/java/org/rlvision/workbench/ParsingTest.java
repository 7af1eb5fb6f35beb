package org.rlvision.workbench;

import org.junit.jupiter.api.Test;
import org.rlvision.agent.train.LearningRateSchedule;
import org.rlvision.agent.train.PpoTrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParsingTest {
    @Test
    void seedRanges() {
        assertEquals(new SeedRange(0, 15), SeedRange.parse("0..15"));
        assertEquals(16, SeedRange.parse("0..15").size());
        assertEquals(new SeedRange(7, 7), SeedRange.parse(" 7 "));
        assertEquals("1000000..1000999", SeedRange.parse("1000000..1000999").toString());
        assertThrows(UserException.class, () -> SeedRange.parse("a..b"));
        assertThrows(UserException.class, () -> SeedRange.parse("-3..2"));
    }

    @Test
    void actionScripts() {
        assertArrayEquals(new int[] {7, 7, 7, 8, 4, 4}, ActionScript.parse("RIGHT*3,RIGHT+UP,NOOP*2"));
        assertArrayEquals(new int[] {0, 14, 5}, ActionScript.parse("0, E, up"));
        UserException e = assertThrows(UserException.class, () -> ActionScript.parse("RIGHT*x"));
        assertEquals("'RIGHT*x' in the action script has a bad repeat count; write ACTION*N, e.g. RIGHT*20", e.getMessage());
        assertThrows(UserException.class, () -> ActionScript.parse(" , "));
    }

    @Test
    void durations() {
        assertEquals("42s", Progress.duration(42.2));
        assertEquals("2m05s", Progress.duration(125));
        assertEquals("1h01m", Progress.duration(3660));
    }

    @Test
    void ppoTakesItsLearningRateAndEntropyWeightFromTheCommandLine() {
        TrainCommand t = new TrainCommand();
        new picocli.CommandLine(t).parseArgs("--out", "x", "--ppo-updates", "7", "--seed", "3");
        PpoTrainer.Config article = t.ppoConfig();
        assertEquals(PpoTrainer.Config.article(7, 3), article);
        t = new TrainCommand();
        new picocli.CommandLine(t).parseArgs("--out", "x", "--ppo-lr", "1e-4", "--ppo-entropy", "0", "--lr", "3e-4");
        PpoTrainer.Config tuned = t.ppoConfig();
        assertEquals(LearningRateSchedule.constant(1e-4f), tuned.learningRate());
        assertEquals(0f, tuned.loss().entropyCoef());
        assertEquals(article.loss().valueCoef(), tuned.loss().valueCoef()); // --value-coef is cloning's, not PPO's
        assertEquals(64, tuned.envs());
    }

    @Test
    void ppoTakesItsRolloutSizeEpochsAndMinibatchesFromTheCommandLine() {
        TrainCommand t = new TrainCommand();
        new picocli.CommandLine(t).parseArgs("--out", "x", "--ppo-envs", "192", "--ppo-steps", "128", "--ppo-epochs", "1",
                "--ppo-minibatches", "12");
        PpoTrainer.Config c = t.ppoConfig();
        assertEquals(192, c.envs());
        assertEquals(128, c.steps());
        assertEquals(1, c.epochs());
        assertEquals(12, c.minibatches());
        assertEquals(PpoTrainer.Config.article(20, 0).gamma(), c.gamma());
        // the trainer itself refuses a rollout whose frames overflow one array (174,762 samples at most)
        assertEquals(174_762, PpoTrainer.Config.MAX_ROLLOUT);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PpoTrainer.Config(1024, 256, 8, 1, 1,
                1e-4f, 0.999f, 0.95f, c.loss(), 0.5f, 0));
    }

    @Test
    void ppoAnnealsItsLearningRateWhenAskedTo() {
        TrainCommand t = new TrainCommand();
        new picocli.CommandLine(t).parseArgs("--out", "x", "--ppo-lr", "1e-4", "--ppo-lr-final", "2e-5", "--ppo-lr-anneal", "40");
        LearningRateSchedule rate = t.ppoConfig().learningRate();
        assertEquals(new LearningRateSchedule(1e-4f, 2e-5f, 40), rate);
        assertEquals(6e-5f, rate.at(21), 1e-12f); // half way
        assertEquals(2e-5f, rate.at(41));
    }

    @Test
    void timeLeftAtThePaceSoFar() {
        assertEquals("10m00s", Progress.remaining(240, 2, 5)); // 2 updates in 4 min, 5 to go at 2 min each
        assertEquals("0s", Progress.remaining(240, 2, 0));
        assertEquals("?", Progress.remaining(3, 0, 5));
    }
}
