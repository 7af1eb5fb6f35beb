package org.rlvision.trajectories;

/**
 * Generalised advantage estimation (Schulman et al. 2016) from an episode's stored rewards and
 * values: {@code δ_t = r_t + γ V_{t+1} − V_t}, {@code A_t = δ_t + γλ A_{t+1}}, with
 * {@code V_T = 0} after a finished episode and {@code V_T = bootstrap_value} after an unfinished
 * one; returns are {@code A_t + V_t}. Computed in double, stored as float.
 *
 * @param advantages {@code [T]} advantage of each step
 * @param returns    {@code [T]} λ-returns, the value targets
 */
public record Advantages(float[] advantages, float[] returns) {

    /** GAE of a recorded episode. */
    public static Advantages of(Episode e, double gamma, double lambda) {
        return gae(e.rewards(), e.values(), e.finished() ? 0f : e.bootstrapValue(), gamma, lambda);
    }

    /**
     * GAE of one episode's steps.
     *
     * @param rewards   {@code [T]} rewards
     * @param values    {@code [T]} value estimates
     * @param nextValue value after the last step (0 if the episode ended there)
     * @param gamma     discount in [0,1]
     * @param lambda    GAE λ in [0,1]
     */
    public static Advantages gae(float[] rewards, float[] values, float nextValue, double gamma, double lambda) {
        if (rewards.length != values.length) {
            throw new IllegalArgumentException(rewards.length + " rewards but " + values.length + " values");
        }
        if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("gamma and lambda must be in [0,1], got " + gamma + " and " + lambda);
        }
        int t = rewards.length;
        float[] adv = new float[t];
        float[] ret = new float[t];
        double next = nextValue;
        double a = 0;
        for (int i = t - 1; i >= 0; i--) {
            double delta = rewards[i] + gamma * next - values[i];
            a = delta + gamma * lambda * a;
            adv[i] = (float) a;
            ret[i] = (float) (a + values[i]);
            next = values[i];
        }
        return new Advantages(adv, ret);
    }
}
