package org.rlvision.plugins.circuitedit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.plugin.PluginException;

/**
 * The environment an experiment plays: the one the model was trained in, read from its card's
 * provenance ({@code distribution_mode}, {@code paint_vel_info}, {@code center_agent}), unless the
 * {@code mode} or {@code paint-vel-info} option says otherwise. Without a card: hard mode, no
 * velocity squares, agent-centred (Procgen's defaults).
 *
 * @param options the resolved options
 * @param origin  where they came from, for the log
 */
public record ModelEnvironment(EnvOptions options, String origin) {
    /** The option value meaning "as the model was trained". */
    public static final String FROM_MODEL = "model";

    /**
     * Resolves the environment.
     *
     * @param card         the model's card, if the workbench gave one
     * @param mode         {@code model}, {@code easy} or {@code hard}
     * @param paintVelInfo {@code model}, {@code true} or {@code false}
     * @throws PluginException for a value that is none of these
     */
    public static ModelEnvironment resolve(Optional<ModelCard> card, String mode, String paintVelInfo) {
        Map<String, String> trained = card.map(ModelCard::trainingEnvironmentOptions).orElse(Map.of());
        EnvOptions model = card.map(ModelCard::trainingEnvironment).orElse(EnvOptions.defaults());
        EnvOptions.Builder b = model.toBuilder();
        StringBuilder origin = new StringBuilder();
        String m = mode.trim().toLowerCase(Locale.ROOT);
        if (m.equals(FROM_MODEL)) {
            String t = trained.get("distribution_mode");
            origin.append(t == null ? "mode hard (the model card records no distribution_mode)" : "mode " + t + " (model card)");
        } else {
            try {
                b.optDistributionMode(DistributionMode.parse(m));
            } catch (IllegalArgumentException e) {
                throw new PluginException("--opt mode=" + mode + " is not a mode; use model (as the model was trained), easy or hard", e);
            }
            origin.append("mode ").append(m).append(" (option)");
        }
        String v = paintVelInfo.trim().toLowerCase(Locale.ROOT);
        if (v.equals(FROM_MODEL)) {
            String t = trained.get("paint_vel_info");
            origin.append(t == null ? ", paint_vel_info false (not in the model card)" : ", paint_vel_info " + t + " (model card)");
        } else if (v.equals("true") || v.equals("false")) {
            b.optPaintVelInfo(Boolean.parseBoolean(v));
            origin.append(", paint_vel_info ").append(v).append(" (option)");
        } else {
            throw new PluginException("--opt paint-vel-info=" + paintVelInfo + " is not valid; use model (as the model was trained), "
                    + "true or false");
        }
        return new ModelEnvironment(b.build(), origin.toString());
    }
}
