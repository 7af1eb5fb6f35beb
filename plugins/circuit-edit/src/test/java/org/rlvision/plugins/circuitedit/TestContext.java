package org.rlvision.plugins.circuitedit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.trajectories.Run;

/**
 * A plugin context for tests, built like the workbench's: options parsed against the plugin's
 * specs (defaults filled in), a real agent and card, a real output folder; messages are kept.
 */
final class TestContext implements PluginContext {
    final List<String> messages = new ArrayList<>();
    private final PluginOptions options;
    private final Agent agent;
    private final ModelCard card;
    private final Path dir;
    private final long seed;

    TestContext(Map<String, String> opts, Agent agent, ModelCard card, Path dir, long seed) {
        Map<String, Object> values = new HashMap<>();
        for (OptionSpec s : new CircuitEditPlugin().options()) {
            String v = opts.getOrDefault(s.name(), s.defaultValue());
            values.put(s.name(), s.type().parse(v, s.name()));
        }
        for (String k : opts.keySet()) {
            if (!values.containsKey(k)) {
                throw new IllegalArgumentException("the plugin has no option " + k);
            }
        }
        this.options = new PluginOptions(values);
        this.agent = agent;
        this.card = card;
        this.dir = dir;
        this.seed = seed;
    }

    @Override
    public PluginOptions options() {
        return options;
    }

    @Override
    public Agent agent() {
        if (agent == null) {
            throw new PluginException("this plugin needs a model; pass --model DIR");
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
        throw new PluginException("no run in tests");
    }

    @Override
    public boolean hasTrajectories() {
        return false;
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
        return new SplittableRandom(seed);
    }

    @Override
    public ProgressReporter progress(String task, long total) {
        return n -> { };
    }

    @Override
    public PluginLog log() {
        return new PluginLog() {
            @Override
            public void info(String message) {
                messages.add(message);
            }

            @Override
            public void warn(String message) {
                messages.add("warning: " + message);
            }
        };
    }
}
