package org.rlvision.workbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.EnvOptions;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.EpisodeFile;
import org.rlvision.trajectories.Recorder;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.RunInfo;
import org.rlvision.trajectories.RunWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlvision record}: batched rollouts of a model in the Java CoinRun, written as a run folder
 * ({@code run.json} + one {@code .npz} per episode). {@code --resume} finishes an interrupted run by
 * repeating the same recording, checking the episodes already on disk and writing the missing ones.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a model's episodes: run.json plus one numpy .npz per episode (observations, actions, "
                + "rewards, values, logits, first flags, level seed, end cause).",
                "Episodes still running after --steps are kept and marked UNFINISHED."})
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvFlags env;

    @Option(names = "--model", paramLabel = "DIR", description = "Model bundle folder (default: the shipped models/coinrun-default).")
    Path model;

    @Option(names = "--envs", defaultValue = "8", description = "Environments stepped together (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--steps", defaultValue = "512", description = "Steps per environment (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--levels", defaultValue = "0..99", description = "Level seeds A..B (default: ${DEFAULT-VALUE}).")
    String levels;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of action sampling and of level order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--greedy", description = "Take the highest-logit action instead of sampling.")
    boolean greedy;

    @Option(names = "--labels", description = "Also record per-pixel semantic label maps [T,64,64].")
    boolean labels;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder to create.")
    Path out;

    @Option(names = "--resume", description = "Finish the interrupted run in --out (same model; its run.json gives the settings).")
    boolean resume;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        RunInfo info;
        model = Models.orDefault(model);
        try (ModelBundle bundle = Models.load(model)) {
            String sha = bundle.card().weights().sha256();
            if (resume) {
                try {
                    info = Run.readInfo(out);
                } catch (IOException e) {
                    throw new UserException("cannot resume: " + e.getMessage(), e);
                }
                if (Run.STATUS_COMPLETE.equals(info.status())) {
                    throw new UserException(out + " is already a complete run; nothing to resume");
                }
                if (!sha.equals(info.model().weightsSha256())) {
                    throw new UserException("cannot resume " + out + " with " + model + ": the run was recorded with weights sha256 "
                            + info.model().weightsSha256() + " (" + info.model().path() + ")");
                }
            } else {
                if (envs < 1 || envs > 1024) {
                    throw new UserException("--envs " + envs + " is out of range; use 1..1024");
                }
                if (steps < 1) {
                    throw new UserException("--steps " + steps + " must be at least 1");
                }
                SeedRange range = SeedRange.parse(levels);
                EnvOptions o = env.options(range.first(), range.size(), (int) seed, bundle.card().trainingEnvironment());
                info = RunRecording.newRun(model, bundle, o, envs, steps, range, seed,
                        greedy ? ActionSelection.GREEDY : ActionSelection.SAMPLE, labels,
                        spec.commandLine().getParseResult().originalArgs());
            }
            RunWriter writer;
            try {
                writer = resume ? RunWriter.reopen(out, info) : RunWriter.create(out, info);
            } catch (IOException e) {
                throw new UserException(e.getMessage(), e);
            }
            int[] kept = {0};
            Recorder.EpisodeSink sink = e -> {
                Path f = writer.file(e.index());
                if (resume && Files.exists(f)) {
                    Episode old;
                    try {
                        old = EpisodeFile.read(f);
                    } catch (IOException bad) {
                        writer.write(e);
                        return;
                    }
                    if (old.levelSeed() != e.levelSeed() || !java.util.Arrays.equals(old.actions(), e.actions())) {
                        throw new UserException("cannot resume: " + f + " (level " + old.levelSeed() + ") differs from the "
                                + "repeated recording (level " + e.levelSeed() + "); record into a new folder");
                    }
                    kept[0]++;
                    return;
                }
                writer.write(e);
            };
            Progress progress = new Progress("recording", (long) info.envs() * info.stepsPerEnv(), System.err, json);
            long t0 = System.nanoTime();
            Recorder.Summary s;
            s = RunRecording.play(bundle, info, sink, progress);
            int episodes = s.finished() + s.unfinished();
            writer.finish(episodes);
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("run", out.toString());
            j.put("episodes", episodes);
            j.put("finished", s.finished());
            j.put("unfinished", s.unfinished());
            j.put("successes", s.successes());
            Map<String, Integer> causes = new LinkedHashMap<>();
            s.causes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(c -> causes.put(c.getKey().name(), c.getValue()));
            j.put("causes", causes);
            j.put("steps", s.steps());
            j.put("seconds", Math.round(secs * 100) / 100.0);
            j.put("resumed_episodes_kept", resume ? kept[0] : null);
            j.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            if (json) {
                stdout.println(Json.write(j));
            } else {
                stdout.printf(Locale.ROOT, "recorded %d episodes (%d finished, %d unfinished; ends %s) in %,d steps, %.1f s, to %s%n",
                        episodes, s.finished(), s.unfinished(), causes, s.steps(), secs, out);
                if (resume) {
                    stdout.printf("resumed: %d episodes already on disk were checked and kept, %d written%n", kept[0], writer.written());
                }
            }
            return ExitCode.OK.code();
        }
    }
}
