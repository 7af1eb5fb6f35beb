package org.rlvision.agent.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.agent.net.LayerInfo;
import org.rlvision.agent.net.NetworkConfig;

/**
 * The content of a bundle's {@code model.json}: format version, architecture and
 * hyper-parameters, layer list with shapes, observation and action spec, weights file and
 * provenance.
 *
 * @param format        always {@value ModelBundle#FORMAT}
 * @param formatVersion the bundle format version ({@value ModelBundle#FORMAT_VERSION})
 * @param network       architecture and hyper-parameters
 * @param observation   what the network reads
 * @param actions       action names in logit order
 * @param layers        every layer with its per-example output shape (NCHW)
 * @param weights       the weights file
 * @param provenance    where the model came from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String format,
        int formatVersion,
        NetworkConfig network,
        ObservationSpec observation,
        List<String> actions,
        List<LayerInfo> layers,
        WeightsInfo weights,
        Provenance provenance) {
    /** Copies the lists. */
    public ModelCard {
        actions = List.copyOf(actions);
        layers = List.copyOf(layers);
    }

    /**
     * The environment the model was trained in, so that every command and plugin shows it what it
     * was trained on: {@code distribution_mode}, {@code paint_vel_info} and {@code center_agent} from
     * the training provenance, Procgen's defaults (hard, no velocity squares, agent-centred) for
     * what the card does not record; level settings are Procgen's defaults.
     */
    @JsonIgnore
    public EnvOptions trainingEnvironment() {
        Map<String, String> o = trainingEnvironmentOptions();
        EnvOptions.Builder b = EnvOptions.builder();
        if (o.containsKey("distribution_mode")) {
            b.optDistributionMode(DistributionMode.parse(o.get("distribution_mode")));
        }
        if (o.containsKey("paint_vel_info")) {
            b.optPaintVelInfo(Boolean.parseBoolean(o.get("paint_vel_info")));
        }
        if (o.containsKey("center_agent")) {
            b.optCenterAgent(Boolean.parseBoolean(o.get("center_agent")));
        }
        return b.build();
    }

    /** The training environment options the card records, by Procgen name (empty when it records none). */
    @JsonIgnore
    public Map<String, String> trainingEnvironmentOptions() {
        return provenance == null || provenance.training() == null ? Map.of() : provenance.training().environmentOptions();
    }

    /**
     * What the network reads: uint8 frames, NHWC, scaled by 1/255.
     *
     * @param height   pixels
     * @param width    pixels
     * @param channels colour channels (RGB)
     * @param dtype    {@code uint8}
     * @param layout   {@code NHWC}
     * @param scale    multiplier applied before the network, {@code 1/255}
     */
    public record ObservationSpec(int height, int width, int channels, String dtype, String layout, double scale) {
        /** The spec every network here uses, for this size. */
        public static ObservationSpec uint8(int height, int width, int channels) {
            return new ObservationSpec(height, width, channels, "uint8", "NHWC", 1.0 / 255);
        }
    }

    /**
     * The weights file of a bundle.
     *
     * @param file       file name inside the bundle, {@code weights.npz}
     * @param sha256     its hash, lower-case hex
     * @param bytes      its size
     * @param tensors    number of arrays
     * @param parameters number of scalars
     */
    public record WeightsInfo(String file, String sha256, long bytes, int tensors, long parameters) {
    }
}
