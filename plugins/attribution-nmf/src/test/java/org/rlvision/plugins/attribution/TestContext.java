package org.rlvision.plugins.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlvision.agent.Agent;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.StandaloneContext;
import org.rlvision.plugin.WorkbenchPlugin;
import org.rlvision.trajectories.Run;

/** The SPI's standalone context over a real agent and a real recorded run, keeping the plugin's log lines. */
final class TestContext extends StandaloneContext {
    final List<String> log;

    TestContext(WorkbenchPlugin plugin, Map<String, String> given, Agent agent, Run run, Path dir, long seed) {
        this(new ArrayList<>(), plugin, given, agent, run, dir, seed);
    }

    private TestContext(List<String> log, WorkbenchPlugin plugin, Map<String, String> given, Agent agent, Run run,
                        Path dir, long seed) {
        super(StandaloneContext.builder(plugin, given).agent(agent).trajectories(run).outputDir(dir).seed(seed)
                .log(keeping(log)));
        this.log = log;
    }

    static PluginContext.PluginLog keeping(List<String> lines) {
        return new PluginContext.PluginLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("warning: " + message);
            }
        };
    }
}
