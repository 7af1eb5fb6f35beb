package org.rlvision.plugins.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interface's data files as JavaScript: {@code index.js} (factors, trajectory list,
 * bookmarks, scale, provenance) and one {@code traj-N.js} per trajectory (timeline as JSON
 * numbers, frames and quantised attribution maps as {@link PageBlob}s). Each file is one call,
 * {@code RLV.defineIndex({...})} or {@code RLV.defineTrajectory(N, {...})}, so the page reads
 * its data with {@code <script>} elements, which work from {@code file://} where
 * {@code fetch()} does not. Floats are written with Java's shortest round-trip form, so the
 * page sees exactly the model's numbers.
 */
final class PageScripts {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private PageScripts() {
    }

    /** The name of trajectory {@code i}'s data file inside the assets folder. */
    static String trajectoryFile(int i) {
        return "traj-" + i + ".js";
    }

    /**
     * {@code index.js}: everything but the per-trajectory arrays.
     *
     * @param model     the model
     * @param scale     the attribution scale
     * @param top       bookmarks at the largest advantages
     * @param bottom    bookmarks at the smallest advantages
     * @param runEpisodes per trajectory, the run's episode index of each of its episodes in order
     *                  (see {@link InterfacePage#write(InterfaceModel, List, Path, String)}), or
     *                  {@code null} when unknown; lets the page find dataset examples in the trajectories
     */
    static String index(InterfaceModel model, PageScale scale, List<PageBookmarks.Bookmark> top,
                        List<PageBookmarks.Bookmark> bottom, List<int[]> runEpisodes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "rlvision-interface");
        m.put("formatVersion", 1);
        m.put("title", model.title());
        m.put("layer", model.layer());
        m.put("output", model.output());
        m.put("layerHeight", model.layerHeight());
        m.put("layerWidth", model.layerWidth());
        m.put("actionNames", model.actionNames());
        List<Map<String, Object>> factors = new ArrayList<>();
        for (FactorView f : model.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("index", f.index());
            fm.put("label", f.label());
            fm.put("iou", f.iou());
            fm.put("iouByClass", f.iouByClass());
            if (!Double.isNaN(f.lift())) {
                // JSON has no infinity: null stands for it (a factor that is zero off the class's cells)
                fm.put("lift", Double.isInfinite(f.lift()) ? null : f.lift());
                Map<String, Double> lifts = new LinkedHashMap<>();
                f.liftByClass().forEach((c, v) -> lifts.put(c, Double.isInfinite(v) ? null : v));
                fm.put("liftByClass", lifts);
            }
            fm.put("color", String.format(Locale.ROOT, "#%06x", f.rgb() & 0xFFFFFF));
            fm.put("thumbnail", f.thumbnailPng() == null || f.thumbnailPng().length == 0 ? null
                    : "data:image/png;base64," + Base64.getEncoder().encodeToString(f.thumbnailPng()));
            List<Object[]> examples = new ArrayList<>();
            for (FactorView.DatasetExample e : f.examples()) {
                examples.add(new Object[] {e.episode(), e.step(), e.y(), e.x(), e.value()});
            }
            fm.put("examples", examples);
            factors.add(fm);
        }
        m.put("factors", factors);
        List<Map<String, Object>> trajectories = new ArrayList<>();
        for (int i = 0; i < model.trajectories().size(); i++) {
            TrajectoryView t = model.trajectories().get(i);
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("index", i);
            tm.put("env", t.env());
            tm.put("length", t.length());
            tm.put("episodes", episodes(t));
            if (runEpisodes != null) {
                tm.put("runEpisodes", segments(t, runEpisodes.get(i)));
            }
            double ret = 0;
            for (float r : t.rewards()) {
                ret += r;
            }
            tm.put("totalReward", ret);
            tm.put("file", trajectoryFile(i));
            trajectories.add(tm);
        }
        m.put("trajectories", trajectories);
        m.put("bookmarks", Map.of("largest", top, "smallest", bottom));
        m.put("scale", Map.of("normaliser", scale.normaliser(), "clip", scale.clip()));
        m.put("provenance", model.provenance());
        return "RLV.defineIndex(" + write(m) + ");\n";
    }

    /**
     * {@code traj-N.js}: trajectory {@code i}'s timeline, frames and maps.
     *
     * @param i     trajectory index
     * @param t     the trajectory
     * @param k     number of factors
     * @param cells {@code h·w} positions of the layer grid
     * @param scale the attribution scale
     */
    static String trajectory(int i, TrajectoryView t, int k, int cells, PageScale scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", i);
        m.put("env", t.env());
        m.put("length", t.length());
        m.put("height", t.height());
        m.put("width", t.width());
        m.put("levelSeeds", t.levelSeeds());
        int[] first = new int[t.length()];
        for (int s = 0; s < first.length; s++) {
            first[s] = t.first()[s] ? 1 : 0;
        }
        m.put("first", first);
        m.put("rewards", t.rewards());
        m.put("values", t.values());
        m.put("advantages", t.advantages());
        m.put("actions", t.actions());
        m.put("logits", t.logits());
        m.put("positiveTotals", totals(t.positive(), t.length(), k, cells));
        m.put("negativeTotals", totals(t.negative(), t.length(), k, cells));
        m.put("frames", PageBlob.encode(t.frames(), PageBlob.FRAMES_LEVEL));
        m.put("positive", PageBlob.encode(scale.quantise(t.positive()), PageBlob.MAPS_LEVEL));
        m.put("negative", PageBlob.encode(scale.quantise(t.negative()), PageBlob.MAPS_LEVEL));
        return "RLV.defineTrajectory(" + i + ", " + write(m) + ");\n";
    }

    /** Number of episodes the trajectory touches: its {@code first} flags, plus one if it starts mid-episode. */
    static int episodes(TrajectoryView t) {
        int n = 0;
        for (int s = 0; s < t.length(); s++) {
            if (t.first()[s] || s == 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The trajectory's episodes as {@code [run episode index, first step, steps]} triples: episode
     * {@code j} of the trajectory starts at its {@code j}-th start ({@code first} flag or step 0).
     */
    static List<int[]> segments(TrajectoryView t, int[] runEpisodes) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < t.length(); s++) {
            if (t.first()[s] || s == 0) {
                out.add(new int[] {runEpisodes[out.size()], s, 0});
            }
            out.get(out.size() - 1)[2]++;
        }
        return out;
    }

    /** {@code [T,k]} sums over the layer grid of {@code [T,k,cells]} maps, accumulated in double. */
    static float[] totals(float[] maps, int steps, int k, int cells) {
        float[] out = new float[steps * k];
        for (int i = 0; i < steps * k; i++) {
            double sum = 0;
            for (int p = i * cells; p < (i + 1) * cells; p++) {
                sum += maps[p];
            }
            out[i] = (float) sum;
        }
        return out;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the interface data could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
