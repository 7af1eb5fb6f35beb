package org.rlvision.agent.train;

/** Discounted returns of an episode's rewards, the value targets the trainer fits. */
public final class Returns {
    private Returns() {
    }

    /**
     * {@code G_t = r_t + γ·G_{t+1}} for {@code t = n−1..0}, with {@code G_n = bootstrap}.
     *
     * @param rewards   rewards of steps 0..n−1
     * @param gamma     discount factor
     * @param bootstrap value after the last step (0 if the episode ended)
     */
    public static float[] discounted(float[] rewards, int n, float gamma, float bootstrap) {
        float[] g = new float[n];
        float acc = bootstrap;
        for (int t = n - 1; t >= 0; t--) {
            acc = rewards[t] + gamma * acc;
            g[t] = acc;
        }
        return g;
    }
}
