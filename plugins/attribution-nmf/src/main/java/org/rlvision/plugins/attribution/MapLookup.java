package org.rlvision.plugins.attribution;

import java.util.HashMap;
import java.util.Map;

/**
 * Factor maps of observations found by where they come from in the run (episode position, step).
 *
 * @param maps  the maps
 * @param index observation index in {@code maps} by {@link #key(int, int)}
 */
record MapLookup(FactorMaps maps, Map<Long, Integer> index) {
    /** The lookup key of a step. */
    static long key(int episode, int step) {
        return (long) episode << 32 | (step & 0xFFFFFFFFL);
    }

    /** A lookup over maps of observations at ({@code episodes[i]}, {@code steps[i]}). */
    static MapLookup of(FactorMaps maps, int[] episodes, int[] steps) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < episodes.length; i++) {
            index.put(key(episodes[i], steps[i]), i);
        }
        return new MapLookup(maps, index);
    }

    /** True if the step has maps here. */
    boolean has(int episode, int step) {
        return index.containsKey(key(episode, step));
    }

    /** Copies the step's positive and negative maps ({@code k·h·w} each) to {@code offset} of the targets. */
    void copy(int episode, int step, float[] positive, float[] negative, int offset) {
        int i = index.get(key(episode, step));
        int n = maps.factors() * maps.cells();
        System.arraycopy(maps.positive(), maps.offset(i, 0), positive, offset, n);
        System.arraycopy(maps.negative(), maps.offset(i, 0), negative, offset, n);
    }
}
