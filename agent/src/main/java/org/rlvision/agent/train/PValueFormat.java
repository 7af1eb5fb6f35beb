package org.rlvision.agent.train;

import java.util.Locale;

/**
 * How every report writes a p-value: three significant digits, scientific notation below 0.001,
 * and {@code <1e-300} where a double underflows. {@code evaluate --against} and the circuit-edit
 * tables print p-values the same way.
 */
public final class PValueFormat {
    private PValueFormat() {
    }

    /** {@code p} as text, e.g. {@code 0.529}, {@code 0.0312}, {@code 7.30e-95}, {@code <1e-300}. */
    public static String of(double p) {
        if (p < 1e-300) {
            return "<1e-300";
        }
        if (p >= 0.001) {
            return String.format(Locale.ROOT, "%.3g", p);
        }
        return String.format(Locale.ROOT, "%.2e", p).replace("e-0", "e-");
    }
}
