package org.rlvision.trajectories;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws observations from a recorded run for analyses: N uniformly at random over all steps
 * (without replacement, seeded), or every k-th step of every episode. Episodes are read one at a
 * time, so memory holds the sample plus one episode.
 */
public final class Sampling {
    private Sampling() {
    }

    /**
     * {@code n} distinct observations drawn uniformly over every step of the run, returned in run
     * order (episode, then step).
     *
     * @throws IllegalArgumentException if the run has fewer than {@code n} steps
     * @throws IOException              if an episode file cannot be read
     */
    public static ObservationSample uniform(Run run, int n, long seed) throws IOException {
        int[] lengths = run.lengths();
        long total = Arrays.stream(lengths).asLongStream().sum();
        if (n < 1 || n > total) {
            throw new IllegalArgumentException("cannot sample " + n + " observations from a run of " + total
                    + " steps; ask for 1.." + total);
        }
        // Floyd's algorithm: n distinct values in [0,total) with n draws.
        java.util.HashSet<Long> chosen = new java.util.HashSet<>();
        SplittableRandom rng = new SplittableRandom(seed);
        for (long j = total - n; j < total; j++) {
            long v = rng.nextLong(j + 1);
            chosen.add(chosen.contains(v) ? j : v);
        }
        long[] picks = chosen.stream().mapToLong(Long::longValue).sorted().toArray();
        return gather(run, lengths, picks);
    }

    /**
     * Every {@code k}-th observation of every episode (steps 0, k, 2k, …).
     *
     * @throws IOException if an episode file cannot be read
     */
    public static ObservationSample everyKSteps(Run run, int k) throws IOException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int[] lengths = run.lengths();
        long[] offsets = new long[lengths.length];
        int count = 0;
        for (int e = 0; e < lengths.length; e++) {
            count += (lengths[e] + k - 1) / k;
            offsets[e] = e == 0 ? 0 : offsets[e - 1] + lengths[e - 1];
        }
        long[] picks = new long[count];
        int p = 0;
        for (int e = 0; e < lengths.length; e++) {
            for (int t = 0; t < lengths[e]; t += k) {
                picks[p++] = offsets[e] + t;
            }
        }
        return gather(run, lengths, picks);
    }

    /** Loads the observations at sorted global step indices. */
    private static ObservationSample gather(Run run, int[] lengths, long[] picks) throws IOException {
        int[] episodes = new int[picks.length];
        int[] steps = new int[picks.length];
        byte[] frames = null;
        int h = 0;
        int w = 0;
        int p = 0;
        long offset = 0;
        for (int e = 0; e < lengths.length && p < picks.length; e++) {
            long end = offset + lengths[e];
            if (picks[p] < end) {
                Episode ep = run.episode(e);
                if (frames == null) {
                    h = ep.height();
                    w = ep.width();
                    frames = new byte[Math.multiplyExact(picks.length, ep.frameBytes())];
                }
                int fb = ep.frameBytes();
                while (p < picks.length && picks[p] < end) {
                    int t = (int) (picks[p] - offset);
                    System.arraycopy(ep.observations(), t * fb, frames, p * fb, fb);
                    episodes[p] = e;
                    steps[p] = t;
                    p++;
                }
            }
            offset = end;
        }
        return new ObservationSample(h, w, frames, episodes, steps);
    }
}
