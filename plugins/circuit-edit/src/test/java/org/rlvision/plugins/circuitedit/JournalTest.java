package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.EndCause;
import org.rlvision.plugin.PluginException;

/**
 * The journal: a run killed after some levels, leaving a torn last line, resumes without
 * repeating or skipping a level and ends with the outcomes of an uninterrupted run; a journal of
 * another experiment or shard is refused with one sentence.
 */
class JournalTest {
    static ModelBundle bundle;
    static List<Arm> arms;

    @BeforeAll
    static void load() {
        bundle = ShippedModel.load();
        arms = ArmParser.forOption(bundle.agent().layout(), "").parse("ablate:2b:4", "");
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    static Experiment experiment(long seed) {
        return new Experiment(LevelRange.parse("100..123"), Shard.ALL, arms, 8, RolloutDeterminismTest.ENV, seed, false,
                Experiment.fingerprint(bundle.agent()), 2, 1);
    }

    /** A kill: the run stops dead once {@code m} outcomes are in the journal. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static Map<String, LevelOutcome> byKey(List<LevelOutcome> outcomes) {
        Map<String, LevelOutcome> m = new TreeMap<>();
        for (LevelOutcome o : outcomes) {
            m.put(o.arm() + "/" + o.level(), o);
        }
        return m;
    }

    @Test
    void aKilledRunResumesWithoutRepeatingOrSkippingALevel(@TempDir Path tmp) throws IOException {
        Experiment e = experiment(9);
        Path whole = tmp.resolve("whole.jsonl");
        List<LevelOutcome> uninterrupted;
        try (Journal j = Journal.open(whole, e.describe(), Shard.ALL)) {
            e.run(bundle.agent(), j, n -> { });
            uninterrupted = j.outcomes();
        }
        assertEquals(48, uninterrupted.size());

        Path killed = tmp.resolve("killed.jsonl");
        int[] seen = {0};
        try (Journal j = Journal.open(killed, e.describe(), Shard.ALL)) {
            assertThrows(Killed.class, () -> e.run(bundle.agent(), j, n -> {
                if (++seen[0] == 13) {
                    throw new Killed();
                }
            }));
        }
        int before = (int) Files.readAllLines(killed).stream().skip(1).count();
        assertTrue(before >= 13 && before < 48, "the kill left part of the run: " + before + " lines");
        // the process died in the middle of writing the next line
        String tornLine = "{\"arm\":\"original\",\"level\":1";
        Files.writeString(killed, tornLine, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Journal.Contents torn = Journal.read(killed);
        assertEquals(before, torn.outcomes().size());
        assertEquals(tornLine.length(), torn.tornBytes());

        List<Integer> played = new ArrayList<>();
        try (Journal j = Journal.open(killed, e.describe(), Shard.ALL)) {
            assertEquals(tornLine.length(), j.droppedBytes());
            long todo = 0;
            for (Arm a : arms) {
                todo += e.remaining(j, a).length;
            }
            assertEquals(48 - before, todo, "exactly the missing outcomes are left to play");
            e.run(bundle.agent(), j, n -> played.add(1));
        }
        assertEquals(48 - before, played.size());
        List<String> lines = Files.readAllLines(killed);
        assertEquals(49, lines.size(), "header + one line per (arm, level), the torn line gone");
        Set<String> keys = new HashSet<>();
        for (LevelOutcome o : Journal.read(killed).outcomes()) {
            assertTrue(keys.add(o.arm() + "/" + o.level()), "no level twice: " + o);
        }
        assertEquals(byKey(uninterrupted), byKey(Journal.read(killed).outcomes()), "the same outcomes as the uninterrupted run");
        ExperimentResult.of(arms, e.shardLevels(), Journal.read(killed).outcomes());
    }

    @Test
    void aJournalOfAnotherExperimentOrShardIsRefused(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("j.jsonl");
        try (Journal j = Journal.open(file, experiment(1).describe(), Shard.ALL)) {
            j.append(new LevelOutcome("original", 100, EndCause.SAW, 12, 0f));
        }
        PluginException seed = assertThrows(PluginException.class, () -> Journal.open(file, experiment(2).describe(), Shard.ALL));
        assertEquals(file + " was written for another experiment (seed: journal has 1, this run has 2); resume it with the same model, "
                + "options and --seed, or give a new journal file", seed.getMessage());
        PluginException shard = assertThrows(PluginException.class, () -> Journal.open(file, experiment(1).describe(), new Shard(1, 2)));
        assertEquals(file + " is the journal of shard 0/1, not 1/2; give --opt shard=0/1 to resume it, or a new journal file",
                shard.getMessage());
        try (Journal j = Journal.open(file, experiment(1).describe(), Shard.ALL)) {
            assertTrue(j.has("original", 100));
            assertThrows(IllegalStateException.class, () -> j.append(new LevelOutcome("original", 100, EndCause.SAW, 12, 0f)));
        }
    }

    @Test
    void aDamagedCompleteLineIsNamed(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("j.jsonl");
        try (Journal j = Journal.open(file, experiment(1).describe(), Shard.ALL)) {
            j.append(new LevelOutcome("original", 100, EndCause.COIN, 40, 10f));
        }
        Files.writeString(file, "{\"arm\":\"original\",\"level\":101,\"cause\":\"EATEN\",\"length\":3,\"return\":0.0}\n",
                StandardOpenOption.APPEND);
        PluginException e = assertThrows(PluginException.class, () -> Journal.read(file));
        assertTrue(e.getMessage().startsWith(file + " line 3 is not a level outcome ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); the journal is damaged: remove that line to replay the level"), e.getMessage());
        Path other = tmp.resolve("other.jsonl");
        Files.writeString(other, "{\"format\":\"rlvision-run\"}\n");
        PluginException foreign = assertThrows(PluginException.class, () -> Journal.read(other));
        assertEquals(other + " is not a circuit-edit journal (its first line's format is 'rlvision-run', expected "
                + "'rlvision-circuit-edit-journal'); give a journal.jsonl a circuit-edit run wrote", foreign.getMessage());
    }
}
