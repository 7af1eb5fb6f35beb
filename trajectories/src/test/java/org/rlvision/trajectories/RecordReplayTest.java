package org.rlvision.trajectories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.Agent;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.env.coinrun.SemanticLabel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Recording a real agent in the Java engine, reading the run back, replaying it bit for bit. */
class RecordReplayTest {
    static final EnvOptions OPTIONS = EnvOptions.builder().optDistributionMode(DistributionMode.EASY)
            .optStartLevel(100).optNumLevels(20).optRandSeed(7).build();
    static final int ENVS = 4;
    static final int STEPS = 80;
    static Agent agent;
    static Path runDir;
    static List<Episode> recorded = new ArrayList<>();
    static Recorder.Summary summary;

    @BeforeAll
    static void record(@TempDir Path tmp) throws IOException {
        agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 3);
        runDir = tmp.resolve("run");
        RunInfo info = new RunInfo(Run.FORMAT, Run.FORMAT_VERSION, new RunInfo.ModelRef("random", "clear-cnn", "-"),
                Map.copyOf(OPTIONS.toProcgenKwargs()), "java", ENVS, STEPS, "100..119", 5, "SAMPLE", true, "test", "now",
                null, null, Map.of());
        RunWriter w = RunWriter.create(runDir, info);
        long[] steps = {0};
        try (CoinRunVecEnv env = CoinRunVecEnv.create(ENVS, OPTIONS)) {
            summary = Recorder.record(agent, env, new Recorder.Config(STEPS, 5, ActionSelection.SAMPLE, true), e -> {
                recorded.add(e);
                w.write(e);
            }, n -> steps[0] += n);
        }
        w.finish(w.written());
        assertEquals(ENVS * STEPS, steps[0]);
    }

    @AfterAll
    static void close() {
        agent.close();
    }

    @Test
    void everyStepIsInExactlyOneEpisodeAndFinishedOnesComeFirst() throws IOException {
        Run run = Run.open(runDir);
        assertTrue(run.complete());
        assertEquals(recorded.size(), run.episodeCount());
        assertEquals(summary.finished() + summary.unfinished(), run.episodeCount());
        assertEquals(ENVS, summary.unfinished(), "each env ends the recording inside an episode");
        assertTrue(summary.finished() >= 1, "a random agent dies or wins at least once in these steps: " + summary);
        int total = 0;
        for (int len : run.lengths()) {
            total += len;
        }
        assertEquals(ENVS * STEPS, total);
        for (Episode e : run.episodes()) {
            assertTrue(e.first()[0], "step 0 of every episode is a first step");
            for (int t = 1; t < e.length(); t++) {
                assertFalse(e.first()[t]);
            }
            assertTrue(e.levelSeed() >= 100 && e.levelSeed() < 120, "level " + e.levelSeed());
        }
        assertFalse(run.episode(run.episodeCount() - 1).finished());
    }

    @Test
    void filesHoldExactlyWhatWasRecorded() throws IOException {
        Run run = Run.open(runDir);
        for (Episode want : recorded) {
            Episode got = run.episode(want.index());
            assertEquals(want.levelSeed(), got.levelSeed());
            assertEquals(want.endCause(), got.endCause());
            assertEquals(want.env(), got.env());
            assertArrayEquals(want.observations(), got.observations());
            assertArrayEquals(want.actions(), got.actions());
            assertArrayEquals(want.rewards(), got.rewards());
            assertArrayEquals(want.values(), got.values());
            assertArrayEquals(want.logits(), got.logits());
            assertArrayEquals(want.first(), got.first());
            assertArrayEquals(want.labels(), got.labels());
            assertEquals(Float.floatToIntBits(want.bootstrapValue()), Float.floatToIntBits(got.bootstrapValue()));
        }
        // the agent stands at the centre of its own first frame, and the label map says so
        Episode e = run.episode(0);
        assertEquals(SemanticLabel.AGENT.id(), e.labels()[30 * 64 + 32]);
    }

    @Test
    void replayIsBitIdenticalAndReEvaluationAgrees() throws IOException {
        Run run = Run.open(runDir);
        for (Episode e : run.episodes()) {
            ReplayCheck c = Replay.check(e, run.info().envOptions(), agent);
            assertTrue(c.identical(), "episode " + e.index() + ": " + c);
            assertEquals(c.recordedEnd(), c.replayedEnd());
            assertTrue(c.maxAbsValueDelta() < 1e-4, "value moved by " + c.maxAbsValueDelta());
            assertTrue(c.maxAbsLogitDelta() < 1e-4, "logits moved by " + c.maxAbsLogitDelta());
        }
    }

    @Test
    void replayNamesTheFirstDifferingStep() throws IOException {
        Episode e = Run.open(runDir).episode(0);
        int k = 4;
        int[] actions = e.actions().clone();
        // the opposite direction changes the agent's position, hence the next frame
        actions[k] = actions[k] <= 2 ? 7 : 1;
        Episode tampered = new Episode(e.index(), e.env(), e.levelSeed(), e.endCause(), e.height(), e.width(),
                e.numActions(), e.observations(), actions, e.rewards(), e.values(), e.logits(), e.first(),
                e.bootstrapValue(), e.labels());
        ReplayCheck c = Replay.check(tampered, Run.open(runDir).info().envOptions(), null);
        assertEquals(k + 1, c.firstDifferingStep(), c.toString());
        assertTrue(Double.isNaN(c.maxAbsValueDelta()));
    }

    @Test
    void numpyOpensEveryFile() throws Exception {
        assumeTrue(hasNumpy(), "python3 with numpy is not installed");
        String script = String.join("\n",
                "import glob, sys, numpy as np",
                "for f in sorted(glob.glob(sys.argv[1] + '/episode_*.npz')):",
                "    z = np.load(f)",
                "    T = z['actions'].shape[0]",
                "    assert z['observations'].shape == (T, 64, 64, 3) and z['observations'].dtype == np.uint8",
                "    assert z['logits'].shape == (T, 15) and z['first'].dtype == np.bool_ and z['labels'].shape == (T, 64, 64)",
                "    print(f.split('/')[-1], T, int(z['level_seed']), str(z['end_cause']), int(z['observations'].astype(np.int64).sum()),",
                "          repr(float(z['values'].astype(np.float64).sum())), bool(z['complete']))");
        Process p = new ProcessBuilder("python3", "-c", script, runDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.strip().split("\n");
        assertEquals(recorded.size(), lines.length, out);
        for (int i = 0; i < lines.length; i++) {
            Episode e = recorded.get(i);
            long pixels = 0;
            for (byte b : e.observations()) {
                pixels += b & 0xFF;
            }
            double values = 0;
            for (float v : e.values()) {
                values += v;
            }
            String[] f = lines[i].split(" ");
            assertEquals(EpisodeFile.name(i), f[0]);
            assertEquals(e.length(), Integer.parseInt(f[1]));
            assertEquals(e.levelSeed(), Integer.parseInt(f[2]));
            assertEquals(e.finished() ? e.endCause().name() : "UNFINISHED", f[3]);
            assertEquals(pixels, Long.parseLong(f[4]));
            assertEquals(values, Double.parseDouble(f[5]), 1e-9);
            assertEquals(e.finished() && e.endCause().isSuccess(), Boolean.parseBoolean(f[6].toLowerCase()));
        }
    }

    @Test
    void aModelNamedRelativeToTheRunIsFoundAfterTheReportMoves(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("report");
        Path run = report.resolve("episodes/arm/edited");
        Path model = report.resolve("episodes/arm/model");
        RunInfo.ModelRef ref = RunInfo.ModelRef.relativeTo(run, model, "clear-cnn", "abc");
        assertEquals("../model", ref.path(), "a model kept beside the run is named from the run folder");
        assertEquals("../../model-original", RunInfo.ModelRef.relativeTo(run, report.resolve("episodes/model-original"), "clear-cnn",
                "abc").path());

        RunInfo info = Run.readInfo(runDir);
        RunWriter w = RunWriter.create(run, new RunInfo(info.format(), info.formatVersion(), ref, info.environment(), info.backend(),
                info.envs(), info.stepsPerEnv(), info.levels(), info.seed(), info.selection(), info.labels(), info.commandLine(),
                info.createdAt(), null, null, info.versions()));
        w.write(recorded.get(0));
        w.finish(1);
        Path moved = tmp.resolve("elsewhere/report-copy");
        Files.createDirectories(moved.getParent());
        Files.move(report, moved);
        Run reopened = Run.open(moved.resolve("episodes/arm/edited"));
        assertEquals(moved.resolve("episodes/arm/model"), reopened.modelDir(), "resolved against where the run is now");

        Path absolute = tmp.resolve("models/agent").toAbsolutePath();
        assertEquals(absolute, new RunInfo.ModelRef(absolute.toString(), "clear-cnn", "-").locate(moved),
                "an absolute path is taken as it is");
    }

    @Test
    void interruptedWritesAreSkippedAndDamagedFilesNamed(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("run");
        Files.createDirectories(copy);
        Files.copy(runDir.resolve(Run.RUN_JSON), copy.resolve(Run.RUN_JSON));
        Files.copy(runDir.resolve(EpisodeFile.name(0)), copy.resolve(EpisodeFile.name(0)));
        // what a kill -9 during the second write leaves: a partial temporary file
        byte[] whole = Files.readAllBytes(runDir.resolve(EpisodeFile.name(1)));
        Files.write(copy.resolve(".episode_000001.npz.123.tmp"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Run run = Run.open(copy);
        assertEquals(1, run.episodeCount());
        assertEquals(1, run.leftovers().size());
        assertEquals(recorded.get(0).length(), run.episode(0).length());

        // a truncated episode file is named, with what to do
        Files.write(copy.resolve(EpisodeFile.name(1)), java.util.Arrays.copyOf(whole, whole.length / 2));
        IOException truncated = assertThrows(IOException.class, () -> Run.open(copy).episode(1));
        assertTrue(truncated.getMessage().startsWith(copy.resolve(EpisodeFile.name(1)) + " is truncated"), truncated.getMessage());

        // an npz that is not ours
        Npz.write(copy.resolve(EpisodeFile.name(2)), Map.of("weights", NpyArray.float32(new float[] {1f}, 1)));
        IOException foreign = assertThrows(IOException.class, () -> Run.open(copy).episode(2));
        assertTrue(foreign.getMessage().contains("is not an rlvision episode file: it has no 'format_version' array"),
                foreign.getMessage());

        // a run.json that is not ours
        Files.writeString(copy.resolve(Run.RUN_JSON), "{\"format\": \"rlvision-model\"}");
        IOException notRun = assertThrows(IOException.class, () -> Run.open(copy));
        assertTrue(notRun.getMessage().endsWith("its format is 'rlvision-model', expected 'rlvision-run'"), notRun.getMessage());
    }

    @Test
    void samplingIsUniformWithoutRepeatsOrEveryKSteps() throws IOException {
        Run run = Run.open(runDir);
        ObservationSample a = Sampling.uniform(run, 50, 11);
        ObservationSample b = Sampling.uniform(run, 50, 11);
        assertArrayEquals(a.frames(), b.frames());
        assertEquals(50, a.count());
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < a.count(); i++) {
            Episode e = recorded.get(a.episodes()[i]);
            assertTrue(seen.add(((long) a.episodes()[i] << 32) | a.steps()[i]), "no repeats");
            assertArrayEquals(e.frame(a.steps()[i]), java.util.Arrays.copyOfRange(a.frames(), i * 12288, (i + 1) * 12288));
        }
        ObservationSample every = Sampling.everyKSteps(run, 10);
        int expected = 0;
        for (Episode e : recorded) {
            expected += (e.length() + 9) / 10;
        }
        assertEquals(expected, every.count());
        assertEquals(0, every.steps()[0]);
        assertEquals(10, every.steps()[1], "episode 0 is longer than 10 steps");
        assertThrows(IllegalArgumentException.class, () -> Sampling.uniform(run, ENVS * STEPS + 1, 1));
        assertEquals(ENVS * STEPS, Sampling.uniform(run, ENVS * STEPS, 1).count());
    }

    private static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
