package org.rlvision.workbench;

import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.train.DaggerLabels;
import org.rlvision.agent.train.Evaluation;
import org.rlvision.agent.train.LabelAudit;
import org.rlvision.env.EnvOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision audit}: where a model's play leaves the expert's accepted moves. The model
 * plays each level once (sampled actions); the planning expert labels every state it visits by a
 * DAgger rule; the report counts flagged moves in solved and in failed episodes.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Play each level once with a model while the planning expert names the moves it accepts in every state "
                + "visited (a DAgger label rule); report how often the model's move fell outside them, in solved and in failed "
                + "episodes, and how much probability it put on them.",
                "With alive labels a failed episode almost always holds a flagged move (an accepted move leaves a way to survive "
                        + "the look-ahead); one that does not walked into a trap the look-ahead missed, and the report says from which "
                        + "step the expert's own search saw no way out. The count in solved episodes shows how close the rule comes "
                        + "to naming only the fatal moves."})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "Model bundle folder (default: the shipped models/coinrun-default).")
    Path model;

    @Option(names = "--levels", defaultValue = "1000000..1000099", description = "Levels A..B, each played once (default: ${DEFAULT-VALUE}).")
    String levels;

    @Option(names = "--labels", defaultValue = "alive", description = "Label rule: alive, safe or near-best (default: ${DEFAULT-VALUE}).")
    String labels;

    @Mixin
    EnvFlags env;

    @Option(names = "--envs", defaultValue = "16", description = "Levels played at once (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the action sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as JSON, with every episode.")
    boolean json;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(levels);
        DaggerLabels rule;
        try {
            rule = DaggerLabels.parse(labels);
        } catch (IllegalArgumentException e) {
            throw new UserException("--labels: " + e.getMessage());
        }
        if (envs < 1) {
            throw new UserException("--envs " + envs + " must be at least 1");
        }
        model = Models.orDefault(model);
        if (!Files.isDirectory(model)) {
            throw new UserException("no model bundle at " + model + "; pass the folder holding model.json and weights.npz");
        }
        LabelAudit.Result r;
        EnvOptions options;
        try (ModelBundle bundle = Models.load(model)) {
            options = env.options(0, 0, 0, bundle.card().trainingEnvironment());
            Progress p = new Progress("auditing", range.size(), System.err, json);
            r = LabelAudit.run(bundle.agent(), options, rule, range.first(), range.size(), envs, seed, p::advance);
        }
        int n = r.episodes().size();
        int solved = r.solved();
        int failed = n - solved;
        double[] ci = Evaluation.wilson(solved, n);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", model.toString());
            j.put("levels", range.toString());
            j.put("options", options.toProcgenKwargs());
            j.put("labels", rule.id());
            j.put("seed", seed);
            j.put("solved", solved);
            j.put("failed", failed);
            j.put("solvedFlagged", r.solvedFlagged());
            j.put("failedFlagged", r.failedFlagged());
            j.put("failedUnflaggedDoomed", r.failedUnflaggedDoomed());
            j.put("fatalMoveDeaths", r.fatalMoveDeaths());
            j.put("fatalMoveHazardInView", r.fatalMoveHazardInView());
            j.put("states", r.states());
            j.put("meanAccepted", r.meanAccepted());
            j.put("meanProbability", r.meanProbability());
            j.put("greedyAccepted", r.greedyAccepted());
            j.put("episodes", r.episodes());
            j.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(j));
        } else {
            out.printf(Locale.ROOT, "%s on levels %s (%s, sampled actions) against %s labels:%n", model, range,
                    options.distributionMode().procgenName(), rule.id());
            out.printf(Locale.ROOT, "  solved %d/%d (%.1f%%, 95%% CI %.1f-%.1f%%)%n", solved, n, 100.0 * solved / n, 100 * ci[0], 100 * ci[1]);
            out.printf(Locale.ROOT, "  episodes with a move outside the accepted set: failed %d/%d, solved %d/%d%n",
                    r.failedFlagged(), failed, r.solvedFlagged(), solved);
            if (failed > 0) {
                out.printf(Locale.ROOT, "  the last %d states of each failed episode (d: the expert sees no way out, X: the move played "
                        + "is not accepted, c: another move is not, .: every move is accepted):%n", LabelAudit.TIMELINE);
            }
            for (LabelAudit.Episode e : r.episodes()) {
                if (!e.solved()) {
                    out.printf(Locale.ROOT, "    %d %-18s %40s%s%n", e.level(), e.cause(), e.lastStates(),
                            e.hazardInView() == null ? "" : e.hazardInView() ? "  hazard in view at the last X" : "  no such hazard in view at the last X");
                }
            }
            for (LabelAudit.Episode e : r.episodes()) {
                if (!e.solved() && e.flagged() == 0) {
                    out.printf(Locale.ROOT, "  level %d failed (%s, step %d) without a flagged move: %s%n", e.level(), e.cause(),
                            e.length(), e.doomedAtEnd() == 0 ? "the expert's search saw a way out until the end"
                                    : "the expert's own search found no way out in its last " + e.doomedAtEnd()
                                    + (e.doomedAtEnd() == 1 ? " state" : " states") + ", a trap the look-ahead let the agent into");
                }
            }
            if (r.fatalMoveDeaths() > 0) {
                out.printf(Locale.ROOT, "  deaths after a flagged move: %d; a hazard of the kind that killed was in view when the last one was "
                        + "made in %d, not in %d (moves made blind)%n", r.fatalMoveDeaths(), r.fatalMoveHazardInView(),
                        r.fatalMoveDeaths() - r.fatalMoveHazardInView());
            }
            out.printf(Locale.ROOT, "  %,d states: %.1f of 15 actions accepted on average; the model put %.3f of its probability on them; "
                    + "its most likely action was accepted in %.1f%%%n", r.states(), r.meanAccepted(), r.meanProbability(),
                    100 * r.greedyAccepted());
        }
        return ExitCode.OK.code();
    }
}
