package org.rlvision.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.bundle.ModelBundle;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.env.coinrun.SemanticLabel;
import picocli.CommandLine;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code rlvision env} commands end to end, through picocli, on real files. */
class CliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void rootHelpListsEveryCommandWithoutFormatWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        CliRun r;
        try {
            r = run("--help");
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, r.exit());
        for (String c : new String[] {"demo", "env", "train", "evaluate", "audit", "expert", "model", "record", "replay", "plugins", "run"}) {
            assertTrue(r.out().contains("\n  " + c + " "), "help lists " + c + ":\n" + r.out());
        }
        assertEquals("", captured.toString() + r.err(), "picocli printed a warning");
    }

    @Test
    void helpListsTheEnvCommands() {
        CliRun r = run("env", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("play") && r.out().contains("render") && r.out().contains("bench"), r.out());
    }

    @Test
    void playPrintsTheMapAndTheEnding(@TempDir Path dir) throws Exception {
        Path gif = dir.resolve("episode.gif");
        CliRun r = run("env", "play", "--seed", "4", "--mode", "easy", "--actions", "RIGHT+UP*300",
                "--gif", gif.toString(), "--size", "64");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("coin at (8, 2)"), r.out());
        assertTrue(r.out().contains("ended by COIN at step 48, return 10.0"), r.out());
        assertTrue(r.out().contains("#@...#####"), "the start map shows the agent on the floor:\n" + r.out());
        // one frame per step plus the first observation
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(49, reader.getNumImages(true));
            assertEquals(64, reader.read(0).getWidth());
        }
    }

    @Test
    void playJsonIsMachineReadable() throws Exception {
        CliRun r = run("env", "play", "--seed", "4", "--mode", "easy", "--actions", "RIGHT+UP*300", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals("COIN", j.get("end_cause").asText());
        assertEquals(48, j.get("steps").asInt());
        assertEquals(8, j.get("level").get("coinX").asInt());
        assertEquals("easy", j.get("options").get("distribution_mode").asText());
        assertTrue(j.get("provenance").get("command_line").asText().startsWith("rlvision env play --seed 4"));
    }

    @Test
    void renderWritesFramesLabelMapsAndAnIndex(@TempDir Path dir) throws Exception {
        CliRun r = run("env", "render", "--seeds", "3..5", "--out", dir.toString(), "--mode", "easy");
        assertEquals(0, r.exit(), r.err());
        for (int seed = 3; seed <= 5; seed++) {
            BufferedImage frame = ImageIO.read(dir.resolve("frame_" + seed + ".png").toFile());
            BufferedImage labels = ImageIO.read(dir.resolve("labels_" + seed + ".png").toFile());
            assertEquals(64, frame.getWidth());
            assertEquals(64, labels.getHeight());
            // the agent stands at the centre of the frame: the label under it is AGENT
            int centre = labels.getRaster().getSample(32, 30, 0);
            assertEquals(SemanticLabel.AGENT.id(), centre);
            // and every grey value is a valid label id
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    assertTrue(labels.getRaster().getSample(x, y, 0) < SemanticLabel.values().length);
                }
            }
        }
        assertTrue(Files.exists(dir.resolve("sheet.png")));
        assertTrue(Files.exists(dir.resolve("labels_sheet.png")));
        JsonNode index = Json.mapper().readTree(dir.resolve("render.json").toFile());
        assertEquals(3, index.get("levels").size());
        assertEquals(SemanticLabel.SAW.id(), index.get("label_ids").get("saw").asInt());
    }

    @Test
    void benchReportsSpeedAndAllocation() throws Exception {
        CliRun r = run("env", "bench", "--envs", "2", "--modes", "easy", "--seconds", "0.3", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode c = Json.mapper().readTree(r.out()).get("cases").get(0);
        assertEquals("easy", c.get("mode").asText());
        assertEquals(2, c.get("envs").asInt());
        assertTrue(c.get("stepsPerSecond").asDouble() > 1000, r.out());
        assertTrue(c.get("bytesPerStep").asDouble() < 16, "allocation per step: " + r.out());
    }

    @Test
    void badInputGivesOneSentenceAndExitCode3(@TempDir Path dir) {
        CliRun r = run("env", "render", "--seeds", "9..2", "--out", dir.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertEquals("error: seed range 9..2 is empty or negative; write A..B with 0 <= A <= B", r.err().trim());
        r = run("env", "play", "--actions", "JUMP*3");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().startsWith("error: unknown action 'JUMP'"), r.err());
        r = run("env", "play", "--mode", "extreme");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertEquals("error: --mode extreme is not supported; use easy or hard", r.err().trim());
        r = run("evaluate", "--levels", "0..1", "--envs", "0");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit(), "was an internal ArrayIndexOutOfBoundsException");
        assertEquals("error: --envs 0 is out of range; use 1..1024", r.err().trim());
    }

    @Test
    void trainRefusesABadSettingBeforeItStarts(@TempDir Path dir) {
        // PPO's settings used to be checked only when the PPO stage began, after the cloning stage
        String[][] bad = {
            {"--ppo-lr", "-1", "error: --ppo-lr -1.0 is not a positive learning rate"},
            {"--ppo-entropy", "-1", "error: --ppo-entropy -1.0 is not a weight >= 0"},
            {"--batch", "0", "error: --batch 0 must be at least 1"},
            {"--epochs", "-1", "error: --epochs -1 must be at least 0"},
            {"--dagger-rounds", "-2", "error: --dagger-rounds -2 must be at least 0"},
            {"--ppo-updates", "0", "error: --ppo-updates 0 must be at least 1"},
            {"--lr", "0", "error: --lr 0.0 is not a positive learning rate"},
            {"--ppo-lr-final", "0", "--ppo-lr-anneal", "5", "error: --ppo-lr-final 0.0 is not a positive learning rate"},
            {"--ppo-lr-final", "2e-5", "--ppo-lr", "1e-4",
                "error: --ppo-lr-final 2.0E-5 needs --ppo-lr-anneal N, the updates over which to move from --ppo-lr 1.0E-4 to it"},
            {"--ppo-lr-anneal", "40", "error: --ppo-lr-anneal 40 needs --ppo-lr-final, the learning rate to anneal to"},
            {"--ppo-lr-anneal", "-1", "--ppo-lr-final", "1e-5", "error: --ppo-lr-anneal -1 must be at least 0"},
            {"--env", "procgen", "error: --env procgen trains only --stage ppo: the expert of --stage expert-bc reads the Java engine's "
                + "state; clone on the Java engine, then fine-tune with --stage ppo --init BUNDLE --env procgen"},
            {"--env", "gym", "--stage", "ppo", "error: --env gym is not a backend; use java or procgen"},
            {"--ppo-expert", "-1", "--stage", "ppo", "error: --ppo-expert -1.0 is not a weight >= 0"},
            {"--ppo-expert-horizon", "0", "--stage", "ppo", "error: --ppo-expert-horizon 0 must be 1..1000 states"},
            {"--env", "procgen", "--stage", "ppo", "--ppo-expert", "1", "error: --ppo-expert 1.0 needs the Java engine: the expert "
                + "reads its game state; leave --ppo-expert out with --env procgen"},
            {"--ppo-epochs", "0", "error: --ppo-epochs 0 must be at least 1"},
            {"--ppo-envs", "0", "error: --ppo-envs 0 must be at least 1"},
            {"--ppo-envs", "10", "--ppo-steps", "5", "error: --ppo-envs 10 x --ppo-steps 5 = 50 samples do not split into "
                + "--ppo-minibatches 8 equal minibatches; choose a divisor of 50"},
            {"--ppo-envs", "1024", "--ppo-steps", "256", "error: --ppo-envs 1024 x --ppo-steps 256 = 262144 samples; a rollout keeps "
                + "every frame (12,288 bytes) in memory, so at most 174762 samples: lower one of them"},
        };
        for (String[] b : bad) {
            Path out = dir.resolve("t" + b[0] + b.length);
            List<String> args = new ArrayList<>(List.of("train", "--levels", "0..3", "--out", out.toString()));
            args.addAll(Arrays.asList(b).subList(0, b.length - 1));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(ExitCode.BAD_INPUT.code(), r.exit(), b[0]);
            assertEquals(b[b.length - 1], r.err().trim());
            assertFalse(Files.exists(out), "nothing is written for " + b[0]);
        }
    }

    @Test
    void procgenCommandsExplainAMissingInterpreter() {
        CliRun r = run("env", "compare", "--seeds", "0..1", "--python", "/nonexistent/python9");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().startsWith("error: cannot run the Python interpreter '/nonexistent/python9'"), r.err());
        assertTrue(r.err().contains("pip install procgen py4j"), r.err());
        r = run("env", "bench", "--env", "procgen", "--python", "/nonexistent/python9", "--seconds", "0.1");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        r = run("env", "bench", "--env", "gym");
        assertEquals("error: --env gym is not a backend; use java or procgen", r.err().trim());
    }

    @Test
    void trainWritesABundleMetricsAndCurveThenEvaluateReadsIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tiny");
        CliRun r = run("train", "--levels", "0..5", "--mode", "easy", "--epochs", "2", "--dagger-rounds", "0",
                "--batch", "32", "--eval-levels", "1000000..1000003", "--seed", "3", "--out", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(4, j.get("evaluation").get("levels").asInt());
        assertTrue(Files.exists(out.resolve("model.json")) && Files.exists(out.resolve("weights.npz")));
        assertEquals(2, Files.readAllLines(dir.resolve("tiny.metrics.jsonl")).size(), "one metrics line per epoch");
        assertTrue(Files.size(dir.resolve("tiny.learning-curve.png")) > 1000);
        JsonNode card = Json.mapper().readTree(out.resolve("model.json").toFile());
        assertTrue(card.get("provenance").get("training").get("command").asText().startsWith("rlvision train --levels 0..5"));
        CliRun e = run("evaluate", "--model", out.toString(), "--levels", "0..1", "--mode", "easy", "--json");
        assertEquals(0, e.exit(), e.err());
        assertEquals(2, Json.mapper().readTree(e.out()).get("result").get("levels").asInt());
    }

    @Test
    void aResumedRunExtendedByADaggerRoundEqualsTheRunThatDidItInOneGo(@TempDir Path dir) throws Exception {
        String[] common = {"train", "--levels", "0..3", "--mode", "easy", "--epochs", "1", "--dagger-states", "48", "--dagger-batches", "1",
                "--batch", "16", "--eval-levels", "1000000..1000001", "--seed", "5"};
        CliRun whole = run(concat(common, "--dagger-rounds", "2", "--out", dir.resolve("whole").toString()));
        assertEquals(0, whole.exit(), whole.err());
        CliRun first = run(concat(common, "--dagger-rounds", "1", "--out", dir.resolve("split").toString()));
        assertEquals(0, first.exit(), first.err());
        assertEquals(2, Files.readAllLines(dir.resolve("split.metrics.jsonl")).size());
        // the checkpoint is a bundle that knows its training environment (easy, velocity squares), as commands playing it need
        JsonNode env = Json.mapper().readTree(dir.resolve("split.checkpoint").resolve("model.json").toFile())
                .get("provenance").get("training").get("environmentOptions");
        assertEquals("true", env.get("paint_vel_info").asText());
        assertEquals("easy", env.get("distribution_mode").asText());
        // a different learning rate is refused, naming the setting
        CliRun bad = run(concat(common, "--dagger-rounds", "2", "--lr", "1e-3", "--resume", "--out", dir.resolve("split").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), bad.exit());
        assertTrue(bad.err().contains("was trained with --lr 5.0E-4, this command has --lr 0.001"), bad.err());
        // so is a PPO setting the first run left at its default (recorded only when set)
        CliRun entropy = run(concat(common, "--dagger-rounds", "2", "--ppo-entropy", "0", "--resume", "--out", dir.resolve("split").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), entropy.exit());
        assertTrue(entropy.err().contains("was trained with the default --ppo-entropy, this command has --ppo-entropy 0.0"), entropy.err());
        // --init may be repeated on --resume, but must name what the run started from (it started from random weights)
        CliRun otherInit = run(concat(common, "--dagger-rounds", "2", "--init", dir.resolve("whole").toString(), "--resume", "--out",
                dir.resolve("split").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), otherInit.exit());
        assertTrue(otherInit.err().contains("was trained with --init none, this command has --init " + dir.resolve("whole")), otherInit.err());
        CliRun resumed = run(concat(common, "--dagger-rounds", "2", "--resume", "--out", dir.resolve("split").toString()));
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(ModelBundle.sha256(dir.resolve("whole").resolve("weights.npz")),
                ModelBundle.sha256(dir.resolve("split").resolve("weights.npz")), "resumed weights equal the uninterrupted run's");
        assertEquals(Files.readAllLines(dir.resolve("whole.metrics.jsonl")).size(), Files.readAllLines(dir.resolve("split.metrics.jsonl")).size());
        CliRun none = run(concat(common, "--resume", "--out", dir.resolve("never").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), none.exit());
        assertTrue(none.err().contains("--resume: no checkpoint at " + dir.resolve("never.checkpoint")), none.err());
    }

    @Test
    void aNewStageCanStartFromAnEarlierRunsSamples(@TempDir Path dir) throws Exception {
        String[] common = {"train", "--levels", "0..3", "--mode", "easy", "--dagger-states", "48", "--dagger-batches", "1",
                "--batch", "16", "--eval-levels", "1000000..1000001", "--seed", "5"};
        CliRun first = run(concat(common, "--epochs", "1", "--dagger-rounds", "1", "--out", dir.resolve("a").toString()));
        assertEquals(0, first.exit(), first.err());
        long earlier;
        try (org.rlvision.agent.train.SampleJournal j = new org.rlvision.agent.train.SampleJournal(dir.resolve("a.samples.bin"), 64 * 64 * 3)) {
            earlier = j.records();
        }
        assertTrue(earlier > 48, "demonstrations and one DAgger round: " + earlier);
        CliRun next = run(concat(common, "--epochs", "0", "--demo-levels", "0", "--dagger-rounds", "1", "--init", dir.resolve("a").toString(),
                "--init-samples", dir.resolve("a.samples.bin").toString(), "--out", dir.resolve("b").toString()));
        assertEquals(0, next.exit(), next.err());
        try (org.rlvision.agent.train.SampleJournal j = new org.rlvision.agent.train.SampleJournal(dir.resolve("b.samples.bin"), 64 * 64 * 3)) {
            assertEquals(earlier + 48, j.records(), "the earlier samples, then this run's one round");
        }
        CliRun missing = run(concat(common, "--init-samples", dir.resolve("none.bin").toString(), "--out", dir.resolve("c").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), missing.exit());
        assertTrue(missing.err().contains("--init-samples " + dir.resolve("none.bin") + " is not a file"), missing.err());
        CliRun notJournal = run(concat(common, "--init-samples", dir.resolve("a").resolve("model.json").toString(), "--out",
                dir.resolve("d").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), notJournal.exit());
        assertTrue(notJournal.err().contains("--init-samples: "), notJournal.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void recordAndEvaluatePlayAModelInItsTrainingEnvironmentUnlessToldOtherwise(@TempDir Path dir) throws Exception {
        String model = Path.of("..", "models", "coinrun-default").toString(); // trained on hard with the velocity squares
        CliRun e = run("evaluate", "--model", model, "--levels", "1000000..1000001", "--envs", "2", "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode o = Json.mapper().readTree(e.out()).get("options");
        assertTrue(o.get("paint_vel_info").asBoolean());
        assertEquals("hard", o.get("distribution_mode").asText());
        e = run("evaluate", "--model", model, "--levels", "1000000..1000001", "--envs", "2", "--no-paint-vel-info", "--mode", "easy", "--json");
        assertEquals(0, e.exit(), e.err());
        o = Json.mapper().readTree(e.out()).get("options");
        assertEquals(false, o.get("paint_vel_info").asBoolean());
        assertEquals("easy", o.get("distribution_mode").asText());
        for (boolean told : new boolean[] {false, true}) {
            Path run = dir.resolve("run-" + told);
            CliRun r = told
                    ? run("record", "--model", model, "--envs", "1", "--steps", "3", "--levels", "5..6", "--no-paint-vel-info", "--out", run.toString())
                    : run("record", "--model", model, "--envs", "1", "--steps", "3", "--levels", "5..6", "--out", run.toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode env = Json.mapper().readTree(run.resolve("run.json").toFile()).get("environment");
            assertEquals(!told, env.get("paint_vel_info").asBoolean(), "record " + (told ? "--no-paint-vel-info" : "(model default)"));
        }
    }

    @Test
    void evaluateAgainstPairsTheSameLevelsAndTestsTheDifference() throws Exception {
        String model = Path.of("..", "models", "coinrun-default").toString();
        String older = Path.of("..", "models", "history", "coinrun-v1").toString();
        CliRun r = run("evaluate", "--model", model, "--against", older, "--levels", "1000000..1000023", "--envs", "8", "--seed", "2",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        JsonNode mine = j.get("result");
        JsonNode theirs = j.get("against").get("result");
        JsonNode p = j.get("paired");
        assertEquals(24, mine.get("outcomes").size());
        int both = p.get("bothSolved").asInt();
        assertEquals(mine.get("successes").asInt(), both + p.get("onlyModel").asInt());
        assertEquals(theirs.get("successes").asInt(), both + p.get("onlyAgainst").asInt());
        assertEquals(24, both + p.get("onlyModel").asInt() + p.get("onlyAgainst").asInt() + p.get("neither").asInt());
        assertEquals(100.0 * (mine.get("successes").asInt() - theirs.get("successes").asInt()) / 24, p.get("differencePoints").asDouble(),
                1e-9);
        assertEquals(new org.rlvision.agent.train.PairedComparison(both, p.get("onlyAgainst").asInt(), p.get("onlyModel").asInt(),
                p.get("neither").asInt()).exactPValue(), p.get("mcnemarExactP").asDouble(), 1e-15);
        // the older model plays exactly as it does alone with the same seed
        CliRun alone = run("evaluate", "--model", older, "--levels", "1000000..1000023", "--envs", "8", "--seed", "2", "--json");
        assertEquals(theirs.get("outcomes"), Json.mapper().readTree(alone.out()).get("result").get("outcomes"));
        // against itself: the same outcomes level by level, no evidence either way
        CliRun self = run("evaluate", "--model", model, "--against", model, "--levels", "1000000..1000011", "--envs", "4");
        assertEquals(0, self.exit(), self.err());
        assertTrue(self.out().contains(", only " + model + " 0, only " + model + " 0, neither "), self.out());
        assertTrue(self.out().contains("+0.0 points, McNemar exact p = 1.00 (two-sided)"), self.out());
        CliRun none = run("evaluate", "--model", model, "--against", "no-such-bundle", "--levels", "0..1");
        assertEquals(ExitCode.BAD_INPUT.code(), none.exit());
        assertEquals("error: --against: no model bundle at no-such-bundle; pass the folder holding model.json and weights.npz",
                none.err().trim());
    }

    @Test
    void auditCountsFlaggedMovesPerEpisode() throws Exception {
        String model = Path.of("..", "models", "coinrun-default").toString();
        CliRun r = run("audit", "--model", model, "--levels", "1000000..1000003", "--envs", "2", "--seed", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals("alive", j.get("labels").asText());
        assertTrue(j.get("options").get("paint_vel_info").asBoolean(), "the model's training environment");
        assertEquals(4, j.get("episodes").size());
        assertEquals(4, j.get("solved").asInt() + j.get("failed").asInt());
        long steps = 0;
        int solvedFlagged = 0;
        for (JsonNode e : j.get("episodes")) {
            steps += e.get("length").asLong();
            solvedFlagged += e.get("cause").asText().equals("COIN") && e.get("flagged").asInt() > 0 ? 1 : 0;
        }
        assertEquals(steps, j.get("states").asLong());
        assertEquals(solvedFlagged, j.get("solvedFlagged").asInt());
        int unflaggedDoomed = 0;
        for (JsonNode e : j.get("episodes")) {
            boolean failed = !e.get("cause").asText().equals("COIN");
            int doomed = e.get("doomedAtEnd").asInt();
            assertTrue(doomed >= 0 && doomed <= e.get("length").asInt(), "some of the episode's last states: " + e);
            assertEquals(Math.min(40, e.get("length").asInt()), e.get("lastStates").asText().length(), e.toString());
            unflaggedDoomed += failed && e.get("flagged").asInt() == 0 && doomed > 0 ? 1 : 0;
        }
        assertEquals(unflaggedDoomed, j.get("failedUnflaggedDoomed").asInt());
        CliRun bad = run("audit", "--model", model, "--levels", "1000000..1000001", "--labels", "best");
        assertEquals(ExitCode.BAD_INPUT.code(), bad.exit());
        assertTrue(bad.err().contains("--labels: DAgger labels 'best' are not known; use near-best, safe or alive"), bad.err());
    }

    @Test
    void lineageOfTheShippedAgentJoinsItsStagesByTheirWeights() throws Exception {
        CliRun r = run("model", "lineage", "--model", Path.of("..", "models", "coinrun-default").toString(),
                "--among", Path.of("..", "models").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        JsonNode stages = j.get("stages");
        assertTrue(stages.size() >= 3, "the shipped agent came from the bundles in models/history: " + r.out());
        long steps = 0;
        for (int k = 0; k < stages.size(); k++) {
            JsonNode p = stages.get(k).get("provenance");
            steps += p.get("training").get("steps").asLong();
            if (k > 0) {
                JsonNode start = null;
                for (JsonNode in : p.get("inputs")) {
                    start = in.get("role").asText().equals("initial weights") ? in : start;
                }
                assertEquals(stages.get(k - 1).get("weightsSha256").asText(), start.get("sha256").asText(),
                        "stage " + k + " started from the weights of the stage before it");
            }
        }
        assertEquals(steps, j.get("totalSteps").asLong());
        assertEquals("ppo", stages.get(stages.size() - 1).get("stage").asText());
        CliRun text = run("model", "lineage", "--model", Path.of("..", "models", "coinrun-default").toString(),
                "--among", Path.of("..", "models").toString());
        assertTrue(text.out().contains(stages.size() + " stages, "), text.out());
        CliRun none = run("model", "lineage", "--model", "no-such-bundle");
        assertEquals(ExitCode.BAD_INPUT.code(), none.exit());
        assertTrue(none.err().contains("no model bundle at no-such-bundle; pass the folder holding model.json and weights.npz"),
                none.err());
        CliRun nowhere = run("model", "lineage", "--model", Path.of("..", "models", "coinrun-default").toString(),
                "--among", "no-such-folder");
        assertEquals(ExitCode.BAD_INPUT.code(), nowhere.exit(), "a mistyped --among used to end the chain silently");
        assertEquals("error: --among no-such-folder is not a folder; pass folders that hold model bundles (e.g. models)",
                nowhere.err().trim());
    }

    @Test
    void expertReportsItsSuccessRate() throws Exception {
        CliRun r = run("expert", "--levels", "2000..2019", "--mode", "easy", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertTrue(j.get("successes").asInt() >= 19, r.out());
        assertEquals(j.get("successes").asInt() / 20.0, j.get("success_rate").asDouble(), 1e-12);
    }

    @Test
    void withoutModelTheShippedDefaultIsUsedOrNamed(@TempDir Path home) {
        String before = System.getProperty("rlvision.home");
        System.setProperty("rlvision.home", home.toString());
        try {
            CliRun r = run("evaluate", "--levels", "0..1");
            assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
            assertTrue(r.err().startsWith("error: no --model given and no default model at "
                    + home.resolve("models").resolve("coinrun-default")), r.err());
        } finally {
            if (before == null) {
                System.clearProperty("rlvision.home");
            } else {
                System.setProperty("rlvision.home", before);
            }
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = run("env", "play", "--sed", "3");
        assertEquals(ExitCode.USAGE.code(), r.exit());
        assertTrue(r.err().contains("Unknown options: '--sed'"), r.err());
    }
}
