package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks a factor's dataset examples as lucid's {@code LayerNMF.vis_dataset_thumbnail} does: each
 * observation's peak is the largest value of the factor's map (positive plus negative attribution
 * on the factor) and where it lies; the observations are taken by decreasing peak, skipping one
 * whose peak position already holds {@value #MAX_PER_POSITION} examples, until
 * {@value #COUNT} are chosen.
 */
public final class DatasetExamples {
    /** Examples per factor (a 4×4 thumbnail). */
    public static final int COUNT = 16;
    /** At most this many examples may share a peak position. */
    public static final int MAX_PER_POSITION = 4;

    private DatasetExamples() {
    }

    /**
     * The strongest examples of factor j, strongest first.
     *
     * @param maps     the factors' maps of N observations
     * @param factor   j
     * @param episodes {@code [N]} episode of each observation
     * @param steps    {@code [N]} step of each observation
     * @return up to {@value #COUNT} examples with their observation's index in the maps
     */
    public static List<Example> select(FactorMaps maps, int factor, int[] episodes, int[] steps) {
        int n = maps.count();
        int cells = maps.cells();
        float[] peak = new float[n];
        int[] where = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float top = maps.magnitude(i, factor, 0);
            for (int p = 1; p < cells; p++) {
                float v = maps.magnitude(i, factor, p);
                if (v > top) {
                    top = v;
                    best = p;
                }
            }
            peak[i] = top;
            where[i] = best;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> peak[a] != peak[b] ? Float.compare(peak[b], peak[a]) : Integer.compare(a, b));
        int[] used = new int[cells];
        List<Example> out = new ArrayList<>();
        for (int a = 0; a < n && out.size() < COUNT; a++) {
            int i = order[a];
            if (peak[i] <= 0 || used[where[i]] >= MAX_PER_POSITION) {
                continue;
            }
            used[where[i]]++;
            out.add(new Example(i, new FactorView.DatasetExample(episodes[i], steps[i], where[i] / maps.width(),
                    where[i] % maps.width(), peak[i])));
        }
        return out;
    }

    /**
     * One chosen example.
     *
     * @param observation its index among the N observations
     * @param example     where it comes from and where the factor peaks
     */
    public record Example(int observation, FactorView.DatasetExample example) {
    }
}
