package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether an arm's effect is specific to one failure cause, the question behind "blind to saws and
 * nothing else": the cause that rose most (by points, among the significant rises), how that rise
 * compares with the next cause's, and whether its rate ratio's 95% interval lies above every other
 * cause's interval (specific in proportion) or overlaps some (those causes rose alike).
 *
 * @param cause       the failure cause that rose most, significantly at {@link #ALPHA}; null if none did
 * @param test        its test against the original (null with {@code cause})
 * @param nextCause   the failure cause with the next largest rise in points (any significance); null
 *                    if no other cause rose
 * @param nextTest    its test (null with {@code nextCause})
 * @param overlapping the other causes whose ratio interval reaches {@code cause}'s lower bound; causes
 *                    the original never had have no ratio and are left out
 */
public record Specificity(String cause, TwoProportionTest test, String nextCause, TwoProportionTest nextTest,
                          List<String> overlapping) {
    /** The significance level a rise must reach to count (the bar: p &lt; 0.01). */
    public static final double ALPHA = 0.01;

    /** Copies the list. */
    public Specificity {
        overlapping = List.copyOf(overlapping);
    }

    /** Reads a comparison's failure-cause tests (its {@code success} row is not a cause). */
    public static Specificity of(ExperimentResult.Comparison c) {
        String top = null;
        for (Map.Entry<String, TwoProportionTest> e : c.tests().entrySet()) {
            TwoProportionTest t = e.getValue();
            if (isCause(e.getKey()) && t.difference() > 0 && t.pValue() < ALPHA
                    && (top == null || t.difference() > c.tests().get(top).difference())) {
                top = e.getKey();
            }
        }
        if (top == null) {
            return new Specificity(null, null, null, null, List.of());
        }
        TwoProportionTest best = c.tests().get(top);
        double[] bestCi = best.ratioInterval();
        String next = null;
        List<String> overlapping = new ArrayList<>();
        for (Map.Entry<String, TwoProportionTest> e : c.tests().entrySet()) {
            String k = e.getKey();
            TwoProportionTest t = e.getValue();
            if (!isCause(k) || k.equals(top)) {
                continue;
            }
            if (t.difference() > 0 && (next == null || t.difference() > c.tests().get(next).difference())) {
                next = k;
            }
            double[] ci = t.ratioInterval();
            if (!Double.isNaN(ci[1]) && !Double.isNaN(bestCi[0]) && ci[1] >= bestCi[0]) {
                overlapping.add(k);
            }
        }
        return new Specificity(top, best, next, next == null ? null : c.tests().get(next), overlapping);
    }

    /** True when one cause rose significantly and its ratio's interval lies above every other cause's. */
    public boolean specific() {
        return cause != null && overlapping.isEmpty() && !Double.isNaN(test.ratioInterval()[0]);
    }

    /** How many times the next cause's rise in points the top cause's is; infinite when nothing else rose. */
    public double pointsOverNext() {
        return nextTest == null ? Double.POSITIVE_INFINITY : test.difference() / nextTest.difference();
    }

    /**
     * One sentence for the reports, e.g. {@code saw rose most: +10.52 pts, ratio 2.05 (1.91-2.20),
     * 4.0× the next rise (enemy moving left +2.62); specific in proportion: its ratio's interval lies
     * above every other cause's.}
     */
    public String sentence() {
        if (cause == null) {
            return "No failure cause rose significantly (p < " + ALPHA + ").";
        }
        boolean noRatio = Double.isNaN(test.ratioInterval()[0]);
        StringBuilder b = new StringBuilder(name(cause)).append(" rose most: ").append(Numbers.points(test.difference()))
                .append(" pts").append(noRatio ? "" : ", ratio " + Numbers.ratio(test));
        if (nextCause == null) {
            b.append("; no other cause rose");
        } else {
            b.append(String.format(Locale.ROOT, ", %.1f× the next rise (%s %s)", pointsOverNext(), name(nextCause),
                    Numbers.points(nextTest.difference())));
        }
        if (noRatio) {
            return b.append(". The original never failed this way, so there is no ratio to compare.").toString();
        }
        if (overlapping.isEmpty()) {
            return b.append("; specific in proportion: its ratio's interval lies above every other cause's.").toString();
        }
        List<String> names = overlapping.stream().map(Specificity::name).toList();
        return b.append("; not specific in proportion: its ratio's interval overlaps that of ")
                .append(names.size() == 1 ? names.get(0)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1))
                .append('.').toString();
    }

    private static boolean isCause(String key) {
        return !key.equals(ExperimentResult.SUCCESS);
    }

    private static String name(String key) {
        return ExperimentResult.outcomeName(key);
    }
}
