package org.rlvision.plugins.circuitedit;

import org.rlvision.plugin.AtomicWrite;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rlvision.agent.Agent;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.OptionType;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.Report;
import org.rlvision.plugin.WorkbenchPlugin;

/**
 * {@code circuit-edit}: makes the agent blind to a feature (Hilton et al.'s kernel projection,
 * channel ablation, activation projection, or compositions), plays thousands of levels with the
 * original and every edited agent (and controls with invisible objects), and reports the failure
 * causes per arm with Wilson intervals and z-tests, replayable example episodes and a page.
 * See {@code docs/circuit-edit.md}.
 */
public final class CircuitEditPlugin implements WorkbenchPlugin {
    /** The plugin id. */
    public static final String ID = "circuit-edit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Edit the agent (kernel projection, channel ablation, activation projection) and count failures by cause over "
                + "thousands of levels against the original, with Wilson intervals, z-tests and replayable examples.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("edit", OptionType.STRING, "", "edited arms separated by ';', edits of one arm joined by '+': "
                        + "project:L:DIR, ablate:L:C[:C..], act-project:L:DIR, act-ablate:L:C[:C..] with DIR = nmf:LABEL, nmf:INDEX, "
                        + "channel:C or vec:FILE (L = the layer whose output is edited, e.g. 2b)"),
                OptionSpec.of("controls", OptionType.STRING, "", "control arms (original agent, objects not drawn): invisible-saws, "
                        + "invisible-enemies, invisible-lava, invisible-crates, separated by ';', combined with '+'"),
                OptionSpec.of("factors", OptionType.STRING, "", "factors.json of an attribution-nmf report, or its folder (for nmf: directions)"),
                OptionSpec.of("levels", OptionType.STRING, "0..9999", "level seeds FIRST..LAST; every arm plays each once"),
                OptionSpec.of("shard", OptionType.STRING, "0/1", "play only shard I of N (levels at positions p with p mod N = I)"),
                OptionSpec.of("batch", OptionType.INT, "64", "levels played side by side, one forward pass per step"),
                OptionSpec.of("workers", OptionType.INT, "2", "rollouts running in parallel threads, each with its own batch"),
                OptionSpec.of("threads", OptionType.INT, "1", "PyTorch threads per worker's forward pass (0: PyTorch's default)"),
                OptionSpec.of("journal", OptionType.STRING, "", "journal to resume or create (default: journal.jsonl in the report folder)"),
                OptionSpec.of("merge", OptionType.STRING, "", "merge shard journals instead of playing: a folder of *.jsonl files, "
                        + "or files separated by '" + File.pathSeparator + "'"),
                OptionSpec.of("examples", OptionType.INT, "5", "replayable episodes per edited arm where the edit died and the original "
                        + "solved the level"),
                OptionSpec.of("mode", OptionType.STRING, ModelEnvironment.FROM_MODEL, "model (as the model was trained), easy or hard"),
                OptionSpec.of("paint-vel-info", OptionType.STRING, ModelEnvironment.FROM_MODEL, "model (as the model was trained), true or false"),
                OptionSpec.of("greedy", OptionType.BOOLEAN, "false", "argmax actions instead of sampling from the policy"),
                OptionSpec.of("reference-seconds", OptionType.DOUBLE, "3", "seconds timing the forward pass alone for the speed ratio (0: skip)"));
    }

    @Override
    public Report run(PluginContext ctx) throws Exception {
        PluginOptions o = ctx.options();
        if (!o.string("merge").isBlank()) {
            return merge(ctx, o.string("merge"), (int) Math.max(1, o.integer("workers")), (int) Math.max(0, o.integer("threads")));
        }
        long batch = o.integer("batch");
        if (batch < 1 || batch > 1024) {
            throw new PluginException("--opt batch=" + batch + " is out of range; use 1..1024 (64 is fastest on a 2-core CPU)");
        }
        long examples = o.integer("examples");
        if (examples < 0 || examples > 100) {
            throw new PluginException("--opt examples=" + examples + " is out of range; use 0..100");
        }
        long workers = o.integer("workers");
        long threads = o.integer("threads");
        int cores = Runtime.getRuntime().availableProcessors();
        if (workers < 1 || workers > 64 || threads < 0 || threads > 64) {
            throw new PluginException("--opt workers=" + workers + " --opt threads=" + threads + " is out of range; use workers 1..64 "
                    + "and threads 0..64 (this machine has " + cores + " cores: workers=" + cores + " threads=1 uses them all)");
        }
        double referenceSeconds = o.number("reference-seconds");
        if (referenceSeconds < 0 || referenceSeconds > 60) {
            throw new PluginException("--opt reference-seconds=" + referenceSeconds + " is out of range; use 0..60");
        }
        LevelRange levels = LevelRange.parse(o.string("levels"));
        Shard shard = Shard.parse(o.string("shard"));
        ModelEnvironment env = ModelEnvironment.resolve(ctx.modelCard(), o.string("mode"), o.string("paint-vel-info"));
        Agent base = ctx.agent();
        List<Arm> arms = ArmParser.forOption(base.layout(), o.string("factors")).parse(o.string("edit"), o.string("controls"));
        Experiment experiment = new Experiment(levels, shard, arms, (int) batch, env.options(), ctx.seed(), o.flag("greedy"),
                Experiment.fingerprint(base), (int) workers, (int) threads);
        ctx.log().info("experiment: " + experiment.summary() + ", " + experiment.layout() + "; environment: " + env.origin());
        for (Arm a : arms) {
            for (Edit e : a.edits()) {
                Object src = e.describe().get("source");
                ctx.log().info("arm " + a.name() + ": " + e.spec() + (src == null ? "" : " — " + src));
            }
        }
        boolean journalInReport = o.string("journal").isBlank();
        Path journalFile = journalInReport ? ctx.outputDir().resolve("journal.jsonl") : Path.of(o.string("journal").trim());
        ForwardReference before = ForwardReference.NONE;
        ForwardReference after = ForwardReference.NONE;
        Speed speed;
        List<LevelOutcome> outcomes;
        try (Journal journal = Journal.open(journalFile, experiment.describe(), shard)) {
            if (journal.droppedBytes() > 0) {
                ctx.log().warn("dropped a torn last line (" + journal.droppedBytes() + " bytes) of " + journalFile
                        + "; that level is played again");
            }
            long todo = 0;
            for (Arm a : arms) {
                todo += experiment.remaining(journal, a).length;
            }
            long resumed = experiment.shardOutcomes() - todo;
            if (resumed > 0) {
                ctx.log().info("resuming " + journalFile + ": " + resumed + " of " + experiment.shardOutcomes()
                        + " (arm, level) outcomes already there, " + todo + " to play");
            }
            if (todo > 0) {
                before = ForwardReference.measure(base, (int) batch, referenceSeconds, (int) workers, (int) threads);
            }
            PluginContext.ProgressReporter progress = ctx.progress("playing levels", Math.max(1, todo));
            ResidentMemory memory = new ResidentMemory(todo, 20);
            Rollout.Stats stats = experiment.run(base, journal, n -> {
                progress.advance(n);
                memory.advance(n);
            });
            memory.sample();
            if (todo > 0) {
                after = ForwardReference.measure(base, (int) batch, referenceSeconds, (int) workers, (int) threads);
            }
            speed = Speed.of(stats, before, after, experiment.layout(), memory.samples());
            outcomes = journal.outcomes();
        }
        if (speed.frames() > 0) {
            ctx.log().info(String.format(Locale.ROOT, "played %,d levels (%,d frames) in %.1f s: %.0f frames/s; forward passes %.1f%% "
                    + "of the workers' time (%.1f ms each), %.1f%% of rows real: busy with real frames %.1f%% of the time%s",
                    speed.levelsPlayed(), speed.frames(), speed.wallSeconds(), speed.loopFps(), 100 * speed.forwardShare(),
                    speed.forwardMillis(), 100 * speed.slotUse(), 100 * speed.busy(), speed.referenceFps() > 0
                    ? String.format(Locale.ROOT, "; forward pass alone before/after: %.0f/%.0f frames/s (agent-benchmark layout), "
                    + "%.0f/%.0f (workers' layout); loop = %.1f%% of the faster, averaged", speed.before().benchFps(),
                    speed.after().benchFps(), speed.before().workersFps(), speed.after().workersFps(), 100 * speed.ratio()) : ""));
        }
        ExperimentResult result = ExperimentResult.of(arms, experiment.shardLevels(), outcomes);
        List<ExampleEpisodes.Example> written = ExampleEpisodes.write(base, experiment,
                ExampleEpisodes.choose(arms, result, outcomes, (int) examples), outcomes, ctx.outputDir(), ctx.log());
        return ReportFiles.write(ctx, experiment, shard.toString(), result, written, speed.frames() > 0 ? speed : null, journalFile,
                journalInReport);
    }

    /** Merges shard journals into one journal and one result; re-plays examples when the same model is given. */
    private Report merge(PluginContext ctx, String option, int workers, int threads) throws IOException {
        List<Path> files = journalsOf(option);
        JournalMerge m = JournalMerge.of(files);
        m.tornFiles().forEach(f -> ctx.log().warn(f + " ends in a torn line, ignored"));
        Experiment experiment = m.experiment().withWorkers(workers, threads);
        ExperimentResult result = ExperimentResult.of(experiment.arms(), experiment.shardLevels(), m.outcomes());
        Path merged = ctx.outputDir().resolve("journal.jsonl");
        AtomicWrite.writeString(merged, m.journalText());
        ctx.log().info("merged " + files.size() + " journals: " + m.outcomes().size() + " outcomes, " + experiment.summary());
        List<ExampleEpisodes.Example> written = List.of();
        long examples = ctx.options().integer("examples");
        if (examples > 0 && ctx.hasAgent()) {
            if (Experiment.fingerprint(ctx.agent()).equals(experiment.model())) {
                written = ExampleEpisodes.write(ctx.agent(), experiment,
                        ExampleEpisodes.choose(experiment.arms(), result, m.outcomes(), (int) examples), m.outcomes(), ctx.outputDir(),
                        ctx.log());
            } else {
                ctx.log().warn("the --model given is not the model the journals were played with; no example episodes");
            }
        } else if (examples > 0) {
            ctx.log().info("no --model given, so no example episodes (give the experiment's model to re-play them)");
        }
        return ReportFiles.write(ctx, experiment, "merged", result, written, null, merged, true);
    }

    /** The journal files of the {@code merge} option: every {@code *.jsonl} of a folder, or a list of files. */
    static List<Path> journalsOf(String option) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String part : option.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (part.isBlank()) {
                continue;
            }
            Path p = Path.of(part.trim());
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new PluginException("--opt merge: " + p + " is neither a journal file nor a folder; give a folder of shard "
                        + "journals (*.jsonl) or journal files separated by '" + File.pathSeparator + "'");
            }
        }
        if (files.isEmpty()) {
            throw new PluginException("--opt merge=" + option + " names no journal (*.jsonl); give a folder of shard journals or "
                    + "journal files separated by '" + File.pathSeparator + "'");
        }
        return files;
    }
}
