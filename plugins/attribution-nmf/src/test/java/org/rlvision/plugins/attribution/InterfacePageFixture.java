package org.rlvision.plugins.attribution;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.rlvision.env.Action;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.StepBatch;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.trajectories.Advantages;

/**
 * Synthetic but realistic interface models for the page's tests: real CoinRun frames played by the
 * Java engine (hard mode, velocity squares, a random right-leaning policy), and attribution maps
 * planted from the frames' semantic label maps: factor f's map is the fraction of each layer cell
 * covered by {@link #PLANTED}[f]'s pixels, in the negative maps for dangers (saw, enemy, lava) and
 * the positive maps otherwise, with a weaker echo of the opposite sign. Values fall towards a death
 * and rise towards the coin; logits favour the chosen action. Factor f has {@code 6 + 2f} dataset
 * examples at its strongest steps of the trajectories (trajectory i's episode j stands for the
 * run's episode {@link #runEpisode}(i, j)) and one more, weaker, in an episode no trajectory shows
 * ({@link #UNSHOWN_EPISODE}).
 */
final class InterfacePageFixture {
    /** The planted factors' classes, in factor order. */
    static final SemanticLabel[] PLANTED = {SemanticLabel.SAW, SemanticLabel.AGENT, SemanticLabel.COIN,
            SemanticLabel.ENEMY, SemanticLabel.WALL, SemanticLabel.LAVA, SemanticLabel.CRATE, SemanticLabel.VELOCITY_INFO};
    static final int SIZE = 64;
    /** The run episode of the one example per factor that lies outside the trajectories. */
    static final int UNSHOWN_EPISODE = 999_999;

    private InterfacePageFixture() {
    }

    /**
     * A model of {@code trajectories} trajectories of {@code steps} steps with {@code k} factors
     * (k ≤ 8) on a {@code grid}×{@code grid} layer (grid divides 64).
     */
    static InterfaceModel model(int trajectories, int steps, int k, int grid, long seed) {
        return model(trajectories, steps, k, grid, seed, 0);
    }

