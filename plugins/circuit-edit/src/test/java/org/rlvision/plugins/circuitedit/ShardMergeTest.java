package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.plugin.PluginException;

/** Shards cover the levels exactly once, and merging their journals gives exactly the unsharded result. */
class ShardMergeTest {
    static ModelBundle bundle;
    static List<Arm> arms;

    @BeforeAll
    static void load() {
        bundle = ShippedModel.load();
        arms = ArmParser.forOption(bundle.agent().layout(), "").parse("act-ablate:2b:7:16", "invisible-saws");
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    static Experiment experiment(Shard shard) {
        return new Experiment(LevelRange.parse("200..215"), shard, arms, 8, RolloutDeterminismTest.ENV, 4, false,
                Experiment.fingerprint(bundle.agent()), 2, 1);
    }

    static List<LevelOutcome> play(Experiment e, Path file) throws IOException {
        try (Journal j = Journal.open(file, e.describe(), e.shard())) {
            e.run(bundle.agent(), j, n -> { });
            return j.outcomes();
        }
    }

    @Test
    void shardsPartitionTheLevels() {
        LevelRange r = LevelRange.parse("10..19");
        assertArrayEquals(new int[] {11, 14, 17}, new Shard(1, 3).levels(r));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int l : new Shard(i, 3).levels(r)) {
                all.add(l);
            }
        }
        all.sort(null);
        assertEquals(IntStream.rangeClosed(10, 19).boxed().toList(), all);
        assertEquals("--opt shard=3/3 is out of range; the index counts from 0, so use 0/3 .. 2/3",
                assertThrows(PluginException.class, () -> Shard.parse("3/3")).getMessage());
    }

    @Test
    void shardedThenMergedEqualsUnsharded(@TempDir Path tmp) throws IOException {
        Experiment whole = experiment(Shard.ALL);
        List<LevelOutcome> unsharded = play(whole, tmp.resolve("whole.jsonl"));
        Path shards = tmp.resolve("shards");
        Files.createDirectories(shards);
        play(experiment(new Shard(0, 2)), shards.resolve("shard-0.jsonl"));
        play(experiment(new Shard(1, 2)), shards.resolve("shard-1.jsonl"));

        JournalMerge merged = JournalMerge.of(CircuitEditPlugin.journalsOf(shards.toString()));
        Map<String, Integer> order = Map.of("original", 0, "act-ablate:2b:7:16", 1, "invisible-saws", 2);
        List<LevelOutcome> canonical = new ArrayList<>(unsharded);
        canonical.sort(JournalMerge.canonicalOrder(order));
        assertEquals(3 * 16, merged.outcomes().size());
        assertEquals(canonical, merged.outcomes(), "every outcome identical, none missing, none twice");

        ExperimentResult a = ExperimentResult.of(arms, whole.shardLevels(), unsharded);
        ExperimentResult b = ExperimentResult.of(merged.experiment().arms(), merged.experiment().shardLevels(), merged.outcomes());
        assertEquals(a, b);
        assertEquals(ResultJson.arms(a).toString(), ResultJson.arms(b).toString());
        assertEquals(ResultJson.comparisons(a).toString(), ResultJson.comparisons(b).toString());
        assertEquals(Journal.canonical(whole.describe()), Journal.canonical(merged.experiment().describe()),
                "the experiment rebuilt from the journals describes itself as the original did");
    }

    @Test
    void anIncompleteOrForeignMergeIsRefused(@TempDir Path tmp) throws IOException {
        Path s0 = tmp.resolve("s0.jsonl");
        play(experiment(new Shard(0, 3)), s0);
        JournalMerge partial = JournalMerge.of(List.of(s0));
        PluginException missing = assertThrows(PluginException.class, () -> ExperimentResult.of(partial.experiment().arms(),
                partial.experiment().shardLevels(), partial.outcomes()));
        assertEquals("arm 'original' has outcomes for 6 of 16 levels (level 201 is missing); finish the run by resuming its journal",
                missing.getMessage());
        Path other = tmp.resolve("other.jsonl");
        Experiment otherSeed = new Experiment(LevelRange.parse("200..215"), new Shard(1, 3), arms, 8, RolloutDeterminismTest.ENV, 5,
                false, Experiment.fingerprint(bundle.agent()), 1, 1);
        try (Journal j = Journal.open(other, otherSeed.describe(), otherSeed.shard())) {
            j.append(new LevelOutcome("original", 201, org.rlvision.env.EndCause.COIN, 30, 10f));
        }
        PluginException foreign = assertThrows(PluginException.class, () -> JournalMerge.of(List.of(s0, other)));
        assertEquals(other + " belongs to another experiment than " + s0 + " (seed: s0.jsonl has 4, other.jsonl has 5); merge only the "
                + "shards of one experiment", foreign.getMessage());
    }
}
