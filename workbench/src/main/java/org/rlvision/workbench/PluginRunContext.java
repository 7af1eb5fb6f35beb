package org.rlvision.workbench;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.StandaloneContext;
import org.rlvision.trajectories.Run;

/**
 * The context a plugin sees when the workbench runs it ({@code rlvision run}, {@code rlvision demo}):
 * the SPI's {@link StandaloneContext} with the workbench's progress display and messages prefixed
 * by the plugin's id.
 */
final class PluginRunContext {
    private PluginRunContext() {
    }

    /**
     * Builds the context.
     *
     * @param options parsed options
     * @param bundle  the model, or null
     * @param run     the recorded run, or null
     * @param dir     the output folder
     * @param seed    {@code --seed}
     * @param quiet   true to keep progress off standard error (with {@code --json})
     * @param err     where messages go
     * @param id      the plugin's id, prefixed to progress and messages
     */
    static PluginContext of(PluginOptions options, ModelBundle bundle, Run run, Path dir, long seed, boolean quiet,
                            PrintWriter err, String id) {
        return StandaloneContext.builder(options)
                .agent(bundle == null ? null : bundle.agent())
                .modelCard(bundle == null ? null : bundle.card())
                .trajectories(run)
                .outputDir(dir)
                .seed(seed)
                .progress((task, total) -> new Progress(id + ": " + task, total, System.err, quiet)::advance)
                .log(new PluginContext.PluginLog() {
                    @Override
                    public void info(String message) {
                        err.println(id + ": " + message);
                    }

                    @Override
                    public void warn(String message) {
                        err.println(id + ": warning: " + message);
                    }
                })
                .build();
    }
}
