package org.rlvision.agent.net;

import java.util.List;
import org.rlvision.env.EnvSpec;

/**
 * The architecture and hyper-parameters of an actor-critic network: enough to rebuild it.
 *
 * <p>Input is an observation of {@code height×width×channels} uint8 pixels; output is
 * {@code numActions} policy logits and one value.
 *
 * @param architecture which network family
 * @param height       observation height in pixels
 * @param width        observation width in pixels
 * @param channels     observation colour channels
 * @param numActions   number of policy logits (15 for Procgen)
 * @param convChannels output channels of the conv layers ({@code 1a 2a 2b 3a 4a}) or of the
 *                     IMPALA stacks
 * @param denseUnits   units of the hidden dense layers ({@code fc1 fc2 …})
 */
public record NetworkConfig(
        Architecture architecture,
        int height,
        int width,
        int channels,
        int numActions,
        List<Integer> convChannels,
        List<Integer> denseUnits) {

    /** Validates the sizes; the clear CNN needs 5 conv layers and a size divisible by 16. */
    public NetworkConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is missing; use clear-cnn or impala-cnn");
        }
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "observation shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (numActions <= 0) {
            throw new IllegalArgumentException("numActions must be positive, got " + numActions);
        }
        convChannels = List.copyOf(convChannels);
        denseUnits = List.copyOf(denseUnits);
        if (convChannels.stream().anyMatch(c -> c <= 0) || denseUnits.stream().anyMatch(u -> u <= 0)) {
            throw new IllegalArgumentException(
                    "channel and unit counts must be positive, got conv " + convChannels + " dense " + denseUnits);
        }
        if (architecture == Architecture.CLEAR_CNN) {
            if (convChannels.size() != 5) {
                throw new IllegalArgumentException(
                        "clear-cnn has 5 conv layers (1a 2a 2b 3a 4a), got convChannels " + convChannels);
            }
            if (height % 16 != 0 || width % 16 != 0) {
                throw new IllegalArgumentException(
                        "clear-cnn pools 4 times, so height and width must be multiples of 16, got "
                                + height + "x" + width);
            }
        }
        if (convChannels.isEmpty() || denseUnits.isEmpty()) {
            throw new IllegalArgumentException(
                    "a network needs at least one conv layer and one dense layer, got conv "
                            + convChannels + " dense " + denseUnits);
        }
    }

    /** The Hilton et al. network for this spec: conv 16, 32, 32, 32, 32; dense 256, 512. */
    public static NetworkConfig clearCnn(EnvSpec spec) {
        return new NetworkConfig(Architecture.CLEAR_CNN, spec.height(), spec.width(), spec.channels(),
                spec.numActions(), List.of(16, 32, 32, 32, 32), List.of(256, 512));
    }

    /** The IMPALA CNN for this spec: stacks of 16, 32, 32 channels; dense 256. */
    public static NetworkConfig impalaCnn(EnvSpec spec) {
        return new NetworkConfig(Architecture.IMPALA_CNN, spec.height(), spec.width(), spec.channels(),
                spec.numActions(), List.of(16, 32, 32), List.of(256));
    }

    /** The default network of an architecture for Procgen's 64×64×3 observations and 15 actions. */
    public static NetworkConfig procgen(Architecture architecture) {
        EnvSpec spec = EnvSpec.procgen();
        return architecture == Architecture.CLEAR_CNN ? clearCnn(spec) : impalaCnn(spec);
    }

    /** Bytes in one uint8 observation, {@code height*width*channels}. */
    public int observationBytes() {
        return height * width * channels;
    }
}
