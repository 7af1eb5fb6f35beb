package org.rlvision.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.agent.bundle.ModelLineage;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlvision model}: model bundles; {@code init} writes a randomly initialised one, {@code lineage}
 * lists the training stages a bundle came through.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Model bundles: 'model init' writes a randomly initialised one (to try record, replay and plugins); "
                + "'model lineage' lists the training stages a bundle came through."},
        subcommands = {ModelCommand.Init.class, ModelCommand.Lineage.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rlvision model init --arch clear-cnn --seed S --out DIR}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write an untrained model bundle with seeded random weights (model.json + weights.npz).")
    public static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "clear-cnn", description = "clear-cnn or impala-cnn (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--seed", defaultValue = "0", description = "Weight initialisation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, description = "Bundle folder to create (must not exist or be empty).")
        Path out;

        @Option(names = "--json", description = "Print the model card as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Architecture a;
            try {
                a = Architecture.parse(arch);
            } catch (IllegalArgumentException e) {
                throw new UserException("--arch: " + e.getMessage());
            }
            ModelCard card;
            try (Agent agent = Agent.random(NetworkConfig.procgen(a), seed)) {
                card = ModelBundle.save(out, agent, EnvSpec.procgen().actions(),
                        org.rlvision.agent.bundle.Provenance.now("rlvision model init", seed, null, List.of()));
            } catch (IOException e) {
                throw new UserException("cannot write the bundle: " + e.getMessage(), e);
            }
            if (json) {
                spec.commandLine().getOut().println(Json.write(card));
            } else {
                spec.commandLine().getOut().printf("wrote an untrained %s bundle (seed %d, %,d parameters) to %s%n",
                        a.id(), seed, card.weights().parameters(), out);
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code rlvision model lineage [--model M] [--among DIR]...}: the stages that made a bundle, oldest first. */
    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = {"List the training stages a model bundle came through, oldest first: each stage's bundle, date, "
                    + "--stage, steps, measured success and command. A stage's model.json names the weights it started from "
                    + "by sha256; the bundle with those weights is looked for under the --among folders."})
    public static final class Lineage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", description = "Model bundle folder (default: the shipped models/coinrun-default).")
        Path model;

        @Option(names = "--among", description = "Folders to look for earlier stages' bundles in (repeatable; default: the "
                + "workbench's models/).")
        List<Path> among;

        @Option(names = "--json", description = "Print the lineage as JSON, with every stage's provenance.")
        boolean json;

        @Option(names = "--curve", description = "Also draw the learner's success across all stages as a PNG (from each "
                + "stage's DIR.metrics.jsonl next to its bundle).")
        Path curve;

        @Override
        public Integer call() {
            Path m = Models.orDefault(model);
            if (!Files.isRegularFile(m.resolve(ModelBundle.MODEL_JSON))) {
                throw new UserException("no model bundle at " + m + "; pass the folder holding model.json and weights.npz");
            }
            List<Path> roots = among == null || among.isEmpty() ? List.of(Models.defaultModel().getParent()) : among;
            for (Path r : roots) {
                if (!Files.isDirectory(r)) {
                    throw new UserException("--among " + r + " is not a folder; pass folders that hold model bundles (e.g. models)");
                }
            }
            ModelLineage lineage;
            try {
                lineage = ModelLineage.of(m, roots);
            } catch (IOException e) {
                throw new UserException("cannot read the lineage of " + m + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (curve != null) {
                try {
                    Frames.writePng(curve, LineageCurve.draw(shown(m) + ": " + lineage.stages().size() + " training stages",
                            LineageCurve.of(lineage)));
                } catch (IOException e) {
                    throw new UserException("cannot draw " + curve + ": " + e.getMessage(), e);
                }
            }
            if (json) {
                List<Map<String, Object>> stages = new ArrayList<>();
                for (ModelLineage.Stage s : lineage.stages()) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("model", s.dir().toString());
                    j.put("weightsSha256", s.card().weights().sha256());
                    j.put("stage", s.stageName());
                    j.put("provenance", s.card().provenance());
                    stages.add(j);
                }
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("model", m.toString());
                j.put("stages", stages);
                j.put("totalSteps", lineage.totalSteps());
                j.put("unresolvedStart", lineage.unresolved());
                j.put("among", roots.stream().map(Path::toString).toList());
                out.println(Json.write(j));
                return ExitCode.OK.code();
            }
            if (curve != null) {
                out.println("wrote " + curve);
            }
            int n = lineage.stages().size();
            out.printf(Locale.ROOT, "%s: %d stage%s, %,d training steps in all%n", shown(m), n, n == 1 ? "" : "s",
                    lineage.totalSteps());
            if (lineage.unresolved() != null) {
                out.printf(Locale.ROOT, "  (started from %s, weights %s…, which is no bundle under %s)%n",
                        lineage.unresolved().path(), lineage.unresolved().sha256().substring(0, 8),
                        String.join(", ", roots.stream().map(r -> shown(r).toString()).toList()));
            }
            for (int k = 0; k < n; k++) {
                ModelLineage.Stage s = lineage.stages().get(k);
                org.rlvision.agent.bundle.Provenance p = s.card().provenance();
                org.rlvision.agent.bundle.Provenance.Training t = p == null ? null : p.training();
                out.printf(Locale.ROOT, "%d. %s  weights %s…  %s  %s%s%s%n", k + 1, shown(s.dir()),
                        s.card().weights().sha256().substring(0, 8), p == null ? "-" : p.createdAt(), s.stageName(),
                        t == null || t.steps() == null ? "" : String.format(Locale.ROOT, "  %,d steps", t.steps()),
                        t == null || t.successRate() == null ? ""
                                : String.format(Locale.ROOT, "  success %.1f%% (%s)", 100 * t.successRate(), t.evaluation()));
                if (t != null && t.command() != null) {
                    out.println("   " + t.command());
                }
            }
            return ExitCode.OK.code();
        }

        /** {@code p} relative to the working folder when it lies inside it (the shipped models are found by absolute path). */
        private static Path shown(Path p) {
            Path cwd = Path.of("").toAbsolutePath();
            Path abs = p.toAbsolutePath().normalize();
            return abs.startsWith(cwd) ? cwd.relativize(abs) : p;
        }
    }
}
