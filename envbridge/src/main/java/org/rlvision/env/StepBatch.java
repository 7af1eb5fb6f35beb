package org.rlvision.env;

/**
 * What {@link VecEnv#observe()} returns: for each environment the reward of the last step, the
 * observation, the {@code first} flag and the info fields, in flat arrays so a step allocates
 * nothing.
 *
 * <p>The arrays belong to the environment and are overwritten by the next {@link VecEnv#act};
 * copy what must outlive the step. Index {@code i} is environment {@code i}.
 */
public final class StepBatch {
    private final int numEnvs;
    private final int obsBytes;
    /** Reward of the step that led here, per env. */
    final float[] rewards;
    /** Observations, {@code [numEnvs,H,W,3]} uint8 RGB, row-major (NHWC). */
    final byte[] observations;
    /** True where this observation starts a new episode. */
    final boolean[] first;
    /** Seed of the level now being played. */
    final int[] levelSeed;
    /** Seed of the level the last step was played in. */
    final int[] prevLevelSeed;
    /** True where the last step completed its level. */
    final boolean[] prevLevelComplete;
    /** The finished episode where the last step ended one, else null. */
    final EpisodeEnd[] episodeEnd;

    /**
     * Allocates the buffers for {@code numEnvs} environments of this spec.
     *
     * @param numEnvs number of environments
     * @param spec    observation spec
     */
    public StepBatch(int numEnvs, EnvSpec spec) {
        this.numEnvs = numEnvs;
        this.obsBytes = spec.observationBytes();
        rewards = new float[numEnvs];
        observations = new byte[numEnvs * obsBytes];
        first = new boolean[numEnvs];
        levelSeed = new int[numEnvs];
        prevLevelSeed = new int[numEnvs];
        prevLevelComplete = new boolean[numEnvs];
        episodeEnd = new EpisodeEnd[numEnvs];
    }

    /** Number of environments. */
    public int numEnvs() {
        return numEnvs;
    }

    /** Bytes per observation ({@code H*W*3}). */
    public int observationBytes() {
        return obsBytes;
    }

    /** The rewards array, one per env (live view). */
    public float[] rewards() {
        return rewards;
    }

    /** All observations, {@code [numEnvs,H,W,3]} uint8 (live view). */
    public byte[] observations() {
        return observations;
    }

    /** The first flags (live view). */
    public boolean[] first() {
        return first;
    }

    /** The current level seeds (live view). */
    public int[] levelSeeds() {
        return levelSeed;
    }

    /** Procgen's {@code prev_level_seed} per env (live view). */
    public int[] prevLevelSeeds() {
        return prevLevelSeed;
    }

    /** Procgen's {@code prev_level_complete} per env (live view). */
    public boolean[] prevLevelComplete() {
        return prevLevelComplete;
    }

    /** The episode that ended on the last step in env {@code i}, or null. */
    public EpisodeEnd episodeEnd(int i) {
        return episodeEnd[i];
    }

    /** Copies env {@code i}'s observation ({@code [H,W,3]} uint8) into {@code dst}. */
    public void copyObservation(int i, byte[] dst) {
        System.arraycopy(observations, i * obsBytes, dst, 0, obsBytes);
    }

    /** Writable view for backends in other packages. */
    public Writer writer() {
        return new Writer();
    }

    /** Write access to the arrays, for environment implementations. */
    public final class Writer {
        private Writer() {
        }

        /** The observation buffer to render into. */
        public byte[] observations() {
            return observations;
        }

        /** Sets everything but the observation for env {@code i}. */
        public void set(int i, float reward, boolean isFirst, int levelSeed, int prevLevelSeed,
                        boolean prevLevelComplete, EpisodeEnd end) {
            StepBatch.this.rewards[i] = reward;
            StepBatch.this.first[i] = isFirst;
            StepBatch.this.levelSeed[i] = levelSeed;
            StepBatch.this.prevLevelSeed[i] = prevLevelSeed;
            StepBatch.this.prevLevelComplete[i] = prevLevelComplete;
            StepBatch.this.episodeEnd[i] = end;
        }
    }
}
