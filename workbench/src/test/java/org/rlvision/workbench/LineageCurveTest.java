package org.rlvision.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.ModelLineage;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;

/** The lineage curve places each stage's metrics after the steps of the stages before it. */
class LineageCurveTest {
    @TempDir
    Path tmp;

    private Path bundle(String name, long seed, Path parent, String stage, long steps, double heldOut, String metrics)
            throws IOException {
        Path dir = tmp.resolve(name);
        List<Provenance.Input> inputs = parent == null ? List.of()
                : List.of(Provenance.Input.of(ModelLineage.INITIAL_WEIGHTS, parent.resolve(ModelBundle.WEIGHTS)));
        try (Agent agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), seed)) {
            ModelBundle.save(dir, agent, EnvSpec.procgen().actions(), Provenance.now("rlvision train", seed,
                    new Provenance.Training("rlvision train --stage " + stage, Map.of(), 0, 10, steps, seed, heldOut, "test"), inputs));
        }
        if (metrics != null) {
            Files.writeString(tmp.resolve(name + ".metrics.jsonl"), metrics);
        }
        return dir;
    }

    @Test
    void stagesFollowEachOtherWithTheirOwnMetrics() throws IOException {
        Path a = bundle("a", 1, null, "expert-bc", 1000, 0.5,
                "{\"stage\":\"bc\",\"samplesSeen\":400,\"learnerSuccess\":null}\n"
                        + "{\"stage\":\"dagger\",\"samplesSeen\":1000,\"learnerSuccess\":0.55}\n");
        Path b = bundle("b", 2, a, "ppo", 300, 0.6, null);
        Path c = bundle("c", 3, b, "ppo", 200, 0.75,
                "{\"update\":1,\"samples\":100,\"successRate\":0.7}\n{\"update\":2,\"samples\":200,\"successRate\":0.8}\n");
        List<LineageCurve.StagePoints> stages = LineageCurve.of(ModelLineage.of(c, List.of(tmp)));
        assertEquals(3, stages.size());
        assertEquals("a (expert-bc)", stages.get(0).name());
        assertEquals(1, stages.get(0).points().size(), "the cloning epoch without a learner success is left out");
        assertArrayEquals(new double[] {1000, 0.55}, stages.get(0).points().get(0));
        assertTrue(stages.get(1).points().isEmpty(), "b has no metrics file");
        assertEquals(1000, stages.get(1).start());
        assertEquals(1300, stages.get(1).end());
        assertArrayEquals(new double[] {1400, 0.7}, stages.get(2).points().get(0), "c's update 1 comes after a's and b's steps");
        assertArrayEquals(new double[] {1500, 0.8}, stages.get(2).points().get(1));
        assertEquals(0.75, stages.get(2).heldOut());
        BufferedImage img = LineageCurve.draw("test", stages);
        assertEquals(960, img.getWidth());
    }
}
