package org.rlvision.workbench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlvision.agent.bundle.ModelLineage;
import org.rlvision.agent.bundle.Provenance;

/**
 * The learner's success across every stage of a {@link ModelLineage}, as one picture: each stage's
 * {@code <bundle>.metrics.jsonl} (success in its own training rollouts per DAgger round or PPO
 * update) placed after the steps of the stages before it, stage boundaries marked, and each stage's
 * held-out success (from its {@code model.json}) as a diamond at its end.
 */
final class LineageCurve {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 400;
    private static final Color[] STAGE_COLOURS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    /**
     * One stage on the curve.
     *
     * @param name     e.g. {@code coinrun-v3 (ppo)}
     * @param start    training steps before it
     * @param end      training steps at its end
     * @param points   (steps, learner success) pairs, steps counted from the first stage's start
     * @param heldOut  the held-out success its model.json records, or NaN
     */
    record StagePoints(String name, long start, long end, List<double[]> points, double heldOut) {
    }

    private LineageCurve() {
    }

    /** Reads each stage's metrics file next to its bundle ({@code DIR.metrics.jsonl}); a stage without one has no points. */
    static List<StagePoints> of(ModelLineage lineage) throws IOException {
        List<StagePoints> out = new ArrayList<>();
        long offset = 0;
        for (ModelLineage.Stage s : lineage.stages()) {
            Provenance.Training t = s.card().provenance() == null ? null : s.card().provenance().training();
            long steps = t == null || t.steps() == null ? 0 : t.steps();
            Path metrics = s.dir().toAbsolutePath().normalize().resolveSibling(s.dir().toAbsolutePath().normalize().getFileName()
                    + ".metrics.jsonl");
            List<double[]> points = new ArrayList<>();
            if (Files.isRegularFile(metrics)) {
                for (CurvePoint m : MetricsFile.read(metrics)) {
                    if (Double.isFinite(m.success())) {
                        points.add(new double[] {offset + m.samples(), m.success()});
                    }
                }
            }
            String name = s.dir().toAbsolutePath().normalize().getFileName() + " (" + s.stageName() + ")";
            out.add(new StagePoints(name, offset, offset + steps, points,
                    t == null || t.successRate() == null ? Double.NaN : t.successRate()));
            offset += steps;
        }
        return out;
    }

    /** The picture: success (0..1 axis clipped to the data) against training steps. */
    static BufferedImage draw(String title, List<StagePoints> stages) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int left = 60;
        int right = WIDTH - 20;
        int top = 84;
        int bottom = HEIGHT - 50;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.drawString("learner success in its own training rollouts (dots: per DAgger round / PPO update); "
                + "◆ held-out success at the stage's end", 10, 40);
        long xmax = Math.max(1, stages.isEmpty() ? 1 : stages.get(stages.size() - 1).end());
        double ymin = 1;
        double ymax = 0;
        for (StagePoints s : stages) {
            for (double[] p : s.points()) {
                ymin = Math.min(ymin, p[1]);
                ymax = Math.max(ymax, p[1]);
            }
            if (!Double.isNaN(s.heldOut())) {
                ymin = Math.min(ymin, s.heldOut());
                ymax = Math.max(ymax, s.heldOut());
            }
        }
        if (ymax < ymin) {
            ymin = 0;
            ymax = 1;
        }
        ymin = Math.max(0, Math.floor(ymin * 10) / 10);
        ymax = Math.min(1, Math.ceil(ymax * 10) / 10);
        if (ymax - ymin < 0.1) {
            ymax = Math.min(1, ymin + 0.1);
        }
        PlotAxes axes = new PlotAxes(left, top, right, bottom, 0, xmax, ymin, ymax);
        axes.draw(g, 0.1, y -> String.format(Locale.ROOT, "%.0f%%", 100 * y), PlotAxes.niceStep(xmax / 6.0),
                x -> String.format(Locale.ROOT, "%,.0f", x));
        g.drawString("training steps, all stages", (left + right) / 2 - 60, bottom + 34);
        for (int k = 0; k < stages.size(); k++) {
            StagePoints s = stages.get(k);
            Color c = STAGE_COLOURS[k % STAGE_COLOURS.length];
            int x0 = axes.x(s.start());
            int x1 = axes.x(s.end());
            g.setColor(new Color(0x99, 0x99, 0x99));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            g.drawLine(x1, top, x1, bottom);
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(s.name(), x0 + 4, top - 6 - 12 * (k % 2));
            g.setStroke(new BasicStroke(1.5f));
            int px = -1;
            int py = -1;
            for (double[] p : s.points()) {
                int x = axes.x(p[0]);
                int y = axes.y(p[1]);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 2, y - 2, 5, 5);
                px = x;
                py = y;
            }
            if (s.points().isEmpty()) {
                g.drawString("no metrics file", x0 + 4, (top + bottom) / 2);
            }
            if (!Double.isNaN(s.heldOut())) {
                int y = axes.y(s.heldOut());
                g.fillPolygon(new int[] {x1, x1 + 6, x1, x1 - 6}, new int[] {y - 6, y, y + 6, y}, 4);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.1f%%", 100 * s.heldOut()), x1 - 44, y + 4);
            }
        }
        g.dispose();
        return img;
    }
}
