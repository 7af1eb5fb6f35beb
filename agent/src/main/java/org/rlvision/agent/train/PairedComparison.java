package org.rlvision.agent.train;

import org.rlvision.env.EndCause;

import java.util.List;

/**
 * Two agents' outcomes on the same levels, level by level, with McNemar's exact test: whether
 * one solves more of them than the other can be told from the levels exactly one of them solved.
 * Pairing by level removes the spread between easy and hard levels that a two-proportion test
 * over the same levels carries, so it tells smaller differences apart.
 *
 * @param bothSolved levels both agents solved
 * @param onlyFirst  levels only the first agent solved
 * @param onlySecond levels only the second agent solved
 * @param neither    levels neither solved
 */
public record PairedComparison(int bothSolved, int onlyFirst, int onlySecond, int neither) {
    /** Validates the counts. */
    public PairedComparison {
        if (bothSolved < 0 || onlyFirst < 0 || onlySecond < 0 || neither < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Pairs two evaluations of the same level range. */
    public static PairedComparison of(Evaluation.Result first, Evaluation.Result second) {
        List<EndCause> a = first.outcomes();
        List<EndCause> b = second.outcomes();
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired results need the same levels, got " + a.size() + " and " + b.size());
        }
        int both = 0;
        int onlyA = 0;
        int onlyB = 0;
        int none = 0;
        for (int i = 0; i < a.size(); i++) {
            boolean sa = a.get(i).isSuccess();
            boolean sb = b.get(i).isSuccess();
            if (sa && sb) {
                both++;
            } else if (sa) {
                onlyA++;
            } else if (sb) {
                onlyB++;
            } else {
                none++;
            }
        }
        return new PairedComparison(both, onlyA, onlyB, none);
    }

    /** Levels compared. */
    public int levels() {
        return bothSolved + onlyFirst + onlySecond + neither;
    }

    /** The second agent's success rate minus the first's, in points. */
    public double differencePoints() {
        return levels() == 0 ? 0 : 100.0 * (onlySecond - onlyFirst) / levels();
    }

    /**
     * McNemar's exact two-sided p-value: with {@code n} levels solved by exactly one agent, the
     * chance that a fair coin splits them at least as unevenly, {@code min(1, 2·P(X ≤ min(onlyFirst,
     * onlySecond)))} for {@code X ~ Binomial(n, 1/2)}; 1 when no level differs.
     */
    public double exactPValue() {
        int n = onlyFirst + onlySecond;
        if (n == 0) {
            return 1;
        }
        return Math.min(1.0, 2 * binomialHalfCdf(Math.min(onlyFirst, onlySecond), n));
    }

    /** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so that n in the tens of thousands stays exact. */
    static double binomialHalfCdf(int k, int n) {
        double logTerm = -n * Math.log(2); // log C(n, 0) / 2^n
        double max = logTerm;
        double[] logs = new double[k + 1];
        logs[0] = logTerm;
        for (int i = 1; i <= k; i++) {
            logTerm += Math.log(n - i + 1) - Math.log(i);
            logs[i] = logTerm;
            max = Math.max(max, logTerm);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }
}
