package org.rlvision.plugin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.trajectories.Run;

/**
 * What a running plugin gets from the workbench: its options, the loaded agent, recorded
 * trajectories, environments, an output folder, a seeded random generator, progress and a log.
 * Everything here is owned by the workbench, which closes it after {@link WorkbenchPlugin#run}
 * returns; environments from {@link #environment} are the plugin's to close.
 */
public interface PluginContext {
    /** The option values, parsed and checked against {@link WorkbenchPlugin#options()}. */
    PluginOptions options();

    /**
     * The agent given with {@code --model}.
     *
     * @throws PluginException if the command line has no {@code --model}
     */
    Agent agent();

    /** True if a model was given. */
    boolean hasAgent();

    /**
     * The card ({@code model.json}) of the model given with {@code --model}: architecture and
     * provenance, including the environment options it was trained with ({@code distribution_mode},
     * {@code paint_vel_info}, …). Empty without a model, or where the host does not provide it.
     */
    default Optional<ModelCard> modelCard() {
        return Optional.empty();
    }

    /**
     * The recorded run given with {@code --run}.
     *
     * @throws PluginException if the command line has no {@code --run}
     */
    Run trajectories();

    /** True if a run was given. */
    boolean hasTrajectories();

    /**
     * Creates environments (the embedded Java CoinRun).
     *
     * @param numEnvs number of environments (≥ 1)
     * @param options Procgen-style options
     */
    VecEnv environment(int numEnvs, EnvOptions options);

    /** The folder this run writes into ({@code out/<id>/<timestamp>/}); it exists and is empty. */
    Path outputDir();

    /** The run's seed ({@code --seed}). */
    long seed();

    /** A random generator seeded from {@link #seed()}; the same seed gives the same sequence. */
    SplittableRandom random();

    /**
     * Starts reporting progress of a long step: shown with a rate and an ETA.
     *
     * @param task  what is being done, e.g. {@code evaluating}
     * @param total number of units
     */
    ProgressReporter progress(String task, long total);

    /** Messages for the user (stderr, and the run's log). */
    PluginLog log();

    /** Progress of one task. */
    interface ProgressReporter {
        /** Records {@code n} more units done. */
        void advance(long n);
    }

    /** A plugin's messages to the user. */
    interface PluginLog {
        /** An informational line. */
        void info(String message);

        /** Something the user should look at. */
        void warn(String message);
    }
}
