package org.rlvision.agent.train;

/**
 * Generalised advantage estimation over a rollout of {@code T} steps × {@code N} environments,
 * laid out time-major ({@code [t*N + i]}), with gym3's {@code first} flags marking where a new
 * episode began (so no bootstrapping across an episode boundary).
 */
public final class Gae {
    private Gae() {
    }

    /**
     * Computes advantages and returns (advantage + value).
     *
     * @param rewards    {@code [T*N]} reward received after acting at step t
     * @param values     {@code [T*N]} value estimate of the state at step t
     * @param firsts     {@code [T*N]} true where the state at step t starts an episode
     * @param lastValues {@code [N]} value of the state after the rollout
     * @param lastFirsts {@code [N]} true where that state starts an episode
     * @param advantages output {@code [T*N]}
     * @param returns    output {@code [T*N]}
     */
    public static void compute(int steps, int envs, float[] rewards, float[] values, boolean[] firsts, float[] lastValues,
                               boolean[] lastFirsts, float gamma, float lambda, float[] advantages, float[] returns) {
        for (int i = 0; i < envs; i++) {
            float lastGae = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + i;
                boolean nextFirst = t == steps - 1 ? lastFirsts[i] : firsts[k + envs];
                float nextValue = t == steps - 1 ? lastValues[i] : values[k + envs];
                float notDone = nextFirst ? 0f : 1f;
                float delta = rewards[k] + gamma * nextValue * notDone - values[k];
                lastGae = delta + gamma * lambda * notDone * lastGae;
                advantages[k] = lastGae;
                returns[k] = lastGae + values[k];
            }
        }
    }

    /** Normalises in place to mean 0 and standard deviation 1 (plus 1e-8), as PPO does per minibatch. */
    public static void normalise(float[] a, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += a[i];
        }
        mean /= (to - from);
        double var = 0;
        for (int i = from; i < to; i++) {
            var += (a[i] - mean) * (a[i] - mean);
        }
        double std = Math.sqrt(var / (to - from));
        for (int i = from; i < to; i++) {
            a[i] = (float) ((a[i] - mean) / (std + 1e-8));
        }
    }
}
