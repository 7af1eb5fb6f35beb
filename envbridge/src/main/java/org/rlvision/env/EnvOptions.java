package org.rlvision.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Environment options, named as Procgen names them ({@code num_levels}, {@code start_level},
 * {@code distribution_mode}, {@code paint_vel_info}, {@code center_agent},
 * {@code use_sequential_levels}, {@code rand_seed}), with Procgen's defaults.
 *
 * @param numLevels           {@code num_levels}: 0 means unlimited (seeds drawn from [0, 2³¹−1))
 * @param startLevel          {@code start_level}: first seed of the range when {@code numLevels > 0}
 * @param distributionMode    {@code distribution_mode}: easy or hard
 * @param paintVelInfo        {@code paint_vel_info}: draw the two velocity squares at the top left
 * @param centerAgent         {@code center_agent}: camera follows the agent (13 cells across)
 * @param useSequentialLevels {@code use_sequential_levels}: after a completed level go on to seed+997
 * @param randSeed            {@code rand_seed}: seeds the per-environment level-seed generators
 */
public record EnvOptions(int numLevels, int startLevel, DistributionMode distributionMode, boolean paintVelInfo,
                         boolean centerAgent, boolean useSequentialLevels, int randSeed) {

    /** Validates the options, naming the bad field. */
    public EnvOptions {
        Objects.requireNonNull(distributionMode, "distribution_mode");
        if (numLevels < 0) {
            throw new IllegalArgumentException("num_levels must be >= 0 (0 = unlimited), got " + numLevels);
        }
        if (startLevel < 0) {
            throw new IllegalArgumentException("start_level must be >= 0, got " + startLevel);
        }
        if (numLevels > 0 && (long) startLevel + numLevels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("start_level + num_levels must stay below 2^31, got "
                    + startLevel + " + " + numLevels);
        }
    }

    /** Procgen's defaults: unlimited levels, hard mode, no velocity info, agent-centred camera, seed 0. */
    public static EnvOptions defaults() {
        return builder().build();
    }

    /** A builder starting from Procgen's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().optNumLevels(numLevels).optStartLevel(startLevel).optDistributionMode(distributionMode)
                .optPaintVelInfo(paintVelInfo).optCenterAgent(centerAgent)
                .optUseSequentialLevels(useSequentialLevels).optRandSeed(randSeed);
    }

    /** The options as Procgen's keyword arguments, in Procgen's names (for provenance and the bridge). */
    public Map<String, Object> toProcgenKwargs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_levels", numLevels);
        m.put("start_level", startLevel);
        m.put("distribution_mode", distributionMode.procgenName());
        m.put("paint_vel_info", paintVelInfo);
        m.put("center_agent", centerAgent);
        m.put("use_sequential_levels", useSequentialLevels);
        m.put("rand_seed", randSeed);
        return m;
    }

    /** Builder for {@link EnvOptions}; every option is optional and defaults to Procgen's value. */
    public static final class Builder {
        private int numLevels = 0;
        private int startLevel = 0;
        private DistributionMode distributionMode = DistributionMode.HARD;
        private boolean paintVelInfo = false;
        private boolean centerAgent = true;
        private boolean useSequentialLevels = false;
        private int randSeed = 0;

        private Builder() {
        }

        /** Sets {@code num_levels}. */
        public Builder optNumLevels(int v) {
            numLevels = v;
            return this;
        }

        /** Sets {@code start_level}. */
        public Builder optStartLevel(int v) {
            startLevel = v;
            return this;
        }

        /** Sets {@code distribution_mode}. */
        public Builder optDistributionMode(DistributionMode v) {
            distributionMode = v;
            return this;
        }

        /** Sets {@code paint_vel_info}. */
        public Builder optPaintVelInfo(boolean v) {
            paintVelInfo = v;
            return this;
        }

        /** Sets {@code center_agent}. */
        public Builder optCenterAgent(boolean v) {
            centerAgent = v;
            return this;
        }

        /** Sets {@code use_sequential_levels}. */
        public Builder optUseSequentialLevels(boolean v) {
            useSequentialLevels = v;
            return this;
        }

        /** Sets {@code rand_seed}. */
        public Builder optRandSeed(int v) {
            randSeed = v;
            return this;
        }

        /** Restricts play to the single level {@code seed} ({@code num_levels=1, start_level=seed}). */
        public Builder optSingleLevel(int seed) {
            numLevels = 1;
            startLevel = seed;
            return this;
        }

        /** Builds and validates the options. */
        public EnvOptions build() {
            return new EnvOptions(numLevels, startLevel, distributionMode, paintVelInfo, centerAgent,
                    useSequentialLevels, randSeed);
        }
    }
}
