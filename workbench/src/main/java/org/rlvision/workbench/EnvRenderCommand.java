package org.rlvision.workbench;

import org.rlvision.env.Action;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;
import org.rlvision.env.coinrun.LevelFacts;
import org.rlvision.env.coinrun.SemanticLabel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision env render}: writes the observation and its per-pixel semantic label map for a
 * range of level seeds, plus contact sheets and an index with provenance.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Write PNG frames and per-pixel semantic label maps for a range of levels.",
                "Per seed: frame_S.png (the observation), labels_S.png (grey value = label id) and "
                        + "labels_S_color.png; plus sheet.png, labels_sheet.png and render.json."})
public final class EnvRenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvFlags env;

    @Option(names = "--seeds", defaultValue = "0..15", description = "Level seeds A..B (default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--size", defaultValue = "64", description = "Frame size in pixels; 64 is the agent's observation (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", defaultValue = "0", description = "Steps to play before capturing (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--action", defaultValue = "RIGHT", description = "Action held during --steps (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed; rendering is deterministic, recorded for provenance (default: ${DEFAULT-VALUE}).")
    int runSeed;

    @Option(names = "--json", description = "Print the index as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds);
        if (size < 16 || size > 2048) {
            throw new UserException("--size " + size + " is out of range; use 16..2048 pixels");
        }
        if (steps < 0 || steps > CoinRunGame.TIMEOUT) {
            throw new UserException("--steps " + steps + " is out of range; use 0.." + CoinRunGame.TIMEOUT);
        }
        int act;
        try {
            act = Action.parse(action).ordinal();
        } catch (IllegalArgumentException e) {
            throw new UserException("--action: " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        CoinRunGame game = new CoinRunGame(env.mode());
        CoinRunRenderer renderer = new CoinRunRenderer(env.paintVelInfo(), !env.noCenterAgent);
        byte[] rgb = new byte[size * size * 3];
        byte[] labels = new byte[size * size];
        int scale = Math.max(1, 128 / size);
        List<BufferedImage> frameTiles = new ArrayList<>();
        List<BufferedImage> labelTiles = new ArrayList<>();
        List<Map<String, Object>> levels = new ArrayList<>();
        Progress progress = new Progress("rendering", range.size(), System.err, json);
        range.seeds().forEach(seed -> {
            game.reset(seed);
            LevelFacts facts = LevelFacts.of(game);
            int played = 0;
            while (played < steps && !game.done()) {
                game.step(act);
                played++;
            }
            renderer.render(game, size, rgb, 0, labels, 0);
            Frames.writePng(out.resolve("frame_" + seed + ".png"), Frames.rgb(rgb, 0, size, 1));
            Frames.writePng(out.resolve("labels_" + seed + ".png"), Frames.labelIds(labels, size));
            BufferedImage colours = Frames.labelColors(labels, size, 1);
            Frames.writePng(out.resolve("labels_" + seed + "_color.png"), colours);
            if (frameTiles.size() < 64) {
                frameTiles.add(Frames.rgb(rgb, 0, size, scale));
                labelTiles.add(Frames.labelColors(labels, size, scale));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seed", seed);
            entry.put("frame", "frame_" + seed + ".png");
            entry.put("labels", "labels_" + seed + ".png");
            entry.put("steps_played", played);
            entry.put("ended", game.done() ? game.endCause().name() : null);
            entry.put("level", facts);
            levels.add(entry);
            progress.advance(1);
        });
        int columns = Math.min(8, frameTiles.size());
        Frames.writePng(out.resolve("sheet.png"), Frames.sheet(frameTiles, columns));
        Frames.writePng(out.resolve("labels_sheet.png"), Frames.sheet(labelTiles, columns));

        Map<String, Object> index = new LinkedHashMap<>();
        index.put("seeds", range.toString());
        index.put("size", size);
        index.put("steps", steps);
        index.put("action", Action.of(act).label());
        index.put("options", env.options(range.first(), range.size(), runSeed).toProcgenKwargs());
        Map<String, Integer> legend = new LinkedHashMap<>();
        for (SemanticLabel l : SemanticLabel.values()) {
            legend.put(l.name().toLowerCase(java.util.Locale.ROOT), (int) l.id());
        }
        index.put("label_ids", legend);
        index.put("levels", levels);
        index.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
        String text = Json.write(index);
        AtomicFiles.writeString(out.resolve("render.json"), text);
        if (json) {
            stdout.println(text);
        } else {
            stdout.printf("wrote %d frames and label maps (%dx%d) to %s; contact sheets sheet.png and labels_sheet.png%n",
                    range.size(), size, size, out);
        }
        return ExitCode.OK.code();
    }
}
