package org.rlvision.agent.bundle;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training environment a card records, and Procgen's defaults where it records none. */
class ModelCardTest {
    @Test
    void theShippedAgentWasTrainedOnHardLevelsWithVelocitySquares() throws Exception {
        try (ModelBundle b = ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            EnvOptions o = b.card().trainingEnvironment();
            assertEquals(DistributionMode.HARD, o.distributionMode());
            assertTrue(o.paintVelInfo());
            assertTrue(o.centerAgent());
            assertEquals("true", b.card().trainingEnvironmentOptions().get("paint_vel_info"));

            ModelCard bare = withTraining(b.card(), null);
            assertEquals(EnvOptions.defaults(), bare.trainingEnvironment());
            assertEquals(Map.of(), bare.trainingEnvironmentOptions());

            ModelCard easyNoCentre = withTraining(b.card(), new Provenance.Training("x",
                    Map.of("distribution_mode", "easy", "center_agent", "false"), null, null, null, null, null, null));
            EnvOptions e = easyNoCentre.trainingEnvironment();
            assertEquals(DistributionMode.EASY, e.distributionMode());
            assertFalse(e.centerAgent());
            assertFalse(e.paintVelInfo(), "not recorded: Procgen's default");
        }
    }

    private static ModelCard withTraining(ModelCard c, Provenance.Training t) {
        Provenance p = c.provenance();
        return new ModelCard(c.format(), c.formatVersion(), c.network(), c.observation(), c.actions(), c.layers(), c.weights(),
                new Provenance(p.producer(), p.createdAt(), p.seed(), t, p.inputs(), p.versions()));
    }
}
