package org.rlvision.workbench;

import org.rlvision.plugin.Html;

import java.util.Map;
import org.rlvision.plugin.Report;

/** The {@code index.html} of a plugin run: title, status, figures, artifacts (PNG inline) and provenance. */
final class ReportPage {
    private ReportPage() {
    }

    /** A figure for people: whole numbers as such, others to 6 significant digits (report.json keeps full precision). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    static String html(Map<String, Object> meta, Report report, String failure) {
        StringBuilder b = new StringBuilder();
        String title = report == null ? "plugin " + meta.get("plugin") : report.title();
        b.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:2px 8px;text-align:left}"
                        + "img{image-rendering:pixelated;max-width:100%}.err{color:#b00}pre{white-space:pre-wrap;word-break:break-all}"
                        + "</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p>plugin <code>").append(esc(meta.get("plugin"))).append("</code> ").append(esc(meta.get("version")))
                .append(" from ").append(esc(meta.get("source"))).append(", seed ").append(esc(meta.get("seed"))).append("</p>\n");
        if (failure != null) {
            b.append("<p class=\"err\">").append(esc(failure)).append("</p>\n");
        }
        b.append("<h2>Options</h2>\n<table>");
        ((Map<?, ?>) meta.get("options")).forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>")
                .append(esc(v)).append("</td></tr>"));
        b.append("</table>\n");
        if (report != null) {
            b.append("<h2>Summary</h2>\n<table>");
            for (Report.Figure f : report.figures()) {
                b.append("<tr><th>").append(esc(f.name())).append("</th><td>").append(number(f.value())).append(' ')
                        .append(esc(f.unit())).append("</td></tr>");
            }
            b.append("</table>\n<h2>Artifacts</h2>\n");
            for (Report.Artifact a : report.artifacts()) {
                b.append("<figure>");
                if (a.kind() == Report.Kind.PNG) {
                    b.append("<img src=\"").append(esc(a.path())).append("\" alt=\"").append(esc(a.caption())).append("\">");
                }
                b.append("<figcaption><a href=\"").append(esc(a.path())).append("\">").append(esc(a.path())).append("</a> ")
                        .append(esc(a.caption())).append("</figcaption></figure>\n");
            }
        }
        b.append("<h2>Provenance</h2>\n<pre>").append(esc(Json.write(meta.get("provenance")))).append("</pre>\n</body></html>\n");
        return b.toString();
    }

    private static String esc(Object o) {
        return Html.escape(o);
    }
}
