package org.rlvision.plugin;

import java.util.List;

/**
 * An analysis the workbench can run: found with {@link java.util.ServiceLoader} on the classpath
 * or in a jar on {@code --plugin-path} (list the class in
 * {@code META-INF/services/org.rlvision.plugin.WorkbenchPlugin}), listed by {@code rlvision plugins}
 * and run by {@code rlvision run <id> --opt name=value …}.
 *
 * <p>A plugin needs a public no-argument constructor. {@link #id()}, {@link #description()} and
 * {@link #options()} must be cheap and must not fail: they are called when listing. The SPI grows
 * only by default methods; a breaking change bumps {@link #API_VERSION}.
 */
public interface WorkbenchPlugin {
    /** The SPI version this interface describes; a plugin built against a newer one is refused. */
    int API_VERSION = 1;

    /** Unique id, lower-case letters, digits and dashes, e.g. {@code value-histogram}. */
    String id();

    /** One sentence saying what the plugin computes. */
    String description();

    /** The plugin's version; by default its jar's {@code Implementation-Version}, else {@code unversioned}. */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    /** The SPI version the plugin was compiled against (the constant is inlined at compile time). */
    default int apiVersion() {
        return API_VERSION;
    }

    /** The options the plugin accepts, with types, defaults and help. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Runs the analysis: reads what it needs from the context, writes its files into
     * {@link PluginContext#outputDir()} and describes them in the report.
     *
     * @throws PluginException with one sentence for a problem the user can fix (a missing run, a bad option)
     * @throws Exception       for anything else; the workbench reports it with the plugin's id
     */
    Report run(PluginContext context) throws Exception;
}
