package org.rlvision.plugin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.trajectories.Run;

/**
 * A {@link PluginContext} assembled from parts, for running a plugin outside the command line: in
 * a plugin's own tests, a notebook or another program. The workbench builds its contexts with it
 * too. Environments are the embedded Java CoinRun (override {@link #environment} for others).
 *
 * <pre>{@code
 * PluginContext ctx = StandaloneContext.builder(plugin, Map.of("bins", "8"))
 *         .agent(agent).trajectories(run).outputDir(dir).seed(7).build();
 * Report r = plugin.run(ctx);
 * }</pre>
 */
public class StandaloneContext implements PluginContext {
    /** Makes a progress reporter for a named task of {@code total} units. */
    @FunctionalInterface
    public interface ProgressFactory {
        /** Starts reporting {@code task}. */
        ProgressReporter start(String task, long total);
    }

    private final PluginOptions options;
    private final Agent agent;
    private final ModelCard card;
    private final Run run;
    private final Path dir;
    private final long seed;
    private final SplittableRandom random;
    private final ProgressFactory progress;
    private final PluginLog log;

    /** A context from a builder's parts; subclasses may override, e.g., {@link #environment}. */
    protected StandaloneContext(Builder b) {
        this.options = b.options;
        this.agent = b.agent;
        this.card = b.card;
        this.run = b.run;
        this.dir = Objects.requireNonNull(b.dir, "outputDir");
        this.seed = b.seed;
        this.random = new SplittableRandom(b.seed);
        this.progress = b.progress;
        this.log = b.log;
    }

    /**
     * A builder whose options are {@code given} parsed against {@code plugin}'s declared options,
     * with the declared defaults for the rest.
     *
     * @throws PluginException naming an option the plugin does not declare, a bad value, or a
     *                         required option that is missing
     */
    public static Builder builder(WorkbenchPlugin plugin, Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec o : plugin.options()) {
            String text = given.containsKey(o.name()) ? given.get(o.name()) : o.defaultValue();
            if (text == null) {
                throw new PluginException("plugin '" + plugin.id() + "' needs the option " + o.name() + " (" + o.help() + ")");
            }
            values.put(o.name(), o.type().parse(text, o.name()));
        }
        for (String name : given.keySet()) {
            if (!values.containsKey(name)) {
                throw new PluginException("plugin '" + plugin.id() + "' has no option '" + name + "'; its options are "
                        + String.join(", ", values.keySet()));
            }
        }
        return new Builder(new PluginOptions(values));
    }

    /** A builder with options already parsed. */
    public static Builder builder(PluginOptions options) {
        return new Builder(options);
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
        return progress.start(task, total);
    }

    @Override
    public PluginLog log() {
        return log;
    }

    /** Collects the parts of a {@link StandaloneContext}; only the output folder is required. */
    public static final class Builder {
        private final PluginOptions options;
        private Agent agent;
        private ModelCard card;
        private Run run;
        private Path dir;
        private long seed;
        private ProgressFactory progress = (task, total) -> n -> { };
        private PluginLog log = new PluginLog() {
            @Override
            public void info(String message) {
                System.err.println(message);
            }

            @Override
            public void warn(String message) {
                System.err.println("warning: " + message);
            }
        };

        private Builder(PluginOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The agent the plugin analyses (none by default). */
        public Builder agent(Agent a) {
            this.agent = a;
            return this;
        }

        /** The agent's model card, e.g. for its training environment (none by default). */
        public Builder modelCard(ModelCard c) {
            this.card = c;
            return this;
        }

        /** The recorded run (none by default). */
        public Builder trajectories(Run r) {
            this.run = r;
            return this;
        }

        /** The folder the plugin writes into (required). */
        public Builder outputDir(Path d) {
            this.dir = d;
            return this;
        }

        /** The seed of {@link PluginContext#random()} (0 by default). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Where progress goes (nowhere by default). */
        public Builder progress(ProgressFactory p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /** Where messages go (standard error by default). */
        public Builder log(PluginLog l) {
            this.log = Objects.requireNonNull(l, "log");
            return this;
        }

        /** The context. */
        public StandaloneContext build() {
            return new StandaloneContext(this);
        }
    }
}
