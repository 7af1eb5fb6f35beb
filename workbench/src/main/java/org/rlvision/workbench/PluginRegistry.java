package org.rlvision.workbench;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.WorkbenchPlugin;

/**
 * Finds plugins with {@link ServiceLoader}: on the application classpath, and in every jar on the
 * plugin path (a jar, or a folder whose {@code *.jar} files are all loaded), each jar in its own
 * {@link URLClassLoader} whose parent is the application loader, so SPI types come from the host.
 * A jar that bundles {@code org/rlvision/**} classes, has no service entry, or whose plugin fails
 * to load is reported as a problem and skipped; a duplicate id is reported naming both sources.
 * One broken plugin never hides the others.
 */
final class PluginRegistry {
    static final String SERVICE = "META-INF/services/" + WorkbenchPlugin.class.getName();

    /**
     * A discovered plugin.
     *
     * @param plugin  the instance
     * @param source  {@code classpath} or the jar's path
     * @param sha256  the jar's sha256, or null on the classpath
     * @param loader  the class loader it came from
     * @param options its declared options
     */
    record Found(WorkbenchPlugin plugin, String source, String sha256, ClassLoader loader, List<OptionSpec> options) {
    }

    private final Map<String, List<Found>> byId = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry() {
    }

    /** Discovers the plugins on the classpath and on these plugin-path entries. */
    static PluginRegistry discover(List<Path> pluginPath) {
        PluginRegistry r = new PluginRegistry();
        ClassLoader app = PluginRegistry.class.getClassLoader();
        r.load(ServiceLoader.load(WorkbenchPlugin.class, app), app, "classpath", null, true);
        for (Path entry : pluginPath) {
            for (Path jar : r.jars(entry)) {
                r.loadJar(jar, app);
            }
        }
        for (Map.Entry<String, List<Found>> e : r.byId.entrySet()) {
            if (e.getValue().size() > 1) {
                r.problems.add("plugin id '" + e.getKey() + "' is provided by both " + e.getValue().get(0).source() + " and "
                        + e.getValue().get(1).source() + "; remove one of them (neither will run until then)");
            }
        }
        return r;
    }

    private List<Path> jars(Path entry) {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> s = Files.list(entry)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                problems.add("cannot list plugin folder " + entry + " (" + e.getMessage() + ")");
                return List.of();
            }
        }
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            return List.of(entry);
        }
        problems.add("--plugin-path " + entry + " is neither a folder nor a .jar file; give a folder of plugin jars");
        return List.of();
    }

    private void loadJar(Path jar, ClassLoader app) {
        String sha;
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry(SERVICE) == null) {
                problems.add(jar + " has no " + SERVICE + "; list the plugin class there (one fully qualified name per line)");
                return;
            }
            Enumeration<JarEntry> entries = jf.entries();
            while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (n.startsWith("org/rlvision/") && !n.equals("org/rlvision/")) {
                    problems.add("refusing " + jar + ": it bundles " + n + "; plugins must not contain org/rlvision classes "
                            + "(depend on rlvision-plugin-api with scope provided)");
                    return;
                }
            }
            sha = ModelBundle.sha256(jar);
        } catch (IOException e) {
            problems.add(jar + " is not a readable jar (" + e.getMessage() + ")");
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, app);
        } catch (MalformedURLException e) {
            problems.add("cannot load " + jar + " (" + e.getMessage() + ")");
            return;
        }
        int before = count();
        load(ServiceLoader.load(WorkbenchPlugin.class, loader), loader, jar.toString(), sha, false);
        if (count() == before && problems.stream().noneMatch(p -> p.contains(jar.toString()))) {
            problems.add(jar + " lists no loadable plugin in " + SERVICE);
        }
    }

    private int count() {
        return byId.values().stream().mapToInt(List::size).sum();
    }

    private void load(ServiceLoader<WorkbenchPlugin> sl, ClassLoader loader, String source, String sha, boolean classpath) {
        var it = sl.stream().iterator();
        while (true) {
            ServiceLoader.Provider<WorkbenchPlugin> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a plugin in " + source + " cannot be loaded: " + rootMessage(e));
                continue;
            }
            try {
                if (!classpath && p.type().getClassLoader() != loader) {
                    continue; // a provider the parent (classpath) already supplies
                }
                WorkbenchPlugin plugin = p.get();
                String id = plugin.id();
                if (plugin.apiVersion() > WorkbenchPlugin.API_VERSION) {
                    problems.add("plugin '" + id + "' in " + source + " needs plugin API version " + plugin.apiVersion()
                            + " but this workbench has " + WorkbenchPlugin.API_VERSION + "; update the workbench");
                    continue;
                }
                plugin.description();
                List<OptionSpec> options = List.copyOf(plugin.options());
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new Found(plugin, source, sha, loader, options));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add("a plugin in " + source + " cannot be loaded: " + rootMessage(e));
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getMessage() + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }

    /** Every plugin found, in discovery order (duplicates included). */
    List<Found> all() {
        return byId.values().stream().flatMap(List::stream).toList();
    }

    /** What went wrong during discovery, one sentence each. */
    List<String> problems() {
        return problems;
    }

    /**
     * The plugin with this id.
     *
     * @throws UserException if none or several have it
     */
    Found require(String id) {
        List<Found> f = byId.get(id);
        if (f == null) {
            throw new UserException("no plugin '" + id + "'; known: " + String.join(", ", byId.keySet())
                    + " (add --plugin-path DIR for plugins in jars; rlvision plugins lists them)");
        }
        if (f.size() > 1) {
            throw new UserException("plugin id '" + id + "' is provided by both " + f.get(0).source() + " and "
                    + f.get(1).source() + "; remove one of them");
        }
        return f.get(0);
    }
}
