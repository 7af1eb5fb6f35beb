package org.rlvision.plugins.attribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.Agent;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.Report;
import org.rlvision.plugin.WorkbenchPlugin;
import org.rlvision.plugin.nmf.NmfFactorsFile;
import org.rlvision.trajectories.Advantages;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin end to end on a small real run: files, factors.json, the interface's model, label maps, errors. */
class AttributionNmfPluginTest {
    static final Map<String, String> SMALL = Map.of("samples", "64", "factors", "3", "steps", "3", "trajectories", "2",
            "trajectory-steps", "40");
    static Agent agent;
    static Run labelled;
    static Run unlabelled;

    @BeforeAll
    static void record(@TempDir Path tmp) throws IOException {
        agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 21);
        labelled = RecordedRun.record(agent, tmp.resolve("labelled"), 2, 48, true);
        unlabelled = RecordedRun.record(agent, tmp.resolve("unlabelled"), 2, 48, false);
    }

    @AfterAll
    static void close() {
        agent.close();
    }

    @Test
    void isFoundByServiceLoaderWithItsOptions() {
        WorkbenchPlugin p = ServiceLoader.load(WorkbenchPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("attribution-nmf")).findFirst().orElseThrow();
        assertEquals(List.of("layer", "output", "samples", "factors", "steps", "trajectories", "trajectory-steps"),
                p.options().stream().map(o -> o.name()).toList());
    }

    @Test
    void writesTheInterfaceFactorsJsonAndOverviewConsistentWithItsReport(@TempDir Path out) throws Exception {
        AttributionNmfPlugin plugin = new AttributionNmfPlugin();
        TestContext ctx = new TestContext(plugin, SMALL, agent, labelled, out, 7);
        Report report = plugin.run(ctx);
        for (Report.Artifact a : report.artifacts()) {
            assertTrue(Files.isRegularFile(out.resolve(a.path())), a.path());
        }
        assertTrue(Files.isDirectory(out.resolve(InterfacePage.assetsFolder(AttributionNmfPlugin.PAGE))));
        assertTrue(Files.notExists(out.resolve("index.html")), "index.html is the workbench's");

        NmfFactorsFile f = NmfFactorsFile.read(out.resolve(NmfFactorsFile.NAME));
        assertEquals("2b", f.layer());
        assertEquals("value", f.output());
        assertEquals(32, f.channels());
        assertEquals(64, f.samples());
        assertEquals(3, f.factors().size());
        assertEquals("clear-cnn", f.model().get("architecture"));
        assertEquals(figure(report, "relative reconstruction error"), f.relativeError(), 1e-12);
        assertTrue(f.relativeError() > 0 && f.relativeError() < 1, "relative error " + f.relativeError());
        List<String> classes = java.util.Arrays.stream(SemanticLabel.values()).map(FactorLabel::nameOf).toList();
        for (int j = 0; j < 3; j++) {
            NmfFactorsFile.Factor e = f.factors().get(j);
            assertEquals(j, e.index());
            assertTrue(classes.contains(e.label()), e.label());
            assertTrue(e.iou() >= 0 && e.iou() <= 1);
            assertEquals(figure(report, "factor " + j + " IoU (" + e.label() + ")"), e.iou(), 1e-12);
            assertEquals(org.rlvision.env.coinrun.SemanticLabel.values().length, e.iouByClass().size(), "every class's IoU is kept");
            assertEquals(e.iou(), e.iouByClass().get(e.label()), 1e-12, "the label's own IoU is among them");
            if (e.liftByClass().isEmpty()) {
                assertEquals(e.iou(), java.util.Collections.max(e.iouByClass().values()), 1e-12, "a label by IoU has the largest");
            } else {
                assertEquals(e.lift(), java.util.Collections.max(e.liftByClass().values()), 1e-12, "a label by lift has the largest");
                assertEquals(figure(report, "factor " + j + " lift (" + e.label() + ")"), e.lift(), 1e-12);
            }
            assertEquals(32, e.direction().length);
            double sum = 0;
            for (float d : e.direction()) {
                assertTrue(d >= 0, "directions are non-negative");
                sum += d;
            }
            assertEquals(1, sum, 1e-5, "directions sum to 1");
        }
        String json = Files.readString(out.resolve(NmfFactorsFile.NAME));
        assertTrue(json.contains("\"format\" : \"rlvision-nmf-factors\"") && json.contains("\"formatVersion\" : 1")
                && json.contains("\"k\" : 3"), json);
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(AttributionNmfPlugin.OVERVIEW).toFile());
        assertEquals(3 * (128 + 16), png.getWidth(), "three factors side by side");
        assertTrue(figure(report, "completeness gap") < 0.5);
        assertTrue(ctx.log.stream().anyMatch(l -> l.startsWith("factor 0: ")), ctx.log.toString());

        // The same seed gives the same factors (the analysis alone, without writing).
        AttributionNmfPlugin.Analysis again = plugin.analyse(new TestContext(plugin, SMALL, agent, labelled, out, 7));
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(f.factors().get(j).direction(), again.factorsFile().factors().get(j).direction(), 1e-6f);
            assertEquals(f.factors().get(j).label(), again.factorsFile().factors().get(j).label());
        }

        // Each trajectory names the run's episodes it shows, one per episode start, all from its env,
        // so the page can link a dataset example (episode, step) to its place on the timeline.
        for (int t = 0; t < again.model().trajectories().size(); t++) {
            TrajectoryView v = again.model().trajectories().get(t);
            int[] episodes = again.runEpisodes().get(t);
            int starts = 0;
            for (boolean first : v.first()) {
                starts += first ? 1 : 0;
            }
            assertEquals(starts, episodes.length, "trajectory " + t);
            for (int e : episodes) {
                assertEquals(v.env(), labelled.episode(e).env(), "episode " + e + " of trajectory " + t);
            }
        }
    }

    @Test
    void theInterfaceShowsTheFirstStepsOfEachEnvironmentWithTheirAdvantagesAndMaps(@TempDir Path out) throws Exception {
        AttributionNmfPlugin plugin = new AttributionNmfPlugin();
        AttributionNmfPlugin.Analysis a = plugin.analyse(new TestContext(plugin, SMALL, agent, labelled, out, 3));
        InterfaceModel m = a.model();
        assertEquals(2, m.trajectories().size());
        assertEquals(3, m.factors().size());
        assertEquals(32, m.layerHeight());
        assertEquals(15, m.actionNames().size());
        assertTrue(a.projectedSteps() > 0, "80 trajectory steps cannot all be among 64 samples");
        assertTrue(a.projectionError() <= 1 && a.projectionError() < 1.5 * a.factorsFile().relativeError(),
                "unsampled steps project on the factors about as well as the fitted ones: " + a.projectionError() + " vs "
                        + a.factorsFile().relativeError());
        Map<Integer, Episode> firstOfEnv = new HashMap<>();
        for (Episode e : labelled.episodes()) {
            firstOfEnv.putIfAbsent(e.env(), e);
        }
        for (TrajectoryView t : m.trajectories()) {
            assertEquals(40, t.length());
            Episode e = firstOfEnv.get(t.env());
            int n = Math.min(40, e.length());
            assertArrayEquals(java.util.Arrays.copyOf(e.observations(), n * 64 * 64 * 3),
                    java.util.Arrays.copyOf(t.frames(), n * 64 * 64 * 3), "frames of env " + t.env());
            float[] adv = Advantages.of(e, 0.999, 0.95).advantages();
            assertArrayEquals(java.util.Arrays.copyOf(adv, n), java.util.Arrays.copyOf(t.advantages(), n));
            assertTrue(t.first()[0]);
            assertEquals(e.levelSeed(), t.levelSeeds()[0]);
            assertEquals(40 * 3 * 32 * 32, t.positive().length);
            double mass = 0;
            for (int i = 0; i < t.positive().length; i++) {
                assertTrue(t.positive()[i] >= 0 && t.negative()[i] >= 0 && Float.isFinite(t.positive()[i]));
                mass += t.positive()[i] + t.negative()[i];
            }
            assertTrue(mass > 0, "the maps carry attribution");
        }
        for (FactorView v : m.factors()) {
            assertNotNull(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(v.thumbnailPng())));
            assertTrue(!v.examples().isEmpty() && v.examples().size() <= 16);
            for (int i = 1; i < v.examples().size(); i++) {
                assertTrue(v.examples().get(i).value() <= v.examples().get(i - 1).value(), "strongest first");
            }
        }
    }

    @Test
    void labelMapsOfARunWithoutLabelsAreReRenderedExactly() throws IOException {
        int[] episodes = {0, 0, 1, 1, 1};
        int[] steps = {0, 5, 3, 1, 47};
        for (int i = 0; i < episodes.length; i++) {
            assertArrayEquals(labelled.episode(episodes[i]).frame(steps[i]), unlabelled.episode(episodes[i]).frame(steps[i]),
                    "the two recordings are the same episodes");
        }
        byte[] stored = LabelMaps.of(labelled, episodes, steps);
        byte[] replayed = LabelMaps.of(unlabelled, episodes, steps);
        assertArrayEquals(stored, replayed);
        int px = 64 * 64;
        assertArrayEquals(java.util.Arrays.copyOfRange(labelled.episode(1).labels(), 47 * px, 48 * px),
                java.util.Arrays.copyOfRange(stored, 4 * px, 5 * px));
    }

    @Test
    void badOptionsAreOneSentenceNamingTheOption(@TempDir Path out) {
        AttributionNmfPlugin plugin = new AttributionNmfPlugin();
        PluginException e = assertThrows(PluginException.class, () -> plugin.run(new TestContext(plugin,
                Map.of("samples", "100000"), agent, labelled, out, 0)));
        assertTrue(e.getMessage().startsWith("--opt samples=100000 is more than the 96 steps"), e.getMessage());
        e = assertThrows(PluginException.class, () -> plugin.run(new TestContext(plugin,
                Map.of("samples", "8", "factors", "40"), agent, labelled, out, 0)));
        assertTrue(e.getMessage().contains("--opt factors=40") && e.getMessage().contains("1..32"), e.getMessage());
        e = assertThrows(PluginException.class, () -> plugin.run(new TestContext(plugin,
                Map.of("layer", "2c"), agent, labelled, out, 0)));
        assertTrue(e.getMessage().contains("--opt layer=2c") && e.getMessage().contains("1a 2a 2b"), e.getMessage());
        e = assertThrows(PluginException.class, () -> plugin.run(new TestContext(plugin,
                Map.of("trajectories", "0"), agent, labelled, out, 0)));
        assertEquals("--opt trajectories=0 is out of range; use 1..256", e.getMessage());
    }

    private static double figure(Report r, String name) {
        return r.figures().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + r.figures())).value();
    }
}
