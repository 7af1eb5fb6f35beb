package org.rlvision.workbench;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import picocli.CommandLine.Option;

/** The environment options shared by the {@code env} commands, in Procgen's terms. */
public final class EnvFlags {
    @Option(names = "--mode", paramLabel = "easy|hard", defaultValue = "hard",
            description = "Procgen distribution_mode (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--paint-vel-info", description = "Draw the two velocity squares (Procgen's paint_vel_info).")
    boolean paintVelInfo;

    @Option(names = "--no-center-agent", description = "Show the whole 64x64 world instead of following the agent.")
    boolean noCenterAgent;

    /** The distribution mode, or a user error naming the valid values. */
    public DistributionMode mode() {
        return parseMode("--mode", mode);
    }

    /** Parses a distribution mode given to {@code option}, or fails with one sentence naming both. */
    static DistributionMode parseMode(String option, String value) {
        try {
            return DistributionMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + " " + value + " is not supported; use easy or hard");
        }
    }

    /** Builds options for the given level range and rand_seed. */
    public EnvOptions options(int startLevel, int numLevels, int randSeed) {
        return EnvOptions.builder().optDistributionMode(mode()).optPaintVelInfo(paintVelInfo)
                .optCenterAgent(!noCenterAgent).optStartLevel(startLevel).optNumLevels(numLevels)
                .optRandSeed(randSeed).build();
    }
}
