package org.rlvision.plugins.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.WorkbenchPlugin;
import org.rlvision.trajectories.Run;

/** A plugin context over a real agent and a real recorded run, as the workbench builds one; it keeps the log. */
final class TestContext implements PluginContext {
    private final PluginOptions options;
    private final Agent agent;
    private final Run run;
    private final Path dir;
    private final long seed;
    final List<String> log = new ArrayList<>();

    TestContext(WorkbenchPlugin plugin, Map<String, String> given, Agent agent, Run run, Path dir, long seed) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (OptionSpec o : plugin.options()) {
            values.put(o.name(), o.type().parse(given.getOrDefault(o.name(), o.defaultValue()), o.name()));
        }
        this.options = new PluginOptions(values);
        this.agent = agent;
        this.run = run;
        this.dir = dir;
        this.seed = seed;
    }

    @Override
    public PluginOptions options() {
        return options;
    }

    @Override
    public Agent agent() {
        return agent;
    }

    @Override
    public boolean hasAgent() {
        return true;
    }

    @Override
    public Run trajectories() {
        return run;
    }

    @Override
    public boolean hasTrajectories() {
        return true;
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
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add("warning: " + message);
            }
        };
    }
}
