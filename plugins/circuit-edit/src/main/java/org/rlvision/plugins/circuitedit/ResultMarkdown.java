package org.rlvision.plugins.circuitedit;

import java.util.Locale;
import org.rlvision.agent.train.PValueFormat;
import org.rlvision.env.EndCause;

/** The result as GitHub-flavoured Markdown: the rates table and one test table per arm. */
public final class ResultMarkdown {
    private ResultMarkdown() {
    }

    /**
     * The Markdown document.
     *
     * @param r       the result
     * @param summary one line describing the experiment
     */
    public static String of(ExperimentResult r, String summary) {
        StringBuilder b = new StringBuilder();
        b.append("## Circuit edit: % of levels by outcome\n\n").append(summary).append("\n\n");
        b.append("% of levels (95% Wilson interval), ").append(r.levels()).append(" levels per arm.\n\n");
        b.append("| outcome |");
        r.arms().forEach(a -> b.append(' ').append(cell(a.arm())).append(" |"));
        b.append("\n|---|");
        r.arms().forEach(a -> b.append("---|"));
        b.append("\n| success |");
        r.arms().forEach(a -> b.append(' ').append(Numbers.rate(a.success())).append(" |"));
        for (EndCause c : ExperimentResult.FAILURES) {
            b.append("\n| ").append(ExperimentResult.outcomeName(c.name())).append(" |");
            r.arms().forEach(a -> b.append(' ').append(Numbers.rate(a.failures().get(c))).append(" |"));
        }
        b.append("\n| mean length (steps) |");
        r.arms().forEach(a -> b.append(' ').append(String.format(Locale.ROOT, "%.1f", a.meanLength())).append(" |"));
        b.append('\n');
        for (ExperimentResult.Comparison c : r.comparisons()) {
            b.append("\n### ").append(cell(c.arm())).append(" vs original\n\n");
            b.append("Two-proportion z-test with the pooled proportion, two-sided; ratio = edited rate / original rate, "
                    + "with its 95% interval.\n\n");
            b.append("| outcome | difference (pts) | ratio | z | p |\n|---|---|---|---|---|\n");
            c.tests().forEach((k, t) -> b.append("| ").append(ExperimentResult.outcomeName(k)).append(" | ")
                    .append(Numbers.points(t.difference())).append(" | ").append(Numbers.ratio(t)).append(" | ")
                    .append(Numbers.z(t.z())).append(" | ").append(PValueFormat.of(t.pValue())).append(" |\n"));
            b.append('\n').append(Specificity.of(c).sentence()).append('\n');
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
