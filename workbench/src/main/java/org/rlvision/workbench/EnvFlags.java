package org.rlvision.workbench;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import picocli.CommandLine.Option;

/**
 * The environment options shared by the {@code env} commands and {@code record}, in Procgen's
 * terms. Left out, a flag takes Procgen's default, or, for a command that plays a model, the
 * value the model was trained with ({@link #options(int, int, int, EnvOptions)}).
 */
public final class EnvFlags {
    @Option(names = "--mode", paramLabel = "easy|hard",
            description = "Procgen distribution_mode (default: hard; when a model plays, the mode it was trained on).")
    String mode;

    @Option(names = "--paint-vel-info", negatable = true,
            description = "Draw (--no-paint-vel-info: do not draw) the two velocity squares, Procgen's paint_vel_info "
                    + "(default: off; when a model plays, as it was trained).")
    Boolean paintVelInfo;

    @Option(names = "--no-center-agent", description = "Show the whole 64x64 world instead of following the agent.")
    boolean noCenterAgent;

    /** The distribution mode (hard when not given), or a user error naming the valid values. */
    public DistributionMode mode() {
        return mode == null ? DistributionMode.HARD : parseMode("--mode", mode);
    }

    /** Whether to draw the velocity squares (off when not given). */
    public boolean paintVelInfo() {
        return Boolean.TRUE.equals(paintVelInfo);
    }

    /** Parses a distribution mode given to {@code option}, or fails with one sentence naming both. */
    static DistributionMode parseMode(String option, String value) {
        try {
            return DistributionMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + " " + value + " is not supported; use easy or hard");
        }
    }

    /** Builds options for the given level range and rand_seed, with Procgen's defaults for flags left out. */
    public EnvOptions options(int startLevel, int numLevels, int randSeed) {
        return EnvOptions.builder().optDistributionMode(mode()).optPaintVelInfo(paintVelInfo())
                .optCenterAgent(!noCenterAgent).optStartLevel(startLevel).optNumLevels(numLevels)
                .optRandSeed(randSeed).build();
    }

    /**
     * Builds options for a model to play: {@code --mode} and {@code --[no-]paint-vel-info} default to
     * the model's training environment {@code trained}.
     */
    public EnvOptions options(int startLevel, int numLevels, int randSeed, EnvOptions trained) {
        DistributionMode m = mode == null ? trained.distributionMode() : parseMode("--mode", mode);
        boolean vel = paintVelInfo == null ? trained.paintVelInfo() : paintVelInfo;
        return EnvOptions.builder().optDistributionMode(m).optPaintVelInfo(vel)
                .optCenterAgent(!noCenterAgent).optStartLevel(startLevel).optNumLevels(numLevels)
                .optRandSeed(randSeed).build();
    }
}
