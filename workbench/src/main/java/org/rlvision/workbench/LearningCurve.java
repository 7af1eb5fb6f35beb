package org.rlvision.workbench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The learning curve of {@code rlvision train} ({@code OUT.learning-curve.png}): one panel per
 * measure against samples seen, with tick labels, a dashed line where a stage begins (cloning,
 * DAgger, PPO) and, over a noisy series (per-update success, PPO losses), the mean of the last
 * {@value #WINDOW} points drawn over the faded raw points.
 */
final class LearningCurve {
    /** Points averaged by the bold line over a noisy series. */
    static final int WINDOW = 10;

    private static final int PANEL_WIDTH = 400;
    private static final int PANEL_HEIGHT = 230;
    private static final int COLUMNS = 2;
    private static final Color INK = new Color(0x44, 0x44, 0x44);

    /**
     * One panel.
     *
     * @param title    what it shows
     * @param value    the measure of a point (NaN: not measured)
     * @param colour   line colour
     */
    record Panel(String title, ToDoubleFunction<CurvePoint> value, Color colour) {
    }

    /** The panels of a training run, in reading order. */
    static final List<Panel> PANELS = List.of(
            new Panel("success on training levels (return = 10 × success)", CurvePoint::success, new Color(0x2ca02c)),
            new Panel("policy entropy (nats; PPO)", CurvePoint::entropy, new Color(0xff7f0e)),
            new Panel("value loss (MSE to the return)", CurvePoint::valueLoss, new Color(0x9467bd)),
            new Panel("policy loss (cloning: cross-entropy; PPO: surrogate)", CurvePoint::policyLoss, new Color(0xd62728)),
            new Panel("agreement with the expert (cloning; PPO: p(alive) where fatal)", CurvePoint::agreement, new Color(0x1f77b4)),
            new Panel("clip fraction (PPO)", CurvePoint::clipFraction, new Color(0x8c564b)),
            new Panel("Adam learning rate (PPO)", CurvePoint::learningRate, new Color(0x7f7f7f)),
            new Panel("rollout steps per episode (PPO; ≈ mean length)", CurvePoint::stepsPerEpisode, new Color(0x17becf)));

    private LearningCurve() {
    }

    /** The picture of {@code points} (in training order) under {@code title}. */
    static BufferedImage draw(String title, List<CurvePoint> points) {
        int rows = (PANELS.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage img = new BufferedImage(COLUMNS * PANEL_WIDTH, rows * PANEL_HEIGHT + 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(subtitle(points), 10, 38);
        long xmax = points.stream().mapToLong(CurvePoint::samples).max().orElse(1);
        List<Long> starts = stageStarts(points);
        for (int i = 0; i < PANELS.size(); i++) {
            panel(g, PANELS.get(i), points, xmax, starts, (i % COLUMNS) * PANEL_WIDTH, 48 + (i / COLUMNS) * PANEL_HEIGHT);
        }
        g.dispose();
        return img;
    }

    private static String subtitle(List<CurvePoint> points) {
        if (points.isEmpty()) {
            return "no metrics yet";
        }
        StringBuilder s = new StringBuilder();
        String stage = null;
        int n = 0;
        for (CurvePoint p : points) {
            if (!p.stage().equals(stage)) {
                if (stage != null) {
                    s.append(stage).append(" ×").append(n).append(", ");
                }
                stage = p.stage();
                n = 0;
            }
            n++;
        }
        s.append(stage).append(" ×").append(n);
        return String.format(Locale.ROOT, "%s points (%s), %,d samples; bold line over faded points: mean of the last %d",
                points.size(), s, points.get(points.size() - 1).samples(), WINDOW);
    }

    /** Samples at which a new stage begins (the samples of the last point before it), after the first. */
    static List<Long> stageStarts(List<CurvePoint> points) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).stage().equals(points.get(i - 1).stage())) {
                out.add(points.get(i - 1).samples());
            }
        }
        return out;
    }

    /**
     * Whether a series is worth a running mean: more than {@code 2·WINDOW} points that step, on
     * average, by more than a tenth of their range from one point to the next (per-update success
     * and PPO losses; not the steady losses of cloning epochs, which a running mean would only delay).
     */
    static boolean noisy(double[] values) {
        if (values.length <= 2 * WINDOW) {
            return false;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double steps = 0;
        for (int i = 0; i < values.length; i++) {
            lo = Math.min(lo, values[i]);
            hi = Math.max(hi, values[i]);
            if (i > 0) {
                steps += Math.abs(values[i] - values[i - 1]);
            }
        }
        return hi > lo && steps / (values.length - 1) > 0.1 * (hi - lo);
    }

    /**
     * The mean of each point's last {@code window} values (fewer at the start): the bold line.
     *
     * @param values the raw values in order
     * @return one mean per value
     */
    static double[] runningMean(double[] values, int window) {
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static void panel(Graphics2D g, Panel panel, List<CurvePoint> points, long xmax, List<Long> starts, int x0, int y0) {
        int left = x0 + 58;
        int right = x0 + PANEL_WIDTH - 18;
        int top = y0 + 24;
        int bottom = y0 + PANEL_HEIGHT - 34;
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(panel.title(), left, y0 + 16);
        List<double[]> p = new ArrayList<>();
        for (CurvePoint c : points) {
            double v = panel.value().applyAsDouble(c);
            if (Double.isFinite(v)) {
                p.add(new double[] {c.samples(), v});
            }
        }
        if (p.isEmpty()) {
            g.drawRect(left, top, right - left, bottom - top);
            g.drawString("not measured in this run", left + 10, (top + bottom) / 2);
            return;
        }
        double lo = p.stream().mapToDouble(q -> q[1]).min().orElseThrow();
        double hi = p.stream().mapToDouble(q -> q[1]).max().orElseThrow();
        double[] y = PlotAxes.niceRange(lo, hi, 4);
        PlotAxes axes = new PlotAxes(left, top, right, bottom, 0, Math.max(1, xmax), y[0], y[1]);
        axes.draw(g, y[2], v -> axisLabel(v, y[2]), PlotAxes.niceStep(Math.max(1, xmax) / 4.0), LearningCurve::samplesLabel);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        g.setColor(new Color(0x99, 0x99, 0x99));
        for (long s : starts) {
            g.drawLine(axes.x(s), top + 1, axes.x(s), bottom - 1);
        }
        boolean smooth = noisy(p.stream().mapToDouble(q -> q[1]).toArray());
        Color raw = smooth ? blend(panel.colour(), 0.35) : panel.colour();
        g.setColor(raw);
        g.setStroke(new BasicStroke(smooth ? 1f : 2f));
        polyline(g, axes, p, null, smooth ? 3 : 5);
        if (smooth) {
            double[] mean = runningMean(p.stream().mapToDouble(q -> q[1]).toArray(), WINDOW);
            g.setColor(panel.colour());
            g.setStroke(new BasicStroke(2.5f));
            polyline(g, axes, p, mean, 0);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Lines through the points (their own values, or {@code values} instead), with dots of {@code dot} px. */
    private static void polyline(Graphics2D g, PlotAxes axes, List<double[]> p, double[] values, int dot) {
        int px = -1;
        int py = -1;
        for (int i = 0; i < p.size(); i++) {
            int x = axes.x(p.get(i)[0]);
            int y = axes.y(values == null ? p.get(i)[1] : values[i]);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            if (dot > 0) {
                g.fillOval(x - dot / 2, y - dot / 2, dot, dot);
            }
            px = x;
            py = y;
        }
    }

    private static Color blend(Color c, double alpha) {
        return new Color((int) Math.round(255 - alpha * (255 - c.getRed())), (int) Math.round(255 - alpha * (255 - c.getGreen())),
                (int) Math.round(255 - alpha * (255 - c.getBlue())));
    }

    /** A tick value with as many decimals as the step needs; steps under 0.001 (learning rates) in scientific notation, e.g. {@code 5e-5}. */
    static String axisLabel(double v, double step) {
        if (step < 1e-3) {
            if (Math.abs(v) < step * 1e-6) {
                return "0";
            }
            int decimals = Math.max(0, (int) (Math.floor(Math.log10(Math.abs(v)) + 1e-9) - Math.floor(Math.log10(step) + 1e-9)));
            String[] e = String.format(Locale.ROOT, "%." + decimals + "e", v).split("e");
            return trim(e[0]) + "e" + Integer.parseInt(e[1]);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }

    /** Samples as 0, 500k, 1.5M. */
    static String samplesLabel(double v) {
        if (v >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1e6)) + "M";
        }
        if (v >= 1e3) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
