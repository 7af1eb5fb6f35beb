package org.rlvision.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.net.LayerInfo;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.env.EnvOptions;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.Report;
import org.rlvision.plugin.nmf.NmfFactorsFile;
import org.rlvision.trajectories.Recorder;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.RunInfo;
import org.rlvision.trajectories.RunWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlvision demo}: Hilton et al.'s interface in one command. Records trajectories of the
 * default agent in the Java CoinRun (with semantic labels), runs the {@code attribution-nmf}
 * plugin on them and leaves {@code OUT/index.html}, the interface, openable from disk.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Record the default agent, attribute its value to layer 2b, factorise with NMF and write the "
                + "trajectory interface to OUT/index.html.",
                "Steps: record ENVS x STEPS with label maps -> integrated gradients on SAMPLES observations -> NMF into "
                        + "FACTORS labelled factors -> the page."})
public final class DemoCommand implements Callable<Integer> {
    /** The plugin the demo runs. */
    static final String PLUGIN = "attribution-nmf";
    /** The file marking a folder as the demo's own, so a second run may replace it. */
    static final String MARKER = "demo.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model bundle (default: the shipped models/coinrun-default).")
    Path model;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
            description = "Folder for the interface, the run and the factors (default: ${DEFAULT-VALUE}); a previous demo there is replaced.")
    Path out;

    @Option(names = "--envs", defaultValue = "8", description = "Trajectories (environments recorded together) (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--steps", defaultValue = "512", description = "Steps per trajectory (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--levels", defaultValue = "1000000..1009999",
            description = "Level seeds A..B the trajectories draw from (default: ${DEFAULT-VALUE}, not trained on).")
    String levels;

    @Option(names = "--samples", defaultValue = "4096", description = "Observations the NMF is fitted on (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--factors", defaultValue = "8", description = "NMF factors (default: ${DEFAULT-VALUE}).")
    int factors;

    @Option(names = "--layer", defaultValue = "2b", description = "Layer attributed to (default: ${DEFAULT-VALUE}).")
    String layer;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of action sampling, level order and NMF (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (envs < 1 || envs > 256) {
            throw new UserException("--envs " + envs + " is out of range; use 1..256");
        }
        if (steps < 2) {
            throw new UserException("--steps " + steps + " must be at least 2");
        }
        if (samples < 1 || samples > (long) envs * steps) {
            throw new UserException("--samples " + samples + " must be between 1 and the recorded steps (" + (long) envs * steps
                    + " = --envs x --steps)");
        }
        SeedRange range = SeedRange.parse(levels);
        model = Models.orDefault(model);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        Path runDir = out.resolve("run");
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (ModelBundle bundle = Models.load(model)) {
            requireFactorsFit(bundle.agent().layout());
            prepareOutput(); // only once the settings are known to work: it deletes the previous demo
            EnvOptions trained = bundle.card().trainingEnvironment();
            EnvOptions options = trained.toBuilder().optStartLevel(range.first()).optNumLevels(range.size())
                    .optRandSeed((int) seed).build();
            RunInfo info = RunRecording.newRun(model, bundle, options, envs, steps, range, seed, ActionSelection.SAMPLE,
                    true, args);
            long t0 = System.nanoTime();
            Progress progress = new Progress("demo: recording", (long) envs * steps, System.err, json);
            Recorder.Summary rec;
            try {
                RunWriter writer = RunWriter.create(runDir, info);
                rec = RunRecording.play(bundle, info, writer::write, progress);
                writer.finish(rec.finished() + rec.unfinished());
            } catch (IOException e) {
                throw new UserException("cannot write the demo's run into " + runDir + ": " + e.getMessage(), e);
            }
            seconds.put("record", (System.nanoTime() - t0) / 1e9);
            summary.put("episodes", rec.finished() + rec.unfinished());
            summary.put("successes", rec.successes());

            Report report = runPlugin(bundle, Run.open(runDir), stderr, seconds);
            Path page = out.resolve("interface.html");
            if (!Files.isRegularFile(page)) {
                throw new UserException("the " + PLUGIN + " plugin wrote no interface.html into " + out);
            }
            Files.move(page, out.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
            summary.put("title", report.title());
            summary.put("figures", report.figures());
        }
        seconds.put("total", (System.nanoTime() - start) / 1e9);
        List<String> labels = factorLabels(out.resolve("factors.json"));
        summary.put("factors", labels);
        summary.put("seconds", seconds);
        summary.put("interface", out.resolve("index.html").toString());
        summary.put("model", model.toString());
        summary.put("levels", range.toString());
        summary.put("seed", seed);
        summary.put("provenance", Provenance.of(args).toMap());
        String text = Json.write(summary);
        AtomicFiles.writeString(out.resolve(MARKER), text);
        if (json) {
            stdout.println(text);
        } else {
            stdout.printf(Locale.ROOT, "recorded %d x %d steps (%d episodes, %d reached the coin), fitted %d factors on %d "
                            + "observations of layer %s in %.0f s%n", envs, steps, summary.get("episodes"), summary.get("successes"),
                    labels.size(), samples, layer, seconds.get("total"));
            for (int i = 0; i < labels.size(); i++) {
                stdout.printf("  factor %d: %s%n", i, labels.get(i));
            }
            stdout.println("open " + out.resolve("index.html").toAbsolutePath());
        }
        return ExitCode.OK.code();
    }

    /** Runs the attribution plugin on the recorded run, with the demo's options, writing into {@link #out}. */
    private Report runPlugin(ModelBundle bundle, Run run, PrintWriter stderr, Map<String, Double> seconds) {
        PluginRegistry.Found found = PluginRegistry.discover(List.of()).require(PLUGIN);
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("layer", layer);
        wanted.put("samples", Integer.toString(samples));
        wanted.put("factors", Integer.toString(factors));
        wanted.put("trajectories", Integer.toString(envs));
        wanted.put("trajectory-steps", Integer.toString(steps));
        Map<String, String> given = new LinkedHashMap<>();
        for (OptionSpec o : found.options()) {
            if (wanted.containsKey(o.name())) {
                given.put(o.name(), wanted.get(o.name()));
            }
        }
        PluginOptions options = RunCommand.parseOptions(PLUGIN, found.options(), given);
        long t0 = System.nanoTime();
        try {
            Report r = found.plugin().run(PluginRunContext.of(options, bundle, run, out, seed, json, stderr, PLUGIN));
            seconds.put("attribution-nmf", (System.nanoTime() - t0) / 1e9);
            return r;
        } catch (PluginException e) {
            throw new UserException(PLUGIN + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UserException(PLUGIN + " failed: " + PluginRegistry.rootMessage(e), e);
        }
    }

    /** Empties {@link #out} when it holds a previous demo; refuses a folder that holds anything else. */
    private void prepareOutput() throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(out.resolve(MARKER))) {
                throw new UserException(out + " exists and is not a previous demo's folder (no " + MARKER
                        + "); choose another --out or remove it");
            }
            List<Path> all = new ArrayList<>();
            try (Stream<Path> s = Files.walk(out)) {
                s.forEach(all::add);
            }
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                if (!p.equals(out)) {
                    Files.delete(p);
                }
            }
        } else if (Files.exists(out)) {
            throw new UserException(out + " is a file; --out needs a folder");
        }
        Files.createDirectories(out);
    }

    /** Checks {@code --layer} and {@code --factors} against the model before minutes of recording. */
    private void requireFactorsFit(NetworkLayout layout) {
        LayerInfo l;
        try {
            l = layout.layer(layer);
        } catch (IllegalArgumentException e) {
            throw new UserException("--layer " + layer + ": " + e.getMessage(), e);
        }
        if (l.shape().size() != 3) {
            throw new UserException("--layer " + layer + " is not a convolutional layer (output " + l.shape()
                    + "); attribution maps need a spatial layer, e.g. 2b");
        }
        int channels = l.shape().get(0);
        if (factors < 1 || factors > channels) {
            throw new UserException("--factors " + factors + " is out of range for layer " + layer + "'s " + channels
                    + " channels; use 1.." + channels);
        }
    }

    /** "saw (lift 8.3×, IoU 0.01)" per factor (older reports without lifts: "saw (IoU 0.43)"), from the plugin's factors.json. */
    static List<String> factorLabels(Path factorsJson) {
        List<String> labels = new ArrayList<>();
        for (NmfFactorsFile.Factor f : NmfFactorsFile.read(factorsJson).factors()) {
            labels.add(Double.isNaN(f.lift()) ? String.format(Locale.ROOT, "%s (IoU %.2f)", f.label(), f.iou())
                    : String.format(Locale.ROOT, "%s (lift %s, IoU %.2f)", f.label(), NmfFactorsFile.formatLift(f.lift()), f.iou()));
        }
        return labels;
    }
}
