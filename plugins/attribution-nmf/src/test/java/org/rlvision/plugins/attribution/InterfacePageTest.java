package org.rlvision.plugins.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link InterfacePage} writes, read back in Java the way the page reads it: the script files
 * parse as the documented calls, every array round-trips (frames byte for byte, timeline floats
 * exactly, attribution maps to their quantised bytes), totals and bookmarks are the hand-checked
 * ones, and rewriting a page replaces its assets.
 */
class InterfacePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int K = 3;
    private static final int GRID = 16;

    static InterfaceModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        model = InterfacePageFixture.model(2, 40, K, GRID, 3, 0.002f);
    }

    @Test
    void writesThePageAndItsAssetsFolder() throws Exception {
        InterfacePage.write(model, dir, "interface.html");
        assertEquals(List.of("interface-assets", "interface.html"), list(dir));
        assertEquals(List.of("app.js", "index.js", "style.css", "traj-0.js", "traj-1.js"), list(dir.resolve("interface-assets")));
        String html = Files.readString(dir.resolve("interface.html"));
        assertTrue(html.contains("<script src=\"interface-assets/app.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"interface-assets/index.js\"></script>"), html);
        assertTrue(html.contains("data-assets=\"interface-assets\""), html);
        assertFalse(html.contains("{{"), "a template placeholder was left in the page");
        // no network: nothing on the page or in its scripts points outside the folder
        for (Path p : List.of(dir.resolve("interface.html"), dir.resolve("interface-assets/app.js"),
                dir.resolve("interface-assets/style.css"))) {
            String text = Files.readString(p);
            assertFalse(text.contains("http://") || text.contains("https://") || text.contains("fetch("), p.toString());
        }
    }

    @Test
    void everyArrayRoundTripsThroughTheScripts() throws Exception {
        InterfacePage.write(model, dir, "interface.html");
        JsonNode index = script(dir.resolve("interface-assets/index.js"), "RLV.defineIndex(");
        PageScale scale = new PageScale(index.at("/scale/normaliser").floatValue(), index.at("/scale/clip").floatValue());
        assertEquals(PageScale.of(model.trajectories(), K * GRID * GRID), scale);
        assertEquals(K, index.get("factors").size());
        FactorView f1 = model.factors().get(1);
        assertEquals(f1.label(), index.at("/factors/1/label").asText());
        assertEquals(f1.iou(), index.at("/factors/1/iou").asDouble());
        assertEquals(String.format("#%06x", f1.rgb()), index.at("/factors/1/color").asText());
        String thumb = index.at("/factors/1/thumbnail").asText();
        assertTrue(thumb.startsWith("data:image/png;base64,"));
        assertArrayEquals(f1.thumbnailPng(), Base64.getDecoder().decode(thumb.substring(thumb.indexOf(',') + 1)));
        assertEquals(model.actionNames().size(), index.get("actionNames").size());

        for (int i = 0; i < model.trajectories().size(); i++) {
            TrajectoryView t = model.trajectories().get(i);
            JsonNode d = script(dir.resolve("interface-assets/traj-" + i + ".js"), "RLV.defineTrajectory(" + i + ", ");
            assertArrayEquals(t.frames(), blob(d.get("frames")), "frames of trajectory " + i);
            assertArrayEquals(scale.quantise(t.positive()), blob(d.get("positive")));
            assertArrayEquals(scale.quantise(t.negative()), blob(d.get("negative")));
            assertArrayEquals(t.values(), floats(d.get("values")));
            assertArrayEquals(t.advantages(), floats(d.get("advantages")));
            assertArrayEquals(t.rewards(), floats(d.get("rewards")));
            assertArrayEquals(t.logits(), floats(d.get("logits")));
            assertArrayEquals(t.levelSeeds(), JSON.treeToValue(d.get("levelSeeds"), int[].class));
            assertArrayEquals(t.actions(), JSON.treeToValue(d.get("actions"), int[].class));
            for (int s = 0; s < t.length(); s++) {
                assertEquals(t.first()[s] ? 1 : 0, d.get("first").get(s).asInt());
            }
            // the quantised maps decode to within half a level of the model's values (below the clip)
            byte[] q = blob(d.get("positive"));
            for (int c = 0; c < q.length; c++) {
                assertEquals(Math.min(t.positive()[c], scale.clip()), scale.value(q[c]), scale.clip() / 510 + 1e-7);
            }
            // totals: [T,k] sums over the grid of the unquantised maps
            float[] totals = floats(d.get("negativeTotals"));
            assertEquals(t.length() * K, totals.length);
            int step = 7;
            int factor = 2;
            double sum = 0;
            for (int c = 0; c < GRID * GRID; c++) {
                sum += t.negative()[(step * K + factor) * GRID * GRID + c];
            }
            assertEquals((float) sum, totals[step * K + factor]);
        }
        JsonNode largest = index.at("/bookmarks/largest");
        List<PageBookmarks.Bookmark> expected = PageBookmarks.select(model.trajectories(), 16, true);
        assertEquals(expected.size(), largest.size());
        assertEquals(expected.get(0).step(), largest.get(0).get("step").asInt());
        assertEquals(expected.get(0).trajectory(), largest.get(0).get("trajectory").asInt());
    }

    @Test
    void rewritingReplacesTheAssetsAndLeavesNoTemporaryFiles() throws Exception {
        InterfacePage.write(model, dir, "interface.html");
        InterfaceModel one = new InterfaceModel("one trajectory", Map.of(), model.layer(), model.output(), GRID, GRID,
                model.actionNames(), model.factors(), model.trajectories().subList(0, 1));
        InterfacePage.write(one, dir, "interface.html");
        assertEquals(List.of("interface-assets", "interface.html"), list(dir));
        assertEquals(List.of("app.js", "index.js", "style.css", "traj-0.js"), list(dir.resolve("interface-assets")));
        assertEquals(1, script(dir.resolve("interface-assets/index.js"), "RLV.defineIndex(").get("trajectories").size());
        assertEquals("page-assets", InterfacePage.assetsFolder("page.html"));
    }

    @Test
    void theTitleIsEscapedInTheHtml() throws Exception {
        InterfaceModel tricky = new InterfaceModel("V < 0 & \"saws\"", Map.of("command", "</script>"), model.layer(),
                model.output(), GRID, GRID, model.actionNames(), model.factors(), List.of());
        InterfacePage.write(tricky, dir, "t.html");
        String html = Files.readString(dir.resolve("t.html"));
        assertTrue(html.contains("<title>V &lt; 0 &amp; &quot;saws&quot;</title>"), html);
        assertEquals("</script>", script(dir.resolve("t-assets/index.js"), "RLV.defineIndex(").at("/provenance/command").asText());
    }

    @Test
    void badFileNamesAndShapesAreNamed() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> InterfacePage.write(model, dir, "../x.html"));
        assertEquals("interface page file name '../x.html' must be a plain name ending in .html (letters, digits,"
                + " '.', '_', '-'), e.g. interface.html", name.getMessage());
        TrajectoryView t = model.trajectories().get(1);
        TrajectoryView shortValues = new TrajectoryView(t.env(), t.length(), t.height(), t.width(), t.frames(),
                t.levelSeeds(), t.first(), t.rewards(), new float[3], t.advantages(), t.actions(), t.logits(),
                t.positive(), t.negative());
        InterfaceModel bad = new InterfaceModel("x", Map.of(), "2b", "value", GRID, GRID, model.actionNames(),
                model.factors(), List.of(model.trajectories().get(0), shortValues));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> InterfacePage.write(bad, dir, "interface.html"));
        assertEquals("trajectory 1 (env 1, 40 steps): values has 3 values, expected 40", shape.getMessage());
        assertFalse(Files.exists(dir.resolve("interface.html")), "a page was written from a bad model");
    }

    @Test
    void examplesAndRunEpisodesReachTheIndex() throws Exception {
        InterfacePage.write(model, InterfacePageFixture.runEpisodes(model), dir, "interface.html");
        JsonNode index = script(dir.resolve("interface-assets/index.js"), "RLV.defineIndex(");
        for (int f = 0; f < K; f++) {
            List<FactorView.DatasetExample> want = model.factors().get(f).examples();
            JsonNode got = index.at("/factors/" + f + "/examples");
            assertEquals(want.size(), got.size());
            for (int i = 0; i < want.size(); i++) {
                FactorView.DatasetExample e = want.get(i);
                assertEquals(List.of(e.episode(), e.step(), e.y(), e.x()), List.of(got.get(i).get(0).asInt(),
                        got.get(i).get(1).asInt(), got.get(i).get(2).asInt(), got.get(i).get(3).asInt()));
                assertEquals(e.value(), got.get(i).get(4).floatValue());
            }
        }
        // each trajectory's episodes as [run episode, first step, steps], covering its steps in order
        for (int i = 0; i < model.trajectories().size(); i++) {
            TrajectoryView t = model.trajectories().get(i);
            JsonNode segs = index.at("/trajectories/" + i + "/runEpisodes");
            int next = 0;
            for (int j = 0; j < segs.size(); j++) {
                assertEquals(InterfacePageFixture.runEpisode(i, j), segs.get(j).get(0).asInt());
                assertEquals(next, segs.get(j).get(1).asInt());
                assertTrue(next == 0 || t.first()[next], "episode " + j + " of trajectory " + i + " starts at a first flag");
                next += segs.get(j).get(2).asInt();
            }
            assertEquals(t.length(), next);
            assertEquals(PageScripts.episodes(t), segs.size());
        }
        // a hand-made trajectory: steps 0-2 of run episode 7, 3-4 of episode 9
        TrajectoryView small = new TrajectoryView(0, 5, 1, 1, new byte[15], new int[5],
                new boolean[] {false, false, false, true, false}, new float[5], new float[5], new float[5], new int[5],
                new float[5], new float[0], new float[0]);
        List<int[]> segments = PageScripts.segments(small, new int[] {7, 9});
        assertArrayEquals(new int[] {7, 0, 3}, segments.get(0));
        assertArrayEquals(new int[] {9, 3, 2}, segments.get(1));
        // without run episodes the page gets none
        InterfacePage.write(model, dir, "plain.html");
        assertTrue(script(dir.resolve("plain-assets/index.js"), "RLV.defineIndex(").at("/trajectories/0/runEpisodes").isMissingNode());
    }

    @Test
    void runEpisodesOfTheWrongShapeAreNamed() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> InterfacePage.write(model, List.of(new int[1]), dir, "interface.html"));
        assertEquals("the interface has 2 trajectories but 1 lists of run episode indices; give one per trajectory",
                count.getMessage());
        int episodes = PageScripts.episodes(model.trajectories().get(1));
        IllegalArgumentException per = assertThrows(IllegalArgumentException.class,
                () -> InterfacePage.write(model, List.of(new int[PageScripts.episodes(model.trajectories().get(0))],
                        new int[episodes + 1]), dir, "interface.html"));
        assertEquals("trajectory 1 has " + episodes + " episodes but " + (episodes + 1)
                + " run episode indices; give one per episode, in order", per.getMessage());
        assertFalse(Files.exists(dir.resolve("interface.html")), "a page was written with bad run episodes");
    }

    private static List<String> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Parses a data script {@code <prefix>{json});} the way the browser evaluates it. */
    private static JsonNode script(Path file, String prefix) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(prefix), text.substring(0, Math.min(80, text.length())));
        assertTrue(text.endsWith(");\n"));
        return JSON.readTree(text.substring(prefix.length(), text.length() - 3));
    }

    /** Decodes a {@link PageBlob}: base64, then zlib, as the page's DecompressionStream("deflate") does. */
    private static byte[] blob(JsonNode node) throws Exception {
        byte[] z = Base64.getDecoder().decode(node.asText());
        Inflater inflater = new Inflater();
        inflater.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                break;
            }
            out.write(buf, 0, n);
        }
        assertTrue(inflater.finished(), "truncated zlib stream");
        inflater.end();
        return out.toByteArray();
    }

    private static float[] floats(JsonNode node) {
        List<Float> list = new ArrayList<>();
        node.forEach(n -> list.add(n.floatValue()));
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
