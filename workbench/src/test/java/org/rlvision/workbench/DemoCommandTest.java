package org.rlvision.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.trajectories.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rlvision demo} end to end on a small setting, with the shipped agent. */
class DemoCommandTest {
    private static final Path MODEL = Path.of("..", "models", "coinrun-default");

    @Test
    void demoRecordsAttributesFactorisesAndWritesTheInterface(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--envs", "2", "--steps", "48",
                "--samples", "64", "--factors", "3", "--seed", "5");
        assertEquals(0, r.exit(), r.err());

        // the run: 2 environments x 48 steps, with label maps, complete
        Run run = Run.open(out.resolve("run"));
        assertTrue(run.complete());
        assertEquals(96, java.util.Arrays.stream(run.lengths()).sum());
        assertTrue(run.info().labels());
        assertEquals(Boolean.TRUE, run.info().environment().get("paint_vel_info"), "the model's training options are used");

        // the interface, openable from disk: index.html and its assets, no interface.html left behind
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertFalse(Files.exists(out.resolve("interface.html")));
        assertTrue(Files.isDirectory(out.resolve("interface-assets")));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("interface-assets/"), "the page loads its assets from the folder next to it");

        // the factors: k directions over 2b's 32 channels, unit sum, labels printed in order
        JsonNode factors = Json.mapper().readTree(out.resolve("factors.json").toFile());
        assertEquals("2b", factors.get("layer").asText());
        assertEquals(3, factors.get("k").asInt());
        assertEquals(64, factors.get("samples").asInt());
        List<String> printed = new ArrayList<>();
        for (JsonNode f : factors.get("factors")) {
            double sum = 0;
            for (JsonNode v : f.get("direction")) {
                assertTrue(v.asDouble() >= 0);
                sum += v.asDouble();
            }
            assertEquals(32, f.get("direction").size());
            assertEquals(1.0, sum, 1e-4);
            // labelled by lift (the densest class per cell), with the network-dissection IoU beside it
            assertEquals(f.get("liftByClass").get(f.get("label").asText()).asDouble(), f.get("lift").asDouble(), 0);
            printed.add(String.format(Locale.ROOT, "  factor %d: %s (lift %.1f×, IoU %.2f)", f.get("index").asInt(),
                    f.get("label").asText(), f.get("lift").asDouble(), f.get("iou").asDouble()));
        }
        for (String line : printed) {
            assertTrue(r.out().contains(line + "\n"), "stdout lists " + line + ":\n" + r.out());
        }
        assertTrue(r.out().contains("open " + out.resolve("index.html").toAbsolutePath()), r.out());

        // demo.json: timings, the factor labels and the exact command line
        JsonNode demo = Json.mapper().readTree(out.resolve(DemoCommand.MARKER).toFile());
        assertEquals(3, demo.get("factors").size());
        assertTrue(demo.get("seconds").get("total").asDouble() >= demo.get("seconds").get("record").asDouble());
        assertTrue(demo.get("provenance").get("command_line").asText().startsWith("rlvision demo --model"));

        // a second demo replaces the first one's files
        CliRun again = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--envs", "2", "--steps", "48",
                "--samples", "64", "--factors", "2", "--seed", "5");
        assertEquals(0, again.exit(), again.err());
        assertEquals(2, Json.mapper().readTree(out.resolve("factors.json").toFile()).get("k").asInt());
        assertEquals(96, java.util.Arrays.stream(Run.open(out.resolve("run")).lengths()).sum());
    }

    @Test
    void aFolderThatIsNotADemoIsLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "keep me");
        CliRun r = CliRun.of("demo", "--model", MODEL.toString(), "--out", dir.toString(), "--envs", "1", "--steps", "8",
                "--samples", "8");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertEquals("error: " + dir + " exists and is not a previous demo's folder (no demo.json); choose another --out "
                + "or remove it", r.err().strip());
        assertEquals("keep me", Files.readString(dir.resolve("thesis.tex")));
    }

    @Test
    void factorsOrALayerTheModelCannotGiveAreRefusedBeforeThePreviousDemoIsReplaced(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        CliRun first = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--envs", "1", "--steps", "8",
                "--samples", "8", "--factors", "2");
        assertEquals(0, first.exit(), first.err());
        String factors = Files.readString(out.resolve("factors.json"));

        CliRun tooMany = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--envs", "1", "--steps", "8",
                "--samples", "8", "--factors", "33");
        assertEquals(ExitCode.BAD_INPUT.code(), tooMany.exit());
        assertEquals("error: --factors 33 is out of range for layer 2b's 32 channels; use 1..32", tooMany.err().strip());
        CliRun dense = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--layer", "fc1");
        assertEquals(ExitCode.BAD_INPUT.code(), dense.exit());
        assertTrue(dense.err().startsWith("error: --layer fc1 is not a convolutional layer"), dense.err());
        CliRun unknown = CliRun.of("demo", "--model", MODEL.toString(), "--out", out.toString(), "--layer", "9z");
        assertEquals(ExitCode.BAD_INPUT.code(), unknown.exit());
        assertTrue(unknown.err().startsWith("error: --layer 9z: no layer '9z'; known: 1a 2a 2b 3a"), unknown.err());

        assertFalse(tooMany.err().contains("recording") || dense.err().contains("recording"), "refused before recording");
        assertEquals(factors, Files.readString(out.resolve("factors.json")), "the previous demo is untouched");
    }

    @Test
    void moreSamplesThanRecordedStepsIsNamed(@TempDir Path dir) {
        CliRun r = CliRun.of("demo", "--model", MODEL.toString(), "--out", dir.resolve("d").toString(), "--envs", "2",
                "--steps", "10", "--samples", "50");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertEquals("error: --samples 50 must be between 1 and the recorded steps (20 = --envs x --steps)", r.err().strip());
    }
}
