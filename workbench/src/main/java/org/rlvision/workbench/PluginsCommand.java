package org.rlvision.workbench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlvision.plugin.OptionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlvision plugins}: lists the plugins found, with version, source jar and options. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the plugins on the classpath and in --plugin-path jars: id, version, source, options.")
public final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--plugin-path", paramLabel = "DIR|JAR", split = ",",
            description = "Folders of plugin jars, or jars (repeatable, or comma-separated).")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PluginRegistry reg = PluginRegistry.discover(pluginPath);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (PluginRegistry.Found f : reg.all()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", f.plugin().id());
                m.put("version", f.plugin().version());
                m.put("description", f.plugin().description());
                m.put("source", f.source());
                m.put("sha256", f.sha256());
                m.put("options", f.options());
                list.add(m);
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("plugins", list);
            j.put("problems", reg.problems());
            out.println(Json.write(j));
        } else {
            if (reg.all().isEmpty()) {
                out.println("no plugins found (give jars with --plugin-path DIR)");
            }
            for (PluginRegistry.Found f : reg.all()) {
                out.printf("%s %s  (%s)%n    %s%n", f.plugin().id(), f.plugin().version(), f.source(), f.plugin().description());
                for (OptionSpec o : f.options()) {
                    String d = o.defaultValue() == null ? " (required)" : o.defaultValue().isEmpty() ? "" : " (default: " + o.defaultValue() + ")";
                    out.printf("    --opt %s=<%s>  %s%s%n", o.name(), o.type().name().toLowerCase(java.util.Locale.ROOT), o.help(), d);
                }
            }
        }
        for (String p : reg.problems()) {
            err.println("warning: " + p);
        }
        return ExitCode.OK.code();
    }
}
