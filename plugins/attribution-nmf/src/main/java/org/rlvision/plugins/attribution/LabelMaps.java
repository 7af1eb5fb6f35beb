package org.rlvision.plugins.attribution;

import java.io.IOException;
import java.util.Arrays;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.StepBatch;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.plugin.PluginException;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;

/**
 * The semantic label maps ({@code [H,W]} label ids) of observations drawn from a run: read from
 * the episode files when the run was recorded with {@code --labels}, otherwise re-rendered by
 * replaying the episode in the embedded Java engine from its level seed and actions (the engine
 * is deterministic), with every needed frame checked against the recorded one.
 */
public final class LabelMaps {
    private LabelMaps() {
    }

    /**
     * Label maps of the observations at ({@code episodes[i]}, {@code steps[i]}), listed in run order.
     *
     * @param run      the run
     * @param episodes episode positions, non-decreasing
     * @param steps    steps within their episodes
     * @return {@code [N,H,W]} label ids
     * @throws PluginException if an episode without labels cannot be replayed exactly
     */
    public static byte[] of(Run run, int[] episodes, int[] steps) throws IOException {
        byte[] out = null;
        int p = 0;
        while (p < episodes.length) {
            int e = episodes[p];
            int end = p;
            while (end < episodes.length && episodes[end] == e) {
                end++;
            }
            Episode ep = run.episode(e);
            int pixels = ep.height() * ep.width();
            if (out == null) {
                out = new byte[Math.multiplyExact(episodes.length, pixels)];
            }
            int[] wanted = Arrays.copyOfRange(steps, p, end);
            byte[] maps = ep.labels() != null ? ep.labels() : replay(run, ep, wanted);
            for (int i = p; i < end; i++) {
                System.arraycopy(maps, steps[i] * pixels, out, i * pixels, pixels);
            }
            p = end;
        }
        return out == null ? new byte[0] : out;
    }

    /** Label maps of every step up to the last wanted one ({@code [T,H,W]}, zeros after it). */
    private static byte[] replay(Run run, Episode e, int[] wanted) {
        if (!"java".equals(run.info().backend())) {
            throw new PluginException("run " + run.dir() + " was recorded with the " + run.info().backend()
                    + " backend and has no label maps; record it with rlvision record --labels");
        }
        EnvOptions options = run.info().envOptions().toBuilder().optSingleLevel(e.levelSeed()).build();
        int pixels = e.height() * e.width();
        int last = Arrays.stream(wanted).max().orElse(-1);
        byte[] maps = new byte[Math.multiplyExact(e.length(), pixels)];
        byte[] one = new byte[pixels];
        int frame = e.frameBytes();
        try (CoinRunVecEnv env = CoinRunVecEnv.create(1, options)) {
            int[] action = new int[1];
            for (int t = 0; t <= last; t++) {
                StepBatch s = env.observe();
                if (!Arrays.equals(s.observations(), 0, frame, e.observations(), t * frame, (t + 1) * frame)) {
                    throw new PluginException("episode " + e.index() + " of run " + run.dir() + " does not replay exactly "
                            + "(frame " + t + " differs), so its label maps cannot be re-rendered; record the run with "
                            + "rlvision record --labels");
                }
                env.labels(0, one);
                System.arraycopy(one, 0, maps, t * pixels, pixels);
                action[0] = e.actions()[t];
                env.act(action);
            }
        }
        return maps;
    }
}
