package org.rlvision.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * model init → record → replay → a real third-party plugin jar (examples/plugin-hello, compiled and
 * jarred here) run through the CLI, plus the discovery error cases.
 */
class PluginAndTrajectoryCliTest {

    @TempDir
    static Path tmp;
    static Path modelDir;
    static Path runDir;
    static Path pluginDir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void modelRunAndPluginJar() throws Exception {
        modelDir = tmp.resolve("model");
        CliRun r = run("model", "init", "--arch", "clear-cnn", "--seed", "1", "--out", modelDir.toString());
        assertEquals(0, r.exit(), r.err());
        runDir = tmp.resolve("run");
        r = run("record", "--model", modelDir.toString(), "--envs", "2", "--steps", "40", "--levels", "0..9",
                "--mode", "easy", "--seed", "3", "--out", runDir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        pluginDir = Files.createDirectories(tmp.resolve("plugins"));
        Path example = Path.of("..", "examples", "plugin-hello", "src", "main", "java", "com", "example", "hello",
                "ValueHistogramPlugin.java");
        jar(pluginDir.resolve("hello.jar"), Files.readString(example), "com.example.hello.ValueHistogramPlugin", true, null);
    }

    /** Compiles one plugin source against the test classpath (plugins/api and its dependencies) and jars it. */
    static void jar(Path jar, String source, String className, boolean serviceFile, String extraEntry) throws IOException {
        Path src = Files.createTempDirectory(tmp, "src");
        Path classes = Files.createTempDirectory(tmp, "classes");
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", file.toString());
        assertEquals(0, rc, "the plugin compiles");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            if (serviceFile) {
                out.putNextEntry(new JarEntry(PluginRegistry.SERVICE));
                out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            if (extraEntry != null) {
                out.putNextEntry(new JarEntry(extraEntry));
                out.write(new byte[] {1});
                out.closeEntry();
            }
        }
    }

    @Test
    void recordedRunReplaysBitIdenticallyAndDrawsTheEpisode() throws Exception {
        JsonNode info = Json.mapper().readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete", info.get("status").asText());
        assertEquals("easy", info.get("environment").get("distribution_mode").asText());
        Path gif = tmp.resolve("ep.gif");
        Path png = tmp.resolve("strip.png");
        CliRun r = run("replay", runDir.toString(), "--gif", gif.toString(), "--png", png.toString(), "--size", "64");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("episodes replay bit-identically"), r.out());
        assertTrue(r.out().contains("frames bit-identical; max |dvalue|"), r.out());
        assertEquals(64, ImageIO.read(gif.toFile()).getWidth());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 64);

        r = run("replay", runDir.toString(), "--episode", "0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode ep = Json.mapper().readTree(r.out()).get("episodes").get(0);
        assertTrue(ep.get("identical").asBoolean());
        assertTrue(ep.get("max_abs_value_delta").asDouble() < 1e-4, r.out());
    }

