package org.rlvision.workbench;

import org.rlvision.env.EndCause;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;
import org.rlvision.env.coinrun.LevelAscii;
import org.rlvision.env.coinrun.LevelFacts;
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
 * {@code rlvision env play}: prints a level as a text map with its facts, optionally plays a
 * scripted action sequence on it and reports how the episode ended, and draws it (PNG of the
 * first and last frame, animated GIF of the whole episode).
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Print a CoinRun level as a text map, optionally play a scripted action sequence on it, "
                + "and draw it as PNG/GIF.",
                "Map legend: # ground, ~ lava, $ coin, ^ saw, < > enemy walking left/right, c crate, @ agent."})
public final class EnvPlayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvFlags env;

    @Option(names = "--seed", defaultValue = "0", description = "Level seed to play (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--actions", paramLabel = "SCRIPT",
            description = "Actions to play, e.g. RIGHT*20,RIGHT+UP,RIGHT*10 (names or indices 0..14).")
    String actions;

    @Option(names = "--png", paramLabel = "FILE", description = "Write the first frame (and, after --actions, the last) as PNG.")
    Path png;

    @Option(names = "--gif", paramLabel = "FILE", description = "Write the played episode as an animated GIF (needs --actions).")
    Path gif;

    @Option(names = "--size", defaultValue = "256", description = "Image size in pixels for --png/--gif (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--json", description = "Print the result as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (size < 16 || size > 2048) {
            throw new UserException("--size " + size + " is out of range; use 16..2048 pixels");
        }
        if (gif != null && actions == null) {
            throw new UserException("--gif needs --actions to play; e.g. --actions RIGHT*40");
        }
        int[] script = actions == null ? new int[0] : ActionScript.parse(actions);
        CoinRunGame game = new CoinRunGame(env.mode());
        game.reset(seed);
        CoinRunRenderer renderer = new CoinRunRenderer(env.paintVelInfo(), !env.noCenterAgent);
        PrintWriter out = spec.commandLine().getOut();

        LevelFacts facts = LevelFacts.of(game);
        String startMap = LevelAscii.draw(game);
        List<BufferedImage> frames = new ArrayList<>();
        byte[] rgb = new byte[size * size * 3];
        BufferedImage first = frame(renderer, game, rgb);
        if (gif != null) {
            frames.add(first);
        }
        int steps = 0;
        float ret = 0;
        EndCause cause = null;
        for (int a : script) {
            game.step(a);
            steps++;
            ret += game.stepReward();
            if (gif != null || png != null) {
                BufferedImage f = frame(renderer, game, rgb);
                if (gif != null) {
                    frames.add(f);
                }
                if (png != null && (game.done() || steps == script.length)) {
                    Frames.writePng(sibling(png, "_last"), f);
                }
            }
            if (game.done()) {
                cause = game.endCause();
                break;
            }
        }
        if (png != null) {
            Frames.writePng(png, first);
        }
        if (gif != null) {
            Frames.writeGif(gif, frames, 83);
        }

        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", facts);
            m.put("options", env.options(seed, 1, 0).toProcgenKwargs());
            m.put("map", startMap);
            if (actions != null) {
                m.put("steps", steps);
                m.put("return", ret);
                m.put("end_cause", cause == null ? null : cause.name());
                m.put("agent_x", game.agent().x());
                m.put("agent_y", game.agent().y());
            }
            m.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(m));
        } else {
            out.println("CoinRun level " + seed + " (" + env.mode().procgenName() + "): " + facts.describe());
            out.print(startMap);
            if (actions != null) {
                String ending = cause == null ? "the episode is still running" : "ended by " + cause + " at step " + steps;
                out.printf("played %d of %d actions: %s, return %.1f%n", steps, script.length, ending, ret);
                out.print(LevelAscii.draw(game));
            }
            if (png != null) {
                out.println("wrote " + png + (actions != null ? " and " + sibling(png, "_last") : ""));
            }
            if (gif != null) {
                out.println("wrote " + gif + " (" + frames.size() + " frames)");
            }
        }
        return ExitCode.OK.code();
    }

    private BufferedImage frame(CoinRunRenderer renderer, CoinRunGame game, byte[] rgb) {
        renderer.render(game, size, rgb, 0, null, 0);
        return Frames.rgb(rgb, 0, size, 1);
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".png";
        return file.resolveSibling(stem + suffix + ext);
    }
}
