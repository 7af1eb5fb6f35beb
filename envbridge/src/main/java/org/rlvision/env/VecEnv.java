package org.rlvision.env;

/**
 * A batch of environments stepped together, with gym3 semantics as Procgen exposes them.
 *
 * <p>{@link #observe()} returns the state after the last {@link #act}: the reward of that step,
 * the current observation, and {@code first=true} where an episode just started (the environment
 * resets itself when an episode ends, so the observation is then the new level's first frame).
 * Typical loop:
 * <pre>{@code
 * try (VecEnv env = CoinRunVecEnv.create(8, EnvOptions.defaults())) {
 *     for (int t = 0; t < 1000; t++) {
 *         StepBatch s = env.observe();
 *         env.act(policy.act(s.observations()));
 *     }
 * }
 * }</pre>
 */
public interface VecEnv extends AutoCloseable {
    /** Number of environments in the batch. */
    int numEnvs();

    /** Observation and action spec. */
    EnvSpec spec();

    /** The options the environments were created with. */
    EnvOptions options();

    /** The current rewards, observations, first flags and infos (arrays reused by the next step). */
    StepBatch observe();

    /**
     * Steps every environment with its action.
     *
     * @param actions one action index 0..14 per environment
     * @throws IllegalArgumentException if the length or an action is out of range
     */
    void act(int[] actions);

    /** Releases the environments (and any worker process). */
    @Override
    void close();

    /**
     * Re-creates the environments with other options in place, where that is much cheaper than a
     * new {@code VecEnv} (the Procgen bridge keeps its Python worker); the result is the same as a
     * new one made with {@code newOptions}.
     *
     * @return false, changing nothing, when this backend has no cheaper path than making a new one
     */
    default boolean reconfigureInPlace(EnvOptions newOptions) {
        return false;
    }
}
