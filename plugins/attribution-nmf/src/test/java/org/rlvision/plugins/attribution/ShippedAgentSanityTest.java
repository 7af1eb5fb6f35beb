package org.rlvision.plugins.attribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.trajectories.Run;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sanity run on the shipped agent ({@code models/coinrun-default}) at a small scale: 128
 * observations of its own play, in the environment it was trained in. Its factors must land on
 * something systematically: the best-labelled factor overlaps its class well above chance. (At
 * full scale this agent's strongest factors are the velocity squares; docs/attribution-nmf.md.)
 */
class ShippedAgentSanityTest {
    @Test
    void theShippedAgentsFactorsOverlapAClassWellAboveChance(@TempDir Path tmp) throws IOException {
        Path model = shippedModel();
        try (ModelBundle bundle = ModelBundle.load(model)) {
            Run run = RecordedRun.record(bundle.agent(), tmp.resolve("run"), 4, 32, true);
            AttributionNmfPlugin plugin = new AttributionNmfPlugin();
            TestContext ctx = new TestContext(plugin, Map.of("samples", "128", "factors", "4", "trajectories", "1",
                    "trajectory-steps", "16"), bundle.agent(), run, tmp.resolve("out"), 1);
            AttributionNmfPlugin.Analysis a = plugin.analyse(ctx);
            assertTrue(a.completenessGap() < 0.1, "completeness gap " + a.completenessGap());
            // 4 factors explain most of the attribution (relative error 0.29 here, i.e. 91% of its energy, for the
            // 2026-11-29 agent, whose attributions spread wider than the previous agent's 0.1-0.2)
            assertTrue(a.factorsFile().relativeError() < 0.4, "relative error " + a.factorsFile().relativeError());
            FactorLabel best = a.labels().stream().max((x, y) -> Double.compare(x.iou() - x.chance(), y.iou() - y.chance()))
                    .orElseThrow();
            assertTrue(best.iou() >= 0.1 && best.iou() >= 2 * best.chance(), "best label " + best + " of " + a.labels());
        }
    }

    /** {@code models/coinrun-default}, found from the module folder up to the repository root. */
    static Path shippedModel() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path m = p.resolve("models/coinrun-default");
            if (Files.isRegularFile(m.resolve(ModelBundle.MODEL_JSON))) {
                return m;
            }
        }
        throw new IllegalStateException("models/coinrun-default not found above " + Path.of("").toAbsolutePath());
    }
}
