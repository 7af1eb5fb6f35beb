package org.rlvision.env;

import java.util.List;

/**
 * What an environment produces and accepts: observation shape (NHWC, uint8 RGB) and the
 * named discrete actions.
 *
 * @param height   observation height in pixels (64)
 * @param width    observation width in pixels (64)
 * @param channels colour channels (3, RGB)
 * @param actions  the action names in index order
 */
public record EnvSpec(int height, int width, int channels, List<String> actions) {
    /** Validates and copies the record. */
    public EnvSpec {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("observation shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        actions = List.copyOf(actions);
    }

    /** The Procgen spec: 64×64×3 observations and the 15 Procgen actions. */
    public static EnvSpec procgen() {
        String[] names = new String[Action.COUNT];
        for (Action a : Action.values()) {
            names[a.ordinal()] = a.label();
        }
        return new EnvSpec(64, 64, 3, List.of(names));
    }

    /** Bytes in one observation, {@code height*width*channels}. */
    public int observationBytes() {
        return height * width * channels;
    }

    /** Number of discrete actions. */
    public int numActions() {
        return actions.size();
    }
}
