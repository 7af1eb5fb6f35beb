package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.EndCause;
import org.rlvision.plugin.Report;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Replay;
import org.rlvision.trajectories.ReplayCheck;
import org.rlvision.trajectories.Run;

/**
 * The plugin end to end on the shipped agent: an NMF-factor edit and a control over a few levels;
 * the tables agree with the journal, the page has its chart and links, the example episodes
 * replay bit for bit with the saved edited model, and merging the journal gives the same tables.
 */
class PluginEndToEndTest {
    @Test
    void editControlExamplesAndMerge(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Files.createDirectories(report);
        StringBuilder dir = new StringBuilder();
        for (int c = 0; c < 32; c++) {
            dir.append(c == 0 ? "" : ",").append(c == 7 ? "1.0" : c == 16 ? "0.5" : "0.0");
        }
        Files.writeString(report.resolve("factors.json"), "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"2b\","
                + "\"output\":\"value\",\"channels\":32,\"k\":1,\"samples\":64,\"relativeError\":0.1,\"model\":{},\"factors\":[{\"index\":0,"
                + "\"label\":\"saw\",\"iou\":0.4,\"direction\":[" + dir + "]}]}");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        try (ModelBundle bundle = ShippedModel.load()) {
            TestContext ctx = new TestContext(Map.of("edit", "project:2b:nmf:saw", "controls", "invisible-saws", "factors", report.toString(),
                    "levels", "300..339", "batch", "8", "examples", "2", "reference-seconds", "0"), bundle.agent(), bundle.card(), out, 3);
            Report r = new CircuitEditPlugin().run(ctx);
            for (Report.Artifact a : r.artifacts()) {
                assertTrue(Files.isRegularFile(out.resolve(a.path())), "listed artifact exists: " + a.path());
            }
            assertFalse(Files.exists(out.resolve("index.html")), "index.html is the workbench's");

            JsonNode res = Journal.JSON.readTree(out.resolve("results.json").toFile());
            assertEquals(40, res.path("levels").asInt());
            assertEquals(true, res.path("experiment").path("environment").path("paint_vel_info").asBoolean(),
                    "the model card says the agent was trained with velocity squares");
            assertEquals("hard", res.path("experiment").path("environment").path("distribution_mode").asText());
            Journal.Contents journal = Journal.read(out.resolve("journal.jsonl"));
            assertEquals(3 * 40, journal.outcomes().size());
            for (JsonNode arm : res.path("arms")) {
                Map<EndCause, Integer> counts = new EnumMap<>(EndCause.class);
                journal.outcomes().stream().filter(o -> o.arm().equals(arm.path("name").asText()))
                        .forEach(o -> counts.merge(o.cause(), 1, Integer::sum));
                assertEquals((int) counts.getOrDefault(EndCause.COIN, 0), arm.path("success").path("count").asInt(), arm.toString());
                assertEquals((int) counts.getOrDefault(EndCause.SAW, 0), arm.path("failures").path("SAW").path("count").asInt());
                assertEquals(counts.getOrDefault(EndCause.SAW, 0) / 40.0, arm.path("failures").path("SAW").path("rate").asDouble(), 1e-12);
            }
            JsonNode saw = res.path("comparisons").get(0).path("tests").path("SAW");
            TwoProportionTest t = TwoProportionTest.of(saw.path("count").asInt(), 40, saw.path("originalCount").asInt(), 40);
            assertEquals(t.pValue(), saw.path("p").asDouble(), 1e-15);
            for (int i = 0; i < 2; i++) {
                // the verdict in results.json is the one the tests' counts give
                JsonNode c = res.path("comparisons").get(i);
                Map<String, TwoProportionTest> tests = new java.util.LinkedHashMap<>();
                c.path("tests").fields().forEachRemaining(e -> tests.put(e.getKey(), TwoProportionTest.of(e.getValue().path("count").asInt(),
                        e.getValue().path("n").asInt(), e.getValue().path("originalCount").asInt(), e.getValue().path("originalN").asInt())));
                Specificity s = Specificity.of(new ExperimentResult.Comparison(c.path("arm").asText(), tests));
                assertEquals(s.sentence(), c.path("specificity").path("sentence").asText());
                assertEquals(s.cause() == null, c.path("specificity").path("cause").isNull());
            }

            String html = Files.readString(out.resolve(ResultPage.FILE_NAME));
            assertTrue(html.contains("<svg") && html.contains("</svg>"), "the bar chart is inline SVG");
            assertFalse(html.contains("http://") && html.contains("<script"), "no script from the network");
            JsonNode examples = res.path("examples");
            assertTrue(examples.size() >= 1, "the edit killed the agent on a level the original solved: " + res.path("arms"));
            // the report keeps its models and names them from each run folder, so it replays wherever it is moved to
            Path moved = tmp.resolve("moved/report");
            Files.createDirectories(moved.getParent());
            Files.move(out, moved);
            for (JsonNode ex : examples) {
                assertTrue(html.contains(ex.path("editedRun").asText() + "/"), "the page links the example run");
                assertTrue(html.contains("<code>rlvision replay " + ex.path("editedRun").asText() + " --episode "),
                        "its replay command is relative to the report folder");
                assertFalse(html.contains(out.toString()), "the page names no path of where the report was written");
                Run edited = Run.open(moved.resolve(ex.path("editedRun").asText()));
                Run original = Run.open(moved.resolve(ex.path("originalRun").asText()));
                assertEquals("../model", edited.info().model().path());
                assertEquals("../../model-original", original.info().model().path());
                assertTrue(edited.modelDir().startsWith(moved) && original.modelDir().startsWith(moved), "found where the report is now");
                assertEquals(ModelBundle.readCard(original.modelDir()).weights().sha256(), bundle.card().weights().sha256(),
                        "the kept original is the agent that played");
                Episode e = edited.episode(ex.path("episode").asInt());
                Episode o = original.episode(ex.path("episode").asInt());
                assertEquals(ex.path("level").asInt(), e.levelSeed());
                assertTrue(e.endCause().isDeath());
                assertEquals(EndCause.COIN, o.endCause());
                try (ModelBundle editedModel = ModelBundle.load(edited.modelDir())) {
                    ReplayCheck c = Replay.check(e, edited.info().envOptions(), editedModel.agent());
                    assertTrue(c.identical(), "the edited episode replays bit for bit: " + c);
                    // replay re-evaluates in batches of up to 64 frames, the rollout in batches of 8: float rounding only
                    assertTrue(c.maxAbsLogitDelta() < 1e-4, "its logits came from the saved edited model: " + c);
                }
                ReplayCheck c = Replay.check(o, original.info().envOptions(), bundle.agent());
                assertTrue(c.identical(), "the original episode replays bit for bit: " + c);
                assertTrue(c.maxAbsValueDelta() < 1e-4, c.toString());
            }

            Path merged = tmp.resolve("merged");
            Files.createDirectories(merged);
            TestContext mergeCtx = new TestContext(Map.of("merge", moved.resolve("journal.jsonl").toString(), "examples", "0"), null, null,
                    merged, 0);
            new CircuitEditPlugin().run(mergeCtx);
            JsonNode m = Journal.JSON.readTree(merged.resolve("results.json").toFile());
            assertEquals(res.path("arms"), m.path("arms"), "merging the one journal gives the same table");
            assertEquals(res.path("comparisons"), m.path("comparisons"));
            assertEquals("merged", m.path("shard").asText());
        }
    }
}
