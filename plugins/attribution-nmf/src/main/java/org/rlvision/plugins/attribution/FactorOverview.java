package org.rlvision.plugins.attribution;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.rlvision.plugin.nmf.NmfFactorsFile;

/**
 * One PNG of all factors in a row: each factor's colour bar, its dataset-example thumbnail and its
 * label, e.g. {@code 0 saw (IoU 0.43)}.
 */
public final class FactorOverview {
    private static final int PAD = 8;
    private static final int BAR = 6;
    private static final int TEXT = 34;

    private FactorOverview() {
    }

    /** Draws the overview of these factors. */
    public static BufferedImage image(List<FactorView> factors) throws IOException {
        int tw = 128;
        int th = 128;
        BufferedImage[] thumbs = new BufferedImage[factors.size()];
        for (int i = 0; i < thumbs.length; i++) {
            thumbs[i] = ImageIO.read(new ByteArrayInputStream(factors.get(i).thumbnailPng()));
            tw = Math.max(tw, thumbs[i].getWidth());
            th = Math.max(th, thumbs[i].getHeight());
        }
        int cell = tw + 2 * PAD;
        BufferedImage img = new BufferedImage(Math.max(1, factors.size()) * cell, PAD + BAR + th + TEXT + PAD,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < factors.size(); i++) {
            FactorView f = factors.get(i);
            int x = i * cell + PAD;
            g.setColor(new Color(f.rgb()));
            g.fillRect(x, PAD, tw, BAR);
            g.setColor(new Color(0xEEEEEE));
            g.fillRect(x, PAD + BAR, tw, th);
            g.drawImage(thumbs[i], x, PAD + BAR, null);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(f.index() + "  " + f.label(), x, PAD + BAR + th + 15);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(Double.isNaN(f.lift()) ? String.format(java.util.Locale.ROOT, "IoU %.2f", f.iou())
                    : String.format(java.util.Locale.ROOT, "lift %s · IoU %.2f", NmfFactorsFile.formatLift(f.lift()), f.iou()),
                    x, PAD + BAR + th + 29);
        }
        g.dispose();
        return img;
    }
}
