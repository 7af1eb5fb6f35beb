package org.rlvision.env.coinrun;

import org.rlvision.env.EnvOptions;

/**
 * Chooses the level seed of each new episode in one environment, as Procgen's {@code Game::reset}
 * does: {@code num_levels=0} draws from [0, 2³¹−1); otherwise {@code start_level + r %
 * num_levels}; with {@code use_sequential_levels} a completed level is followed by seed+997.
 */
public final class LevelSeedSequence {
    private final LevelRandom rng = new LevelRandom();
    private final int low;
    private final int high;
    private final boolean sequential;

    /**
     * Creates the sequence for one environment.
     *
     * @param options        environment options ({@code num_levels}, {@code start_level}, {@code use_sequential_levels})
     * @param generatorSeed  seed of this environment's level-seed generator (Procgen draws it from {@code rand_seed})
     */
    public LevelSeedSequence(EnvOptions options, int generatorSeed) {
        rng.seed(generatorSeed);
        if (options.numLevels() == 0) {
            low = 0;
            high = Integer.MAX_VALUE;
        } else {
            low = options.startLevel();
            high = options.startLevel() + options.numLevels();
        }
        sequential = options.useSequentialLevels();
    }

    /**
     * The seed of the next level.
     *
     * @param previousSeed     the seed just played (ignored on the first call)
     * @param previousComplete whether it was completed (only matters with sequential levels)
     */
    public int next(int previousSeed, boolean previousComplete) {
        if (sequential && previousComplete) {
            return previousSeed + 997;
        }
        return rng.randint(low, high);
    }

    /**
     * The generator seeds Procgen gives environments 0..n−1: successive raw draws of an mt19937
     * seeded with {@code rand_seed}.
     */
    public static int[] generatorSeeds(int randSeed, int numEnvs) {
        LevelRandom master = new LevelRandom();
        master.seed(randSeed);
        int[] seeds = new int[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            seeds[i] = master.randint();
        }
        return seeds;
    }
}
