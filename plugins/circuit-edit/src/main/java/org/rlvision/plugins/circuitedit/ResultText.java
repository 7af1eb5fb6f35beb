package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlvision.agent.train.PValueFormat;
import org.rlvision.env.EndCause;

/** The result as plain-text tables: rates per arm with intervals, then each arm against the original. */
public final class ResultText {
    private ResultText() {
    }

    /** The tables, one line per string, no trailing newlines. */
    public static List<String> lines(ExperimentResult r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%% of levels (95%% Wilson interval), %d levels per arm", r.levels()));
        int widest = 22;
        for (ExperimentResult.ArmResult a : r.arms()) {
            widest = Math.max(widest, a.arm().length() + 2);
        }
        int w = widest;
        StringBuilder head = new StringBuilder(pad("outcome", 20));
        r.arms().forEach(a -> head.append(pad(a.arm(), w)));
        out.add(head.toString().stripTrailing());
        StringBuilder success = new StringBuilder(pad("success", 20));
        r.arms().forEach(a -> success.append(pad(Numbers.rate(a.success()), w)));
        out.add(success.toString().stripTrailing());
        for (EndCause c : ExperimentResult.FAILURES) {
            StringBuilder row = new StringBuilder(pad(ExperimentResult.outcomeName(c.name()), 20));
            r.arms().forEach(a -> row.append(pad(Numbers.rate(a.failures().get(c)), w)));
            out.add(row.toString().stripTrailing());
        }
        StringBuilder len = new StringBuilder(pad("mean length (steps)", 20));
        r.arms().forEach(a -> len.append(pad(String.format(Locale.ROOT, "%.1f", a.meanLength()), w)));
        out.add(len.toString().stripTrailing());
        for (ExperimentResult.Comparison c : r.comparisons()) {
            out.add("");
            out.add(c.arm() + " vs original (two-proportion z-test, pooled):");
            out.add(pad("outcome", 20) + pad("difference (pts)", 18) + pad("ratio (95% CI)", 20) + pad("z", 10) + "p");
            c.tests().forEach((k, t) -> out.add(pad(ExperimentResult.outcomeName(k), 20) + pad(Numbers.points(t.difference()), 18)
                    + pad(Numbers.ratio(t), 20) + pad(Numbers.z(t.z()), 10) + PValueFormat.of(t.pValue())));
            out.add(Specificity.of(c).sentence());
        }
        return out;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.append(s.length() >= width ? " " : "").toString();
    }
}
