package org.rlvision.workbench;

import java.util.Map;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;

/**
 * The environment a model was trained in, read from its model card: distribution mode,
 * {@code paint_vel_info} and {@code center_agent}. A model sees what it was trained on; a card
 * without training options gets Procgen's defaults for CoinRun agents (hard, velocity painted).
 */
final class TrainedEnv {
    private TrainedEnv() {
    }

    /** The options recorded in {@code bundle}'s provenance, with level settings left at their defaults. */
    static EnvOptions of(ModelBundle bundle) {
        Provenance p = bundle.card().provenance();
        Map<String, String> o = p == null || p.training() == null ? Map.of() : p.training().environmentOptions();
        return EnvOptions.builder()
                .optDistributionMode(DistributionMode.parse(o.getOrDefault("distribution_mode", "hard")))
                .optPaintVelInfo(Boolean.parseBoolean(o.getOrDefault("paint_vel_info", "true")))
                .optCenterAgent(Boolean.parseBoolean(o.getOrDefault("center_agent", "true")))
                .build();
    }
}
