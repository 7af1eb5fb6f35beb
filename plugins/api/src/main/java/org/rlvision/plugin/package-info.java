/**
 * The plugin SPI: implement {@link org.rlvision.plugin.WorkbenchPlugin}, list the class in
 * {@code META-INF/services/org.rlvision.plugin.WorkbenchPlugin}, compile against this artifact
 * (scope {@code provided}: never bundle {@code org/rlvision/**} classes in the plugin jar) and
 * drop the jar into a folder given with {@code --plugin-path}.
 *
 * <p>The SPI's own types are {@code WorkbenchPlugin}, {@code PluginContext}, {@code PluginOptions},
 * {@code OptionSpec}, {@code OptionType}, {@code Report} and {@code PluginException}. Through the
 * context a plugin also sees the public APIs of the agent ({@code org.rlvision.agent}), recorded
 * trajectories ({@code org.rlvision.trajectories}) and environments ({@code org.rlvision.env}),
 * which come with this artifact as dependencies; nothing of the workbench (CLI) is visible.
 *
 * <p>Files that one plugin writes and another reads have their format here, once:
 * {@link org.rlvision.plugin.nmf.NmfFactorsFile} ({@code factors.json}, written by
 * {@code attribution-nmf}, read by {@code circuit-edit}).
 */
package org.rlvision.plugin;
