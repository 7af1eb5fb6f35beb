package org.rlvision.plugins.circuitedit;

import org.rlvision.agent.train.Evaluation;

/**
 * A proportion {@code count/n} with its 95% Wilson score interval, the interval a reviewer expects
 * for rates near 0% or 100% (where the normal approximation breaks down).
 *
 * @param count the number of levels with the outcome
 * @param n     the number of levels
 * @param rate  {@code count/n}
 * @param low   lower end of the 95% interval, in [0,1]
 * @param high  upper end of the 95% interval, in [0,1]
 */
public record WilsonInterval(int count, int n, double rate, double low, double high) {
    /** Checks the counts. */
    public WilsonInterval {
        if (n < 0 || count < 0 || count > n) {
            throw new IllegalArgumentException("a proportion needs 0 <= count <= n, got " + count + "/" + n);
        }
    }

    /**
     * The 95% Wilson interval of {@code count} out of {@code n}, as the agent's evaluation computes
     * it ({@link Evaluation#wilson}); for {@code n = 0} the rate is undefined (NaN) and the interval
     * is [0,1].
     */
    public static WilsonInterval of(int count, int n) {
        double[] ci = Evaluation.wilson(count, n);
        return new WilsonInterval(count, n, n == 0 ? Double.NaN : (double) count / n, ci[0], ci[1]);
    }
}
