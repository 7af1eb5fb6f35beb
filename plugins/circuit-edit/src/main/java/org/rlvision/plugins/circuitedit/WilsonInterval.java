package org.rlvision.plugins.circuitedit;

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
    /** The standard normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** Checks the counts. */
    public WilsonInterval {
        if (n < 0 || count < 0 || count > n) {
            throw new IllegalArgumentException("a proportion needs 0 <= count <= n, got " + count + "/" + n);
        }
    }

    /**
     * The 95% Wilson interval of {@code count} out of {@code n}:
     * {@code (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)}; for {@code n = 0} the rate is
     * undefined (NaN) and the interval is [0,1].
     */
    public static WilsonInterval of(int count, int n) {
        if (n == 0) {
            return new WilsonInterval(0, 0, Double.NaN, 0, 1);
        }
        double p = (double) count / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new WilsonInterval(count, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
