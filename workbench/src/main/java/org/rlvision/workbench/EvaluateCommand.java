package org.rlvision.workbench;

import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.train.Evaluation;
import org.rlvision.agent.train.PValueFormat;
import org.rlvision.agent.train.PairedComparison;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.procgen.ProcgenBridgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision evaluate}: plays every level of a range once with a model and reports the
 * success rate with its 95% Wilson interval and the table of end causes, as text and JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Play each level of a range once with a model; report success rate (95%% Wilson interval) and end causes.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProcgenFlags backend;

    @Option(names = "--model", description = "Model bundle folder (default: the shipped models/coinrun-default).")
    Path model;

    @Option(names = "--levels", defaultValue = "1000000..1000999", description = "Levels A..B, each played once (default: ${DEFAULT-VALUE}).")
    String levels;

    @Mixin
    EnvFlags env;

    @Option(names = "--greedy", description = "Take the most likely action instead of sampling.")
    boolean greedy;

    @Option(names = "--envs", description = "Levels played at once (default: 64; with --env procgen "
            + ProcgenFlags.EVALUATION_SLOTS + ", since each is a Python worker of ~370 MB).")
    Integer envs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the action sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--against", description = "A second model bundle played on the same levels with the same seed; "
            + "prints both and McNemar's exact test on the levels exactly one of them solved.")
    Path against;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        SeedRange range = SeedRange.parse(levels);
        if (envs == null) {
            envs = backend.evaluationSlots();
        }
        if (envs < 1 || envs > 1024) {
            throw new UserException("--envs " + envs + " is out of range; use 1..1024");
        }
        model = Models.orDefault(model);
        if (!Files.isDirectory(model)) {
            throw new UserException("no model bundle at " + model + "; pass the folder holding model.json and weights.npz");
        }
        EnvOptions options = env.options(0, 0, 0, ModelBundle.readCard(model).trainingEnvironment());
        if (against != null) {
            if (!Files.isDirectory(against)) {
                throw new UserException("--against: no model bundle at " + against + "; pass the folder holding model.json and weights.npz");
            }
            EnvOptions other = env.options(0, 0, 0, ModelBundle.readCard(against).trainingEnvironment());
            if (!other.equals(options)) {
                throw new UserException("--against " + against + " plays with " + other.toProcgenKwargs() + " but " + model + " with "
                        + options.toProcgenKwargs() + "; compare models trained on the same distribution, or set --mode and "
                        + "--paint-vel-info for both");
            }
        }
        Evaluation.Result r = play(model, range, options);
        Evaluation.Result base = against == null ? null : play(against, range, options);
        PairedComparison paired = base == null ? null : PairedComparison.of(base, r);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", model.toString());
            j.put("levels", range.toString());
            j.put("env", backend.procgen() ? "procgen" : "java");
            j.put("options", options.toProcgenKwargs());
            j.put("actions", greedy ? "greedy" : "sampled");
            j.put("result", r);
            if (paired != null) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("model", against.toString());
                a.put("result", base);
                j.put("against", a);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("bothSolved", paired.bothSolved());
                p.put("onlyAgainst", paired.onlyFirst());
                p.put("onlyModel", paired.onlySecond());
                p.put("neither", paired.neither());
                p.put("differencePoints", paired.differencePoints());
                p.put("mcnemarExactP", paired.exactPValue());
                j.put("paired", p);
            }
            j.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(j));
        } else {
            print(out, model, range, options, r);
            if (paired != null) {
                print(out, against, range, options, base);
                out.printf(Locale.ROOT, "paired on the same %d levels: both solved %d, only %s %d, only %s %d, neither %d; "
                                + "%s %+.1f points, McNemar exact p = %s (two-sided)%n",
                        paired.levels(), paired.bothSolved(), model, paired.onlySecond(), against, paired.onlyFirst(), paired.neither(),
                        model, paired.differencePoints(), PValueFormat.of(paired.exactPValue()));
            }
        }
        return ExitCode.OK.code();
    }

    private Evaluation.Result play(Path bundleDir, SeedRange range, EnvOptions options) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(bundleDir)) {
            Progress p = new Progress("evaluating " + bundleDir.getFileName(), range.size(), System.err, json);
            return Evaluation.run(bundle.agent(), backend.envs(1), options, range.first(), range.size(), envs,
                    greedy ? ActionSelection.GREEDY : ActionSelection.SAMPLE, seed, () -> p.advance(1));
        } catch (ProcgenBridgeException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private void print(PrintWriter out, Path bundleDir, SeedRange range, EnvOptions options, Evaluation.Result r) {
        out.printf(Locale.ROOT, "%s on levels %s (%s, %s actions): success %.1f%% (%d/%d, 95%% CI %.1f-%.1f%%), mean length %.1f steps%n",
                bundleDir, range, options.distributionMode().procgenName(), greedy ? "greedy" : "sampled", 100 * r.successRate(),
                r.successes(), r.levels(), 100 * r.low95(), 100 * r.high95(), r.meanLength());
        out.println("end cause              levels      %");
        for (Map.Entry<EndCause, Integer> e : r.causes().entrySet()) {
            out.printf(Locale.ROOT, "%-20s %8d %6.2f%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / r.levels());
        }
    }
}
