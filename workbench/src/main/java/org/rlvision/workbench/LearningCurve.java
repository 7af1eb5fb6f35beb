package org.rlvision.workbench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws training curves (one panel per series, all against samples seen) as a PNG-ready image.
 */
public final class LearningCurve {
    /** One named series of (samples, value) points. */
    public record Series(String name, List<double[]> points, Color colour) {
    }

    private LearningCurve() {
    }

    /** A 2-column grid of panels, 360×220 px each. */
    public static BufferedImage draw(String title, List<Series> series) {
        int pw = 360;
        int ph = 220;
        int cols = 2;
        int rows = (series.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * pw, rows * ph + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        for (int i = 0; i < series.size(); i++) {
            panel(g, series.get(i), (i % cols) * pw, 30 + (i / cols) * ph, pw, ph);
        }
        g.dispose();
        return img;
    }

    private static void panel(Graphics2D g, Series s, int x0, int y0, int w, int h) {
        int left = x0 + 55;
        int right = x0 + w - 15;
        int top = y0 + 25;
        int bottom = y0 + h - 30;
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(s.name(), left, y0 + 16);
        g.drawRect(left, top, right - left, bottom - top);
        List<double[]> p = s.points().stream().filter(q -> Double.isFinite(q[1])).toList();
        if (p.isEmpty()) { // e.g. agreement with the expert in a PPO-only run
            g.drawString("not measured in this run", left + 10, (top + bottom) / 2);
            return;
        }
        double xmax = p.stream().mapToDouble(q -> q[0]).max().orElse(1);
        double ymin = p.stream().mapToDouble(q -> q[1]).min().orElse(0);
        double ymax = p.stream().mapToDouble(q -> q[1]).max().orElse(1);
        if (ymax - ymin < 1e-9) {
            ymax = ymin + 1;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(fmt(ymax), x0 + 2, top + 8);
        g.drawString(fmt(ymin), x0 + 2, bottom);
        g.drawString("samples " + fmt(xmax), right - 90, bottom + 14);
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (double[] q : p) {
            int x = left + (int) Math.round((right - left) * q[0] / Math.max(1e-9, xmax));
            int y = bottom - (int) Math.round((bottom - top) * (q[1] - ymin) / (ymax - ymin));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 2, y - 2, 5, 5);
            px = x;
            py = y;
        }
    }

    private static String fmt(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
