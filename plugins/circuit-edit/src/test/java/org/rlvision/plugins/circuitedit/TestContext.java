package org.rlvision.plugins.circuitedit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.StandaloneContext;

/**
 * The SPI's standalone context as the workbench builds one: options parsed against the plugin's
 * specs (defaults filled in), a real agent and card, a real output folder; messages are kept.
 */
final class TestContext extends StandaloneContext {
    final List<String> messages;

    TestContext(Map<String, String> opts, Agent agent, ModelCard card, Path dir, long seed) {
        this(new ArrayList<>(), opts, agent, card, dir, seed);
    }

    private TestContext(List<String> messages, Map<String, String> opts, Agent agent, ModelCard card, Path dir, long seed) {
        super(StandaloneContext.builder(new CircuitEditPlugin(), opts).agent(agent).modelCard(card).outputDir(dir).seed(seed)
                .log(new PluginContext.PluginLog() {
                    @Override
                    public void info(String message) {
                        messages.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        messages.add("warning: " + message);
                    }
                }));
        this.messages = messages;
    }
}