    /**
     * As {@link #model(int, int, int, int, long)}, with dense background attribution as real
     * integrated gradients give: a uniform draw from [0, 2·noise) added to every cell of every factor and sign.
     */
    static InterfaceModel model(int trajectories, int steps, int k, int grid, long seed, float noise) {
        List<TrajectoryView> views = new ArrayList<>();
        for (int i = 0; i < trajectories; i++) {
            views.add(trajectory(i, steps, k, grid, seed * 31 + i, noise));
        }
        List<FactorView> factors = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Color c = Color.getHSBColor((float) f / k, 0.85f, 1f);
            String label = FactorLabel.nameOf(PLANTED[f]);
            // factor 0 is labelled by lift (as attribution-nmf labels now), the others by IoU (as older reports were)
            Map<String, Double> lifts = new LinkedHashMap<>();
            if (f == 0) {
                lifts.put("background", 0.5);
                lifts.put(label, 8.3);
                lifts.put("enemy", 8.0);
            }
            factors.add(new FactorView(f, label, 0.62 - 0.05 * f, direction(f), c.getRGB() & 0xFFFFFF,
                    examples(views, f, k, grid), thumbnail(views, f, k, grid), Map.of(), lifts));
        }
        List<String> actions = Arrays.stream(Action.values()).map(Action::label).toList();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("model", "synthetic (planted label maps)");
        provenance.put("seed", seed);
        provenance.put("command", "InterfacePageFixture.model(" + trajectories + ", " + steps + ", " + k + ")");
        return new InterfaceModel("Planted attribution on CoinRun", provenance, "2b", "value", grid, grid, actions,
                factors, views);
    }

    /** The run episode index that trajectory i's episode j (0-based, in play order) stands for. */
    static int runEpisode(int trajectory, int episode) {
        return 100 * trajectory + episode;
    }

    /** Per trajectory, the run episode indices of its episodes, for {@link InterfacePage#write(InterfaceModel, List, java.nio.file.Path, String)}. */
    static List<int[]> runEpisodes(InterfaceModel model) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < model.trajectories().size(); i++) {
            int[] e = new int[PageScripts.episodes(model.trajectories().get(i))];
            for (int j = 0; j < e.length; j++) {
                e[j] = runEpisode(i, j);
            }
            out.add(e);
        }
        return out;
    }

    /** Number of factor f's examples that lie in the trajectories. */
    static int shownExamples(int f) {
        return 6 + 2 * f;
    }

    /**
     * Factor f's dataset examples: the {@link #shownExamples}(f) trajectory steps with the largest
     * single-cell attribution of f (at most one per step), strongest first, then one in
     * {@link #UNSHOWN_EPISODE}.
     */
    static List<FactorView.DatasetExample> examples(List<TrajectoryView> views, int f, int k, int grid) {
        record Peak(int trajectory, int step, int cell, float value) {
        }
        List<Peak> peaks = new ArrayList<>();
        int cells = grid * grid;
        for (int i = 0; i < views.size(); i++) {
            TrajectoryView v = views.get(i);
            for (int s = 0; s < v.length(); s++) {
                int best = 0;
                float max = -1;
                for (int c = 0; c < cells; c++) {
                    int at = (s * k + f) * cells + c;
                    float a = v.positive()[at] + v.negative()[at];
                    if (a > max) {
                        max = a;
                        best = c;
                    }
                }
                peaks.add(new Peak(i, s, best, max));
            }
        }
        peaks.sort((a, b) -> Float.compare(b.value(), a.value()));
        List<FactorView.DatasetExample> out = new ArrayList<>();
        for (Peak p : peaks.subList(0, Math.min(shownExamples(f), peaks.size()))) {
            boolean[] first = views.get(p.trajectory()).first();
            int episode = 0;
            int start = 0;
            for (int s = 1; s <= p.step(); s++) {
                if (first[s]) {
                    episode++;
                    start = s;
                }
            }
            out.add(new FactorView.DatasetExample(runEpisode(p.trajectory(), episode), p.step() - start,
                    p.cell() / grid, p.cell() % grid, p.value()));
        }
        out.add(new FactorView.DatasetExample(UNSHOWN_EPISODE, 3, 1, 2, out.isEmpty() ? 0f : out.get(out.size() - 1).value() / 2));
        return out;
    }

    private static float[] direction(int f) {
        float[] d = new float[32];
        d[f] = 1;
        return d;
    }

    private static TrajectoryView trajectory(int env, int steps, int k, int grid, long seed, float noise) {
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
                .optRandSeed((int) seed).build();
        Random random = new Random(seed);
        int frameBytes = SIZE * SIZE * 3;
        byte[] frames = new byte[steps * frameBytes];
        int[] seeds = new int[steps];
        boolean[] first = new boolean[steps];
        float[] rewards = new float[steps];
        int[] actions = new int[steps];
        int cells = grid * grid;
        float[] positive = new float[steps * k * cells];
        float[] negative = new float[steps * k * cells];
        byte[] labels = new byte[SIZE * SIZE];
        try (CoinRunVecEnv env1 = CoinRunVecEnv.create(1, options)) {
            for (int s = 0; s < steps; s++) {
                StepBatch b = env1.observe();
                System.arraycopy(b.observations(), 0, frames, s * frameBytes, frameBytes);
                seeds[s] = b.levelSeeds()[0];
                first[s] = s == 0 || b.first()[0];
                env1.labels(0, labels);
                plant(labels, s, k, grid, positive, negative);
                double u = random.nextDouble();
                actions[s] = u < 0.5 ? Action.RIGHT_UP.ordinal() : u < 0.85 ? Action.RIGHT.ordinal()
                        : random.nextInt(Action.COUNT);
                env1.act(new int[] {actions[s]});
                rewards[s] = env1.observe().rewards()[0];
            }
        }
        float[] values = new float[steps];
        float[] advantages = new float[steps];
        int start = 0;
        for (int s = 1; s <= steps; s++) {
            if (s == steps || first[s]) {
                boolean ended = s < steps;
                boolean coin = rewards[s - 1] > 0;
                for (int t = start; t < s; t++) {
                    int left = s - t;
                    values[t] = (float) (coin ? 9.6 * Math.pow(0.99, left) : 7 * (1 - Math.exp(-left / 15.0)))
                            + 0.3f * (float) random.nextGaussian();
                }
                Advantages a = Advantages.gae(Arrays.copyOfRange(rewards, start, s), Arrays.copyOfRange(values, start, s),
                        ended ? 0f : values[s - 1], 0.999, 0.95);
                System.arraycopy(a.advantages(), 0, advantages, start, s - start);
                start = s;
            }
        }
        if (noise > 0) {
            java.util.SplittableRandom fast = new java.util.SplittableRandom(seed);
            for (int i = 0; i < positive.length; i++) {
                positive[i] += 2 * noise * (float) fast.nextDouble();
                negative[i] += 2 * noise * (float) fast.nextDouble();
            }
        }
        float[] logits = new float[steps * Action.COUNT];
        for (int s = 0; s < steps; s++) {
            for (int a = 0; a < Action.COUNT; a++) {
                logits[s * Action.COUNT + a] = (float) (0.6 * random.nextGaussian() + (a == actions[s] ? 2.5 : 0));
            }
        }
        return new TrajectoryView(env, steps, SIZE, SIZE, frames, seeds, first, rewards, values, advantages, actions,
                logits, positive, negative);
    }

    private static void plant(byte[] labels, int step, int k, int grid, float[] positive, float[] negative) {
        int block = SIZE / grid;
        int cells = grid * grid;
        for (int f = 0; f < k; f++) {
            SemanticLabel label = PLANTED[f];
            boolean danger = label == SemanticLabel.SAW || label == SemanticLabel.ENEMY || label == SemanticLabel.LAVA;
            float amplitude = label == SemanticLabel.WALL ? 0.02f : 0.1f;
            int base = (step * k + f) * cells;
            for (int cy = 0; cy < grid; cy++) {
                for (int cx = 0; cx < grid; cx++) {
                    int n = 0;
                    for (int y = cy * block; y < (cy + 1) * block; y++) {
                        for (int x = cx * block; x < (cx + 1) * block; x++) {
                            if (labels[y * SIZE + x] == label.id()) {
                                n++;
                            }
                        }
                    }
                    float v = amplitude * n / (block * block);
                    (danger ? negative : positive)[base + cy * grid + cx] = v;
                    (danger ? positive : negative)[base + cy * grid + cx] = 0.15f * v;
                }
            }
        }
    }

    /** A 4×4 grid of 16×16 patches around the 16 strongest cells of factor f (one per step), as PNG. */
    private static byte[] thumbnail(List<TrajectoryView> views, int f, int k, int grid) {
        record Peak(TrajectoryView view, int step, int cell, float value) {
        }
        List<Peak> peaks = new ArrayList<>();
        int cells = grid * grid;
        for (TrajectoryView v : views) {
            for (int s = 0; s < v.length(); s++) {
                int best = 0;
                float max = -1;
                for (int c = 0; c < cells; c++) {
                    int i = (s * k + f) * cells + c;
                    float a = v.positive()[i] + v.negative()[i];
                    if (a > max) {
                        max = a;
                        best = c;
                    }
                }
                peaks.add(new Peak(v, s, best, max));
            }
        }
        peaks.sort((a, b) -> Float.compare(b.value(), a.value()));
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        int block = SIZE / grid;
        for (int n = 0; n < Math.min(16, peaks.size()); n++) {
            Peak p = peaks.get(n * Math.max(1, peaks.size() / 64));
            int cy = (p.cell() / grid) * block + block / 2;
            int cx = (p.cell() % grid) * block + block / 2;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int sy = Math.min(SIZE - 1, Math.max(0, cy - 8 + y));
                    int sx = Math.min(SIZE - 1, Math.max(0, cx - 8 + x));
                    int o = ((p.step() * SIZE + sy) * SIZE + sx) * 3;
                    byte[] fr = p.view().frames();
                    img.setRGB((n % 4) * 16 + x, (n / 4) * 16 + y, ((fr[o] & 255) << 16) | ((fr[o + 1] & 255) << 8) | (fr[o + 2] & 255));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
