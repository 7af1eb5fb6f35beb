package org.rlvision.workbench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.function.DoubleFunction;

/**
 * A plot's frame in pixels and the data range it shows: maps data to pixels and draws the box,
 * grid lines and tick labels at "nice" steps (1, 2 or 5 times a power of ten). Shared by the
 * learning curve of {@code rlvision train} and the lineage curve of {@code rlvision model lineage}.
 *
 * @param left   left edge of the plot area, px
 * @param top    top edge, px
 * @param right  right edge, px
 * @param bottom bottom edge, px
 * @param xmin   data value at {@code left}
 * @param xmax   data value at {@code right}
 * @param ymin   data value at {@code bottom}
 * @param ymax   data value at {@code top}
 */
record PlotAxes(int left, int top, int right, int bottom, double xmin, double xmax, double ymin, double ymax) {
    private static final Color GRID = new Color(0xe0e0e0);
    private static final Color INK = new Color(0x44, 0x44, 0x44);

    /** Checks that the ranges are not empty. */
    PlotAxes {
        if (!(xmax > xmin) || !(ymax > ymin)) {
            throw new IllegalArgumentException("empty plot range x " + xmin + ".." + xmax + ", y " + ymin + ".." + ymax);
        }
    }

    /** Pixel column of data value {@code x}. */
    int x(double x) {
        return left + (int) Math.round((right - left) * (x - xmin) / (xmax - xmin));
    }

    /** Pixel row of data value {@code y}. */
    int y(double y) {
        return bottom - (int) Math.round((bottom - top) * (y - ymin) / (ymax - ymin));
    }

    /**
     * Draws the box, a grid line and label every {@code yStep} from {@code ymin} and a tick and label
     * every {@code xStep} from {@code xmin}.
     */
    void draw(Graphics2D g, double yStep, DoubleFunction<String> yLabel, double xStep, DoubleFunction<String> xLabel) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; ; i++) {
            double v = ymin + i * yStep;
            if (v > ymax + 1e-9 * yStep) {
                break;
            }
            int py = y(v);
            g.setColor(GRID);
            g.drawLine(left + 1, py, right - 1, py);
            g.setColor(INK);
            String s = yLabel.apply(v);
            g.drawString(s, left - 4 - g.getFontMetrics().stringWidth(s), py + 4);
        }
        for (int i = 0; ; i++) {
            double v = xmin + i * xStep;
            if (v > xmax + 1e-9 * xStep) {
                break;
            }
            int px = x(v);
            g.drawLine(px, bottom, px, bottom + 4);
            String s = xLabel.apply(v);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, bottom + 15);
        }
        g.drawRect(left, top, right - left, bottom - top);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw} (> 0). */
    static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("a step must be positive and finite, got " + raw);
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * A range around {@code [lo, hi]} that starts and ends on multiples of a nice step giving about
     * {@code ticks} intervals: {@code {start, end, step}}. A flat range is widened to one step.
     */
    static double[] niceRange(double lo, double hi, int ticks) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / ticks);
        double start = Math.floor(lo / step + 1e-9) * step;
        double end = Math.ceil(hi / step - 1e-9) * step;
        return new double[] {start, end, step};
    }
}
