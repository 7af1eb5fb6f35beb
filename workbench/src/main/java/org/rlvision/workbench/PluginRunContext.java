package org.rlvision.workbench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.trajectories.Run;

/** The context a plugin sees when the workbench runs it ({@code rlvision run}, {@code rlvision demo}). */
final class PluginRunContext implements PluginContext {
    private final PluginOptions options;
    private final Agent agent;
    private final Run run;
    private final Path dir;
    private final long seed;
    private final SplittableRandom random;
    private final boolean quiet;
    private final PrintWriter err;
    private final String id;
    private final ModelCard card;

    PluginRunContext(PluginOptions options, Agent agent, Run run, Path dir, long seed, boolean quiet, PrintWriter err, String id) {
        this(options, agent, null, run, dir, seed, quiet, err, id);
    }

    PluginRunContext(PluginOptions options, Agent agent, ModelCard card, Run run, Path dir, long seed, boolean quiet,
                     PrintWriter err, String id) {
        this.card = card;
        this.options = options;
        this.agent = agent;
        this.run = run;
        this.dir = dir;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.quiet = quiet;
        this.err = err;
        this.id = id;
    }

    @Override
    public PluginOptions options() {
        return options;
    }

    @Override
    public Agent agent() {
        if (agent == null) {
            throw new PluginException("this plugin needs a model; pass --model DIR (rlvision model init makes one)");
        }
        return agent;
    }

    @Override
    public boolean hasAgent() {
        return agent != null;
    }

    @Override
    public Optional<ModelCard> modelCard() {
        return Optional.ofNullable(card);
    }

    @Override
    public Run trajectories() {
        if (run == null) {
            throw new PluginException("this plugin needs recorded trajectories; pass --run DIR (rlvision record makes one)");
        }
        return run;
    }

    @Override
    public boolean hasTrajectories() {
        return run != null;
    }

    @Override
    public VecEnv environment(int numEnvs, EnvOptions envOptions) {
        return CoinRunVecEnv.create(numEnvs, envOptions);
    }

    @Override
    public Path outputDir() {
        return dir;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public SplittableRandom random() {
        return random;
    }

    @Override
    public ProgressReporter progress(String task, long total) {
        Progress p = new Progress(id + ": " + task, total, System.err, quiet);
        return p::advance;
    }

    @Override
    public PluginLog log() {
        return new PluginLog() {
            @Override
            public void info(String message) {
                err.println(id + ": " + message);
            }

            @Override
            public void warn(String message) {
                err.println(id + ": warning: " + message);
            }
        };
    }
}
