package org.rlvision.plugins.circuitedit;

import org.rlvision.plugin.Html;

import java.util.List;
import java.util.Locale;
import org.rlvision.agent.train.PValueFormat;
import org.rlvision.env.EndCause;

/**
 * The result as one self-contained HTML page ({@code circuit-edit.html}; the workbench writes
 * {@code index.html} itself): a bar chart (inline SVG, no network) of the success rate and the
 * failure causes per arm with their Wilson intervals, the tables, the tests, the example episodes
 * with their strips and replay commands, and the speed.
 */
public final class ResultPage {
    /** The page's file name. */
    public static final String FILE_NAME = "circuit-edit.html";
    private static final String[] COLOURS = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
        "#8c8c8c"};

    private ResultPage() {
    }

    /**
     * The page.
     *
     * @param title    heading
     * @param summary  one line describing the experiment
     * @param arms     the arms (for their edit descriptions)
     * @param r        the result
     * @param examples example episodes
     * @param speed    the loop's speed, or null
     * @param journal  where the journal is, as shown to the user
     */
    public static String html(String title, String summary, List<Arm> arms, ExperimentResult r, List<ExampleEpisodes.Example> examples,
                              Speed speed, String journal) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.sig{font-weight:bold;color:#b00}.verdict{max-width:60em;margin:.5em 0 1.5em}")
                .append("code{background:#f4f4f4;padding:1px 4px}.ex{margin:14px 0}.ex img{image-rendering:pixelated;border:1px solid #ccc}")
                .append(".muted{color:#666}</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(summary)).append("</p>\n");
        b.append("<h2>Arms</h2>\n<ul>\n");
        for (Arm a : arms) {
            b.append("<li><b>").append(esc(a.name())).append("</b> (").append(a.kind().name().toLowerCase(Locale.ROOT)).append(')');
            for (Edit e : a.edits()) {
                Object src = e.describe().get("source");
                b.append("<br><span class=\"muted\">").append(esc(e.spec()));
                if (src != null) {
                    b.append(" — ").append(esc(src.toString()));
                }
                b.append("</span>");
            }
            if (!a.hidden().isEmpty()) {
                b.append(" — not drawn: ").append(esc(a.hidden().toString()));
            }
            b.append("</li>\n");
        }
        b.append("</ul>\n<h2>% of levels by outcome</h2>\n").append(chart(r)).append('\n');
        b.append("<p class=\"muted\">Bars: % of the ").append(r.levels())
                .append(" levels each arm played; whiskers: 95% Wilson intervals.</p>\n");
        b.append(table(r));
        for (ExperimentResult.Comparison c : r.comparisons()) {
            b.append("<h2>").append(esc(c.arm())).append(" vs original</h2>\n<p class=\"muted\">Two-proportion z-test, pooled "
                    + "proportion, two-sided; p &lt; 0.01 in red. Ratio: the edited rate over the original's (1.24 = 24% more "
                    + "often), with its 95% interval: an edit specific to one cause raises that cause's ratio, not all of them."
                    + "</p>\n<table><tr><th>outcome</th><th>difference (pts)</th><th>ratio (95% CI)</th><th>z</th><th>p</th></tr>\n");
            c.tests().forEach((k, t) -> b.append("<tr><td>").append(esc(ExperimentResult.outcomeName(k))).append("</td><td>")
                    .append(Numbers.points(t.difference())).append("</td><td>").append(Numbers.ratio(t)).append("</td><td>")
                    .append(Numbers.z(t.z())).append("</td><td")
                    .append(t.pValue() < 0.01 ? " class=\"sig\">" : ">").append(PValueFormat.of(t.pValue())).append("</td></tr>\n"));
            b.append("</table>\n<p class=\"verdict\">").append(esc(Specificity.of(c).sentence())).append("</p>\n");
        }
        b.append("<h2 id=\"examples\">Example episodes</h2>\n");
        if (examples.isEmpty()) {
            b.append("<p class=\"muted\">None: no level where an edited agent died and the original solved it"
                    + " (or no edit arm, or examples=0).</p>\n");
        } else {
            b.append("<p class=\"muted\">Levels where the edited agent died and the original solved the level. Each strip: the "
                    + "edited agent's last 8 frames (top) and the original agent at the same steps (bottom). The run folders replay "
                    + "bit for bit with <code>rlvision replay</code>; the commands below are relative to this report's folder, so they "
                    + "stay right when the report is moved.</p>\n");
        }
        for (ExampleEpisodes.Example e : examples) {
            b.append("<div class=\"ex\"><b>").append(esc(e.arm())).append("</b>, level ").append(e.level()).append(": edited agent ")
                    .append(esc(e.editedCause().name())).append(" after ").append(e.editedLength()).append(" steps; original solved it in ")
                    .append(e.originalLength()).append(" steps.<br><img src=\"").append(esc(e.strip())).append("\" alt=\"level ")
                    .append(e.level()).append("\" title=\"top: edited agent, last frames; bottom: original at the same steps\"><br>")
                    .append("<a href=\"").append(esc(e.editedRun())).append("/\">edited run</a> · <a href=\"").append(esc(e.originalRun()))
                    .append("/\">original run</a> · <code>rlvision replay ").append(esc(e.editedRun())).append(" --episode ")
                    .append(e.episode()).append(" --gif level-").append(e.level()).append(".gif</code></div>\n");
        }
        if (speed != null) {
            b.append("<h2 id=\"speed\">Speed</h2>\n<p>").append(String.format(Locale.ROOT,
                    "%,d levels, %,d frames in %.1f s (%s): %.0f frames/s. The workers spent %.1f%% of their time in forward passes "
                    + "(%.1f ms each) and %.1f%% of the evaluated rows were real frames: the forward pass was busy with real frames "
                    + "%.1f%% of the time", speed.levelsPlayed(), speed.frames(), speed.wallSeconds(), esc(speed.layout()), speed.loopFps(),
                    100 * speed.forwardShare(), speed.forwardMillis(), 100 * speed.slotUse(), 100 * speed.busy()));
            if (speed.referenceFps() > 0) {
                b.append(String.format(Locale.ROOT, ". The forward pass alone, timed before and after: %.0f / %.0f frames/s as the agent "
                        + "benchmark runs it, %.0f / %.0f in the workers' layout (loop = %.1f%% of the faster, averaged)",
                        speed.before().benchFps(), speed.after().benchFps(), speed.before().workersFps(), speed.after().workersFps(),
                        100 * speed.ratio()));
            }
            if (!speed.rssMiB().isEmpty()) {
                b.append(String.format(Locale.ROOT, "; resident memory %.0f → %.0f MiB (max %.0f)", speed.rssMiB().get(0),
                        speed.rssMiB().get(speed.rssMiB().size() - 1), speed.rssMiB().stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            }
            b.append(".</p>\n");
        }
        b.append("<p class=\"muted\">Journal: <code>").append(esc(journal)).append("</code>; data: <a href=\"results.json\">results.json</a>, "
                + "<a href=\"results.md\">results.md</a>, <a href=\"results.txt\">results.txt</a>.</p>\n</body></html>\n");
        return b.toString();
    }

    private static String table(ExperimentResult r) {
        StringBuilder b = new StringBuilder("<table><tr><th>outcome</th>");
        r.arms().forEach(a -> b.append("<th>").append(esc(a.arm())).append("</th>"));
        b.append("</tr>\n<tr><td>success</td>");
        r.arms().forEach(a -> b.append("<td>").append(Numbers.rate(a.success())).append("</td>"));
        b.append("</tr>\n");
        for (EndCause c : ExperimentResult.FAILURES) {
            b.append("<tr><td>").append(esc(ExperimentResult.outcomeName(c.name()))).append("</td>");
            r.arms().forEach(a -> b.append("<td>").append(Numbers.rate(a.failures().get(c))).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("<tr><td>mean length (steps)</td>");
        r.arms().forEach(a -> b.append("<td>").append(String.format(Locale.ROOT, "%.1f", a.meanLength())).append("</td>"));
        return b.append("</tr></table>\n").toString();
    }

    /** Two panels: success (0–100%) and the failure causes (scaled to the largest interval). */
    static String chart(ExperimentResult r) {
        int arms = r.arms().size();
        int bar = Math.max(8, Math.min(22, 120 / Math.max(1, arms)));
        int group = arms * bar + 24;
        int plotH = 220;
        int top = 56;
        int left = 46;
        int successW = group + 20;
        int gap = 70;
        int causesW = ExperimentResult.FAILURES.size() * group + 20;
        int width = Math.max(left + successW + gap + causesW + 20, left + arms * 170);
        int height = top + plotH + 50;
        double maxFail = 0;
        for (ExperimentResult.ArmResult a : r.arms()) {
            for (WilsonInterval w : a.failures().values()) {
                maxFail = Math.max(maxFail, w.high());
            }
        }
        double failScale = niceMax(maxFail * 100 * 1.1);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"outcome rates per arm\">\n");
        for (int i = 0; i < arms; i++) {
            int x = left + i * 170;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"16\">%s</text>%n",
                    x, COLOURS[i % COLOURS.length], x + 16, esc(shorten(r.arms().get(i).arm(), 24))));
        }
        panel(s, r, List.of(ExperimentResult.SUCCESS), left, top, plotH, group, bar, 100, "success");
        List<String> causes = ExperimentResult.FAILURES.stream().map(Enum::name).toList();
        panel(s, r, causes, left + successW + gap, top, plotH, group, bar, failScale, "failed by cause");
        return s.append("</svg>").toString();
    }

    private static void panel(StringBuilder s, ExperimentResult r, List<String> keys, int x0, int top, int plotH, int group, int bar,
                              double maxPct, String title) {
        int w = keys.size() * group + 20;
        int base = top + plotH;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, top - 6, esc(title)));
        for (int t = 0; t <= 4; t++) {
            double v = maxPct * t / 4;
            int y = base - (int) Math.round(plotH * t / 4.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e3e3e3\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%s%%</text>%n", x0, y, x0 + w, y, x0 - 4, y + 4,
                    trim(v)));
        }
        for (int g = 0; g < keys.size(); g++) {
            int gx = x0 + 10 + g * group;
            for (int i = 0; i < r.arms().size(); i++) {
                ExperimentResult.ArmResult a = r.arms().get(i);
                WilsonInterval wi = keys.get(g).equals(ExperimentResult.SUCCESS) ? a.success() : a.failures().get(EndCause.valueOf(keys.get(g)));
                double pct = 100 * wi.rate();
                int h = (int) Math.round(plotH * Math.min(1, pct / maxPct));
                int x = gx + i * bar;
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %s %s%%</title></rect>%n",
                        x, base - h, bar - 2, h, COLOURS[i % COLOURS.length], esc(a.arm()), esc(ExperimentResult.outcomeName(keys.get(g))),
                        Numbers.rate(wi)));
                int yl = base - (int) Math.round(plotH * Math.min(1, 100 * wi.low() / maxPct));
                int yh = base - (int) Math.round(plotH * Math.min(1, 100 * wi.high() / maxPct));
                int cx = x + (bar - 2) / 2;
                s.append(String.format(Locale.ROOT, "<path d=\"M%d %dV%dM%d %dH%dM%d %dH%d\" stroke=\"#222\" fill=\"none\"/>%n", cx, yl, yh,
                        cx - 3, yl, cx + 3, cx - 3, yh, cx + 3));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\" fill=\"#333\">%s</text>%n",
                        cx, Math.min(yh, base - h) - 3, pct >= 10 ? String.format(Locale.ROOT, "%.0f", pct) : String.format(Locale.ROOT, "%.1f", pct)));
            }
            String label = ExperimentResult.outcomeName(keys.get(g)).replace("enemy moving ", "enemy ");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    gx + r.arms().size() * bar / 2, base + 16, esc(label)));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", x0, base, x0 + w, base));
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v} (at least 1). */
    static double niceMax(double v) {
        if (!(v > 1)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** HTML-escapes text. */
    static String esc(String s) {
        return Html.escape(s);
    }
}
