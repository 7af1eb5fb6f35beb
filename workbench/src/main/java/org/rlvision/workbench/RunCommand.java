package org.rlvision.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.Report;
import org.rlvision.trajectories.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rlvision run <id> --opt k=v …}: runs one plugin and writes its report under
 * {@code out/<id>/<timestamp>/}: the plugin's files, {@code report.json} and {@code index.html}.
 * A plugin that throws is reported with its id and cause (exit status 1), and the failure is saved
 * in {@code report.json}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plugin; its report goes to OUT/<id>/<timestamp>/ (index.html, report.json, the plugin's files).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Plugin id (rlvision plugins lists them).")
    String id;

    @Option(names = "--opt", paramLabel = "NAME=VALUE", description = "A plugin option (repeatable).")
    Map<String, String> opts = new LinkedHashMap<>();

    @Option(names = "--model", paramLabel = "DIR", description = "Model bundle handed to the plugin (default: the shipped models/coinrun-default when present).")
    Path model;

    @Option(names = "--run", paramLabel = "DIR", description = "Recorded run handed to the plugin.")
    Path runDir;

    @Option(names = "--plugin-path", paramLabel = "DIR|JAR", split = ",", description = "Folders of plugin jars, or jars.")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = "--out", defaultValue = "out", description = "Report root (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the plugin's random generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print report.json instead of a summary.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PluginRegistry reg = PluginRegistry.discover(pluginPath);
        PluginRegistry.Found found = reg.require(id);
        PluginOptions options = parseOptions(id, found.options(), opts);
        if (model == null && Files.isDirectory(Models.defaultModel())) {
            model = Models.defaultModel();
        }
        Run run = null;
        if (runDir != null) {
            try {
                run = Run.open(runDir);
            } catch (IOException e) {
                throw new UserException(e.getMessage(), e);
            }
        }
        Path dir = outputDir();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("plugin", id);
        report.put("version", found.plugin().version());
        report.put("source", found.source());
        report.put("sha256", found.sha256());
        report.put("options", stringValues(options));
        report.put("seed", seed);
        report.put("model", model == null ? null : model.toString());
        report.put("run", runDir == null ? null : runDir.toString());
        Report result = null;
        String failure = null;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (ModelBundle bundle = model == null ? null : Models.load(model)) {
            PluginContext ctx = PluginRunContext.of(options, bundle, run, dir, seed, json, stderr, id);
            thread.setContextClassLoader(found.loader());
            result = found.plugin().run(ctx);
            if (result == null) {
                failure = "plugin '" + id + "' returned no report";
            } else {
                for (Report.Artifact a : result.artifacts()) {
                    if (!Files.isRegularFile(dir.resolve(a.path()))) {
                        failure = "plugin '" + id + "' lists artifact " + a.path() + " but did not write it";
                    }
                }
            }
        } catch (PluginException e) {
            failure = "plugin '" + id + "': " + e.getMessage();
        } catch (UserException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            failure = "plugin '" + id + "' (" + found.source() + ") failed: " + PluginRegistry.rootMessage(e)
                    + "; report it to the plugin's author";
        } finally {
            thread.setContextClassLoader(previous);
        }
        report.put("status", failure == null ? "ok" : "failed");
        report.put("error", failure);
        if (result != null) {
            report.put("title", result.title());
            report.put("figures", result.figures());
            report.put("artifacts", result.artifacts());
        }
        report.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
        String text = Json.write(report);
        AtomicFiles.writeString(dir.resolve("report.json"), text);
        AtomicFiles.writeString(dir.resolve("index.html"), ReportPage.html(report, result, failure));
        if (json) {
            stdout.println(text);
        }
        if (failure != null) {
            stderr.println("error: " + failure);
            return ExitCode.CHECK_FAILED.code();
        }
        if (!json) {
            stdout.printf("%s: %s%n", id, result.title());
            for (Report.Figure f : result.figures()) {
                stdout.printf("  %s = %s%s%n", f.name(), fmt(f.value()), f.unit().isEmpty() ? "" : " " + f.unit());
            }
            stdout.println("wrote " + dir.resolve("index.html"));
        }
        return ExitCode.OK.code();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    /**
     * Parses {@code NAME=VALUE} options against a plugin's declared options, filling in defaults.
     *
     * @throws UserException naming the option for an unknown name, a bad value or a missing required option
     */
    static PluginOptions parseOptions(String id, List<OptionSpec> specs, Map<String, String> opts) {
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        for (OptionSpec o : specs) {
            declared.put(o.name(), o);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : opts.entrySet()) {
            OptionSpec o = declared.get(e.getKey());
            if (o == null) {
                throw new UserException("plugin '" + id + "' has no option '" + e.getKey() + "'; its options are "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
            }
            try {
                values.put(o.name(), o.type().parse(e.getValue(), o.name()));
            } catch (PluginException ex) {
                throw new UserException("--opt " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage(), ex);
            }
        }
        for (OptionSpec o : declared.values()) {
            if (!values.containsKey(o.name())) {
                if (o.defaultValue() == null) {
                    throw new UserException("plugin '" + id + "' needs --opt " + o.name() + "=<" + o.type().name().toLowerCase(java.util.Locale.ROOT)
                            + "> (" + o.help() + ")");
                }
                values.put(o.name(), o.type().parse(o.defaultValue(), o.name()));
            }
        }
        return new PluginOptions(values);
    }

    private static Map<String, String> stringValues(PluginOptions o) {
        Map<String, String> m = new java.util.TreeMap<>();
        o.values().forEach((k, v) -> m.put(k, v.toString()));
        return m;
    }

    private Path outputDir() throws IOException {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path base = out.resolve(id);
        Path dir = base.resolve(stamp);
        for (int n = 2; Files.exists(dir); n++) {
            dir = base.resolve(stamp + "-" + n);
        }
        Files.createDirectories(dir);
        return dir;
    }
}
