package org.rlvision.agent.train;

import java.util.SplittableRandom;

/**
 * The random streams of a training run, one per (round, epoch) or update and derived from the
 * run's seed alone, so that a run resumed at any checkpoint draws exactly what the uninterrupted
 * run would have drawn.
 */
final class TrainingStreams {
    private TrainingStreams() {
    }

    /** The stream of step {@code (a, b)} of a run seeded with {@code seed}. */
    static SplittableRandom of(long seed, int a, int b) {
        long mixed = seed * 0x9E3779B97F4A7C15L + (a + 1L) * 0xBF58476D1CE4E5B9L + (b + 2L) * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }
}
