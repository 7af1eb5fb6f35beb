package org.rlvision.plugins.circuitedit;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided two-proportion z-test with the pooled proportion: did an edit change the rate of
 * one outcome against the original agent, over the same number of levels?
 *
 * @param countA  levels with the outcome in arm A (the edit)
 * @param nA      levels played by arm A
 * @param countB  levels with the outcome in arm B (the original)
 * @param nB      levels played by arm B
 * @param z       {@code (pA − pB) / sqrt(p(1−p)(1/nA + 1/nB))} with the pooled {@code p = (countA+countB)/(nA+nB)};
 *                0 when both rates are 0 or both are 1 (no variance, no evidence of a difference)
 * @param pValue  {@code 2·Φ(−|z|)}, from Apache Commons Math's standard normal
 */
public record TwoProportionTest(int countA, int nA, int countB, int nB, double z, double pValue) {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** Runs the test. */
    public static TwoProportionTest of(int countA, int nA, int countB, int nB) {
        if (nA <= 0 || nB <= 0 || countA < 0 || countB < 0 || countA > nA || countB > nB) {
            throw new IllegalArgumentException("a two-proportion test needs 0 <= count <= n and n > 0 in both arms, got "
                    + countA + "/" + nA + " and " + countB + "/" + nB);
        }
        double pA = (double) countA / nA;
        double pB = (double) countB / nB;
        double pooled = (double) (countA + countB) / (nA + nB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        double z = se == 0 ? 0 : (pA - pB) / se;
        // Φ(−|z|) rather than 1 − Φ(|z|): keeps its precision far into the tail (z = 20 gives 1e-88, not 0)
        double p = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        return new TwoProportionTest(countA, nA, countB, nB, z, p);
    }

    /** The difference of the rates, A minus B, in [-1,1]. */
    public double difference() {
        return (double) countA / nA - (double) countB / nB;
    }

    /**
     * The ratio of the rates, A over B (the risk ratio: 1.24 means the edit makes the outcome 24%
     * more frequent); NaN when B never had the outcome. With the difference it tells whether an
     * edit is specific: two causes can rise by different points and the same proportion.
     */
    public double ratio() {
        return countB == 0 ? Double.NaN : ((double) countA / nA) / ((double) countB / nB);
    }

    /**
     * The ratio's 95% confidence interval {@code {low, high}} by the log method (Katz et al. 1978):
     * {@code exp(ln(ratio) ± 1.96·sqrt(1/countA − 1/nA + 1/countB − 1/nB))}; NaNs when either
     * count is 0.
     */
    public double[] ratioInterval() {
        if (countA == 0 || countB == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double se = Math.sqrt(1.0 / countA - 1.0 / nA + 1.0 / countB - 1.0 / nB);
        double log = Math.log(ratio());
        double half = Z_975 * se;
        return new double[] {Math.exp(log - half), Math.exp(log + half)};
    }

    /** The standard normal's 97.5% quantile, 1.95996… */
    private static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);
}
