package org.rlvision.workbench;

import java.awt.image.BufferedImage;
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
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Replay;
import org.rlvision.trajectories.ReplayCheck;
import org.rlvision.trajectories.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rlvision replay RUN}: re-simulates recorded episodes from level seed and actions and checks
 * every frame bit for bit, re-evaluates the model on the stored frames, and draws an episode as a
 * GIF or a PNG strip.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded episodes: re-simulate them with the Java engine and check the frames are "
                + "bit-identical, re-evaluate the model on the stored frames (max |dvalue|), export a GIF or PNG strip.",
                "Exit status 1 if any episode differs."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run folder written by rlvision record.")
    Path runDir;

    @Option(names = "--episode", paramLabel = "K", description = "Only episode K (0-based); default: every episode.")
    Integer episode;

    @Option(names = "--model", paramLabel = "DIR", description = "Model to re-evaluate (default: the one in run.json).")
    Path model;

    @Option(names = "--no-eval", description = "Skip re-evaluating the model.")
    boolean noEval;

    @Option(names = "--gif", paramLabel = "FILE", description = "Write the episode (--episode, default 0) as a looping GIF.")
    Path gif;

    @Option(names = "--png", paramLabel = "FILE", description = "Write the episode as a PNG strip of frames.")
    Path png;

    @Option(names = "--every", defaultValue = "0", description = "PNG strip: one frame every N steps (default: about 16 frames).")
    int every;

    @Option(names = "--size", defaultValue = "128", description = "Frame size in the GIF and strip (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "0", description = "Unused by replay (deterministic); recorded for provenance.")
    long seed;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Run run;
        try {
            run = Run.open(runDir);
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        }
        if (run.episodeCount() == 0) {
            throw new UserException(runDir + " holds no complete episode files; record again or resume it with rlvision record --resume");
        }
        if (size < 64 || size > 1024 || size % 64 != 0) {
            throw new UserException("--size " + size + " must be a multiple of 64 in 64..1024");
        }
        List<Integer> which = new ArrayList<>();
        if (episode != null) {
            if (episode < 0 || episode >= run.episodeCount()) {
                throw new UserException("--episode " + episode + " does not exist; " + runDir + " has episodes 0.."
                        + (run.episodeCount() - 1));
            }
            which.add(episode);
        } else {
            for (int k = 0; k < run.episodeCount(); k++) {
                which.add(k);
            }
        }
        ModelBundle bundle = null;
        if (!noEval) {
            Path m = model != null ? model : run.modelDir();
            if (m == null) {
                throw new UserException(runDir + "/run.json names no model; pass --model DIR or --no-eval");
            }
            if (model == null && !Files.isDirectory(m)) {
                String named = run.info().model().path();
                throw new UserException("the run's model " + (named.equals(m.toString()) ? m : named + " (" + m + ")")
                        + " is not there; pass --model DIR or --no-eval");
            }
            bundle = Models.load(m);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int differing = 0;
        Episode shown = null;
        try {
            Progress progress = new Progress("replaying", which.size(), System.err, json);
            for (int k : which) {
                Episode e = run.episode(k);
                ReplayCheck c = Replay.check(e, run.info().envOptions(), bundle == null ? null : bundle.agent());
                if (!c.identical()) {
                    differing++;
                }
                if (shown == null && (episode == null ? k == 0 : k == episode)) {
                    shown = e;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("episode", k);
                r.put("file", run.episodeFiles().get(k).getFileName().toString());
                r.put("level_seed", c.levelSeed());
                r.put("steps", c.steps());
                r.put("recorded_end", c.recordedEnd());
                r.put("replayed_end", c.replayedEnd());
                r.put("identical", c.identical());
                r.put("first_differing_step", c.identical() ? null : c.firstDifferingStep());
                r.put("difference", c.identical() ? null : c.detail());
                r.put("max_abs_value_delta", Double.isNaN(c.maxAbsValueDelta()) ? null : c.maxAbsValueDelta());
                r.put("max_abs_logit_delta", Double.isNaN(c.maxAbsLogitDelta()) ? null : c.maxAbsLogitDelta());
                results.add(r);
                if (!json) {
                    stdout.printf(Locale.ROOT, "episode %d (level %d, %d steps, %s): %s%s%n", k, c.levelSeed(), c.steps(),
                            c.recordedEnd(), c.identical() ? "frames bit-identical"
                                    : "DIFFERS at step " + c.firstDifferingStep() + " (" + c.detail() + ")",
                            Double.isNaN(c.maxAbsValueDelta()) ? ""
                                    : String.format(Locale.ROOT, "; max |dvalue| %.3g, max |dlogit| %.3g",
                                    c.maxAbsValueDelta(), c.maxAbsLogitDelta()));
                }
                progress.advance(1);
            }
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        } finally {
            if (bundle != null) {
                bundle.close();
            }
        }
        List<String> written = new ArrayList<>();
        if (shown != null && (gif != null || png != null)) {
            int scale = size / 64;
            if (gif != null) {
                List<BufferedImage> frames = new ArrayList<>();
                for (int t = 0; t < shown.length(); t++) {
                    frames.add(Frames.rgb(shown.observations(), t * shown.frameBytes(), shown.height(), scale));
                }
                Frames.writeGif(gif, frames, 66);
                written.add(gif.toString());
            }
            if (png != null) {
                int k = every > 0 ? every : Math.max(1, (shown.length() + 15) / 16);
                List<BufferedImage> tiles = new ArrayList<>();
                for (int t = 0; t < shown.length(); t += k) {
                    tiles.add(Frames.rgb(shown.observations(), t * shown.frameBytes(), shown.height(), scale));
                }
                Frames.writePng(png, Frames.sheet(tiles, Math.min(16, tiles.size())));
                written.add(png.toString());
            }
        }
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("run", runDir.toString());
            j.put("episodes", results);
            j.put("differing", differing);
            j.put("images", written);
            j.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            stdout.println(Json.write(j));
        } else {
            stdout.printf("%d of %d episodes replay bit-identically%n", results.size() - differing, results.size());
            for (String w : written) {
                stdout.println("wrote " + w);
            }
        }
        return differing == 0 ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
