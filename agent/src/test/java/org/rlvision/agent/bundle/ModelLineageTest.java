package org.rlvision.agent.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.Agent;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;

/** Joining each bundle's "initial weights" to the bundle that has them, by sha256, into the whole recipe. */
class ModelLineageTest {
    @TempDir
    Path tmp;

    /** Saves a bundle with random weights (seed) that records {@code parent}'s weights as its start and its own stage. */
    private Path bundle(Path dir, long seed, Path parent, String stage, long steps) throws IOException {
        List<Provenance.Input> inputs = parent == null ? List.of()
                : List.of(Provenance.Input.of(ModelLineage.INITIAL_WEIGHTS, parent.resolve(ModelBundle.WEIGHTS)));
        Provenance.Training training = new Provenance.Training("rlvision train --stage " + stage + " --seed " + seed, Map.of(),
                0, 100, steps, seed, 0.5, "test");
        try (Agent agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), seed)) {
            ModelBundle.save(dir, agent, EnvSpec.procgen().actions(), Provenance.now("rlvision train", seed, training, inputs));
        }
        return dir;
    }

    @Test
    void followsEachStartBackToRandomWeightsOrToABundleNotSearched() throws IOException {
        Path first = bundle(tmp.resolve("models/history/a"), 1, null, "expert-bc", 1000);
        Path second = bundle(tmp.resolve("models/history/b"), 2, first, "ppo", 200);
        Path outside = bundle(tmp.resolve("runs/x"), 9, null, "expert-bc", 5);
        Path third = bundle(tmp.resolve("models/c"), 3, second, "ppo", 30);
        Path orphan = bundle(tmp.resolve("models/d"), 4, outside, "ppo", 7);

        ModelLineage l = ModelLineage.of(third, List.of(tmp.resolve("models"), tmp.resolve("nowhere")));
        assertEquals(List.of(first, second, third), l.stages().stream().map(ModelLineage.Stage::dir).toList(), "oldest first");
        assertEquals(List.of("expert-bc", "ppo", "ppo"), l.stages().stream().map(ModelLineage.Stage::stageName).toList());
        assertEquals(1230, l.totalSteps());
        assertNull(l.unresolved(), "the oldest stage started from random weights");
        assertNull(l.stages().get(0).initialWeights());
        assertEquals(ModelBundle.readCard(second).weights().sha256(), l.stages().get(2).initialWeights().sha256());

        ModelLineage o = ModelLineage.of(orphan, List.of(tmp.resolve("models")));
        assertEquals(List.of(orphan), o.stages().stream().map(ModelLineage.Stage::dir).toList());
        assertEquals(ModelBundle.readCard(outside).weights().sha256(), o.unresolved().sha256(),
                "a start that is no bundle under the folders searched is named, not guessed");
        assertEquals(List.of(outside, orphan), ModelLineage.of(orphan, List.of(tmp.resolve("models"), tmp.resolve("runs")))
                .stages().stream().map(ModelLineage.Stage::dir).toList(), "searching runs/ too finds it");

        Files.delete(first.resolve(ModelBundle.WEIGHTS));
        Files.delete(first.resolve(ModelBundle.MODEL_JSON));
        ModelLineage cut = ModelLineage.of(third, List.of(tmp.resolve("models")));
        assertEquals(List.of(second, third), cut.stages().stream().map(ModelLineage.Stage::dir).toList());
        assertEquals(l.stages().get(1).initialWeights(), cut.unresolved(), "a deleted ancestor ends the chain where it was");
    }
}
