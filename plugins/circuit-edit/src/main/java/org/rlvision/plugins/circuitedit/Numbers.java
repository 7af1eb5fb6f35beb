package org.rlvision.plugins.circuitedit;

import org.rlvision.agent.train.PValueFormat;

import java.util.Locale;

/** How the result tables write rates, intervals, differences and z statistics (p-values: {@link PValueFormat}). */
final class Numbers {
    private Numbers() {
    }

    /** A rate with its interval in percent, e.g. {@code 26.50 (25.64-27.37)}. */
    static String rate(WilsonInterval w) {
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", 100 * w.rate(), 100 * w.low(), 100 * w.high());
    }

    /** A difference of rates in percentage points, signed, e.g. {@code +12.39}. */
    static String points(double difference) {
        return String.format(Locale.ROOT, "%+.2f", 100 * difference);
    }

    /** A rate ratio with its 95% interval, e.g. {@code 1.24 (1.15-1.34)}; {@code -} when undefined (no original case). */
    static String ratio(TwoProportionTest t) {
        double r = t.ratio();
        if (Double.isNaN(r)) {
            return "-";
        }
        double[] ci = t.ratioInterval();
        return Double.isNaN(ci[0]) ? String.format(Locale.ROOT, "%.2f", r)
                : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", r, ci[0], ci[1]);
    }

    /** A z statistic, e.g. {@code 21.37}. */
    static String z(double z) {
        return String.format(Locale.ROOT, "%.2f", z);
    }
}
