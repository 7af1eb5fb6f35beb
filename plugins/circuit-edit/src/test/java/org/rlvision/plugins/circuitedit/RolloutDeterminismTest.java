package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;

/**
 * A level's outcome depends on the agent, the level and the seed only: not on its slot, its
 * neighbours, the number of levels left (padding), or the arm order; so a zero-vector edit gives
 * bit-identical outcomes.
 */
class RolloutDeterminismTest {
    static final EnvOptions ENV = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true).build();
    static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ShippedModel.load();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    static Map<Integer, String> play(int batch, long seed, int... levels) throws IOException {
        return playWithThreads(batch, seed, 1, levels);
    }

    static Map<Integer, String> playWithThreads(int batch, long seed, int threads, int... levels) throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        Rollout r = new Rollout(new Rollout.Config(batch, ENV, Set.of(), seed, false, threads));
        Rollout.Stats s = r.play(bundle.agent(), Hooks.none(), levels,
                (level, cause, length, ret) -> assertEquals(null, out.put(level, cause + "/" + length + "/" + ret)), Set.of(), null);
        assertEquals(levels.length, s.levels());
        return out;
    }

    @Test
    void outcomesDoNotDependOnSlotNeighboursOrPadding() throws IOException {
        // levels whose episodes are short with this seed (17..41 steps), to keep the test fast
        Map<Integer, String> a = play(8, 7, 0, 1, 2, 3, 4, 5, 8, 9, 10, 11);
        Map<Integer, String> b = play(8, 7, 11, 10, 9, 8, 5, 4, 3, 2, 1, 0);
        Map<Integer, String> c = play(8, 7, 3, 9);
        assertEquals(a, b, "reversed order: other slots, other neighbours, other refills");
        assertEquals(a.get(3), c.get(3), "two levels in eight slots: six rows of padding");
        assertEquals(a.get(9), c.get(9));
        Map<Integer, String> twoThreads = playWithThreads(8, 7, 2, 5, 0, 1, 2, 3, 4, 8, 9, 10, 11);
        assertEquals(a, twoThreads, "two PyTorch threads per forward pass instead of one");
        Map<Integer, String> otherSeed = play(8, 8, 2, 3, 10, 11);
        Map<Integer, String> sameLevels = new TreeMap<>(a);
        sameLevels.keySet().retainAll(otherSeed.keySet());
        assertNotEquals(sameLevels, otherSeed, "the seed does drive the sampled actions");
    }

    @Test
    void twoWorkersGiveTheOutcomesOfOne(@TempDir Path tmp) throws IOException {
        List<Arm> arms = ArmParser.forOption(bundle.agent().layout(), "").parse("ablate:3a:2", "invisible-saws");
        Experiment one = new Experiment(LevelRange.parse("40..63"), Shard.ALL, arms, 4, ENV, 5, false, "test", 1, 1);
        Map<String, String> a = outcomes(one, tmp.resolve("one.jsonl"));
        Map<String, String> b = outcomes(one.withWorkers(2, 1), tmp.resolve("two.jsonl"));
        assertEquals(3 * 24, a.size());
        assertEquals(a, b, "levels handed to two workers in whatever order they free a slot");
    }

    static Map<String, String> outcomes(Experiment e, Path journal) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Journal j = Journal.open(journal, e.describe(), e.shard())) {
            e.run(bundle.agent(), j, n -> { });
            for (LevelOutcome o : j.outcomes()) {
                out.put(o.arm() + "/" + o.level(), o.cause() + "/" + o.length() + "/" + o.episodeReturn());
            }
        }
        return out;
    }

    @Test
    void aZeroVectorEditGivesBitIdenticalOutcomes(@TempDir Path tmp) throws IOException {
        Path zero = tmp.resolve("zero.txt");
        Files.writeString(zero, "0\n".repeat(32));
        List<Arm> arms = ArmParser.forOption(bundle.agent().layout(), "")
                .parse("project:2b:vec:" + zero + ";act-project:3a:vec:" + zero + ";ablate:2b:4", "");
        Experiment e = new Experiment(LevelRange.parse("20..35"), Shard.ALL, arms, 8, ENV, 3, false, "test", 2, 1);
        try (Journal j = Journal.open(tmp.resolve("journal.jsonl"), e.describe(), Shard.ALL)) {
            e.run(bundle.agent(), j, n -> { });
            Map<String, Map<Integer, String>> byArm = new TreeMap<>();
            for (LevelOutcome o : j.outcomes()) {
                byArm.computeIfAbsent(o.arm(), k -> new TreeMap<>()).put(o.level(), o.cause() + "/" + o.length() + "/" + o.episodeReturn());
            }
            assertEquals(16, byArm.get("original").size());
            assertEquals(byArm.get("original"), byArm.get("project:2b:vec:" + zero), "kernel projection of a zero vector");
            assertEquals(byArm.get("original"), byArm.get("act-project:3a:vec:" + zero), "activation projection of a zero vector");
            assertNotEquals(byArm.get("original"), byArm.get("ablate:2b:4"), "a real edit on the same levels changes something");
            assertTrue(byArm.get("original").values().stream().anyMatch(s -> s.startsWith("COIN")));
        }
    }
}