    @Test
    void aRunNamingItsModelRelativeToItselfReplaysWithTheNetworkWhereverItIs() throws Exception {
        // what a report that keeps its model looks like: run.json says "../model"
        Path report = tmp.resolve("report-a");
        copyTree(modelDir, report.resolve("model"));
        copyTree(runDir, report.resolve("run"));
        Path json = report.resolve("run/run.json");
        com.fasterxml.jackson.databind.node.ObjectNode info = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) info.get("model")).put("path", "../model");
        Json.mapper().writeValue(json.toFile(), info);
        Path moved = tmp.resolve("moved-report");
        Files.move(report, moved);

        CliRun r = run("replay", moved.resolve("run").toString(), "--episode", "0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode ep = Json.mapper().readTree(r.out()).get("episodes").get(0);
        assertTrue(ep.get("identical").asBoolean());
        assertTrue(ep.get("max_abs_value_delta").asDouble() < 1e-4, "re-evaluated with the model found beside it: " + r.out());

        deleteTree(moved.resolve("model"));
        r = run("replay", moved.resolve("run").toString(), "--episode", "0");
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().contains("the run's model ../model (" + moved.resolve("model") + ") is not there; pass --model DIR or --no-eval"),
                r.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void resumeFinishesAnInterruptedRunWithIdenticalFiles() throws Exception {
        Path copy = tmp.resolve("interrupted");
        Files.createDirectories(copy);
        List<Path> episodes;
        try (Stream<Path> s = Files.list(runDir)) {
            episodes = s.filter(p -> p.getFileName().toString().startsWith("episode_")).sorted().toList();
        }
        // what kill -9 after the first episode leaves: run.json still says "recording", one episode on disk
        Files.writeString(copy.resolve("run.json"), Files.readString(runDir.resolve("run.json"))
                .replace("\"status\" : \"complete\"", "\"status\" : \"recording\""));
        Files.copy(episodes.get(0), copy.resolve(episodes.get(0).getFileName()));
        Files.write(copy.resolve("." + episodes.get(1).getFileName() + ".77.tmp"), new byte[100]);
        CliRun r = run("record", "--model", modelDir.toString(), "--out", copy.toString(), "--resume");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resumed: 1 episodes already on disk were checked and kept, " + (episodes.size() - 1) + " written"), r.out());
        for (Path p : episodes) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(copy.resolve(p.getFileName()))),
                    p.getFileName() + " is byte-identical after resume");
        }
        r = run("record", "--model", modelDir.toString(), "--out", runDir.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().contains("already exists and is not empty"), r.err());
    }

    @Test
    void thirdPartyJarIsListedAndRuns() throws Exception {
        CliRun r = run("plugins", "--plugin-path", pluginDir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("value-histogram unversioned  (" + pluginDir.resolve("hello.jar") + ")"), r.out());
        assertTrue(r.out().contains("--opt bins=<int>  number of histogram bins (default: 20)"), r.out());

        Path out = tmp.resolve("out");
        r = run("run", "value-histogram", "--plugin-path", pluginDir.toString(), "--run", runDir.toString(),
                "--opt", "bins=8", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("steps = 80"), r.out());
        Path dir;
        try (Stream<Path> s = Files.list(out.resolve("value-histogram"))) {
            dir = s.findFirst().orElseThrow();
        }
        JsonNode report = Json.mapper().readTree(dir.resolve("report.json").toFile());
        assertEquals("ok", report.get("status").asText());
        assertEquals("8", report.get("options").get("bins").asText());
        JsonNode hist = Json.mapper().readTree(dir.resolve("histogram.json").toFile());
        long total = 0;
        for (JsonNode c : hist.get("counts")) {
            total += c.asLong();
        }
        assertEquals(80, total, "every recorded step is binned once");
        assertEquals(8, hist.get("counts").size());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<img src=\"histogram.png\""));

        r = run("run", "value-histogram", "--plugin-path", pluginDir.toString(), "--run", runDir.toString(),
                "--opt", "bins=many", "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertEquals("error: --opt bins=many: option 'bins' is an int but got 'many'; give a whole number such as 20", r.err().trim());
        r = run("run", "value-histogram", "--plugin-path", pluginDir.toString(), "--opt", "colour=red", "--out", out.toString());
        assertEquals("error: plugin 'value-histogram' has no option 'colour'; its options are bins", r.err().trim());
        r = run("run", "value-histogram", "--plugin-path", pluginDir.toString(), "--out", out.toString());
        assertEquals(ExitCode.CHECK_FAILED.code(), r.exit());
        assertTrue(r.err().contains("plugin 'value-histogram': this plugin needs recorded trajectories; pass --run DIR"), r.err());
    }

    @Test
    void brokenJarsAreReportedAndTheOthersStillWork(@TempDir Path dir) throws Exception {
        Path example = Path.of("..", "examples", "plugin-hello", "src", "main", "java", "com", "example", "hello",
                "ValueHistogramPlugin.java");
        String hello = Files.readString(example);
        jar(dir.resolve("a-hello.jar"), hello, "com.example.hello.ValueHistogramPlugin", true, null);
        jar(dir.resolve("b-hello-copy.jar"), hello, "com.example.hello.ValueHistogramPlugin", true, null);
        jar(dir.resolve("c-no-service.jar"), hello, "com.example.hello.ValueHistogramPlugin", false, null);
        jar(dir.resolve("d-bundles-api.jar"), hello, "com.example.hello.ValueHistogramPlugin", true,
                "org/rlvision/plugin/WorkbenchPlugin.class");
        String boom = "package com.example.boom;\n"
                + "public final class Boom implements org.rlvision.plugin.WorkbenchPlugin {\n"
                + "  public String id() { return \"boom\"; }\n"
                + "  public String description() { return \"always fails\"; }\n"
                + "  public org.rlvision.plugin.Report run(org.rlvision.plugin.PluginContext c) {\n"
                + "    throw new IllegalStateException(\"kaboom\"); }\n}\n";
        jar(dir.resolve("e-boom.jar"), boom, "com.example.boom.Boom", true, null);

        CliRun r = run("plugins", "--plugin-path", dir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        String problems = j.get("problems").toString();
        assertTrue(problems.contains("plugin id 'value-histogram' is provided by both " + dir.resolve("a-hello.jar")
                + " and " + dir.resolve("b-hello-copy.jar")), problems);
        assertTrue(problems.contains(dir.resolve("c-no-service.jar") + " has no META-INF/services/org.rlvision.plugin.WorkbenchPlugin"), problems);
        assertTrue(problems.contains("refusing " + dir.resolve("d-bundles-api.jar") + ": it bundles org/rlvision/plugin/WorkbenchPlugin.class"), problems);
        java.util.List<String> fromJars = new java.util.ArrayList<>();
        java.util.List<String> builtIn = new java.util.ArrayList<>();
        for (JsonNode p : j.get("plugins")) {
            ("classpath".equals(p.get("source").asText()) ? builtIn : fromJars).add(p.get("id").asText());
        }
        assertEquals(3, fromJars.size(), "two copies of value-histogram and boom are listed: " + fromJars);
        assertEquals(java.util.List.of("attribution-nmf", "circuit-edit"), builtIn.stream().sorted().toList(),
                "the built-in plugins still list");

        r = run("run", "value-histogram", "--plugin-path", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().contains("is provided by both"), r.err());

        r = run("run", "boom", "--plugin-path", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.CHECK_FAILED.code(), r.exit());
        assertTrue(r.err().contains("error: plugin 'boom' (" + dir.resolve("e-boom.jar") + ") failed: IllegalStateException: kaboom"), r.err());
        Path reportDir;
        try (Stream<Path> s = Files.list(dir.resolve("out").resolve("boom"))) {
            reportDir = s.findFirst().orElseThrow();
        }
        assertEquals("failed", Json.mapper().readTree(reportDir.resolve("report.json").toFile()).get("status").asText());

        r = run("run", "nope", "--plugin-path", dir.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.exit());
        assertTrue(r.err().startsWith("error: no plugin 'nope'; known: attribution-nmf, circuit-edit, value-histogram, boom"), r.err());
    }
}
