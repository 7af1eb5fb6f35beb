package org.rlvision.plugins.attribution;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A factor's legend thumbnail: its dataset examples' patches in a 4×4 grid, strongest first, row
 * by row. A patch is {@value #EXPAND}× the footprint of one layer cell ({@code H/h} pixels, 2 for
 * {@code 2b}, so 8×8 pixels) and at least {@value #MIN_PATCH_FRAME_PIXELS} frame pixels (so a
 * {@code 1a} cell, one pixel, shows its 7×7 receptive field and the object in it rather than 4×4
 * pixels of it), centred on the peak cell; its opacity is the example's peak over the
 * strongest one's (as lucid draws them); pixels outside the frame show a grey/white checkerboard.
 * Each patch pixel is drawn as a square of {@link #scale} pixels so a patch is at least
 * {@value #MIN_PATCH_PIXELS} pixels wide.
 */
public final class Thumbnail {
    /** Grid size: 4×4 patches. */
    public static final int GRID = 4;
    /** Patch size in layer cells. */
    public static final int EXPAND = 4;
    /** The smallest drawn patch width in pixels. */
    public static final int MIN_PATCH_PIXELS = 32;
    /** The smallest patch in frame pixels: covers {@code 1a}'s 7×7 receptive field. */
    public static final int MIN_PATCH_FRAME_PIXELS = 8;

    private Thumbnail() {
    }

    /** A patch's side in frame pixels for a layer cell {@code footprint} frame pixels wide. */
    public static int patch(int footprint) {
        return Math.max(EXPAND * footprint, MIN_PATCH_FRAME_PIXELS);
    }

    /** Pixels per patch pixel for a patch of {@code patch} frame pixels. */
    public static int scale(int patch) {
        return Math.max(1, (MIN_PATCH_PIXELS + patch - 1) / patch);
    }

    /**
     * Draws the thumbnail as an ARGB image.
     *
     * @param examples    up to 16 examples, strongest first
     * @param frames      {@code [N,H,W,3]} RGB frames the examples index
     * @param frameHeight H
     * @param frameWidth  W
     * @param gridHeight  h, the layer's grid height
     * @param gridWidth   w
     */
    public static BufferedImage image(List<DatasetExamples.Example> examples, byte[] frames, int frameHeight, int frameWidth,
                                      int gridHeight, int gridWidth) {
        int fy = frameHeight / gridHeight;
        int fx = frameWidth / gridWidth;
        int ph = patch(fy);
        int pw = patch(fx);
        int s = scale(Math.min(ph, pw));
        BufferedImage img = new BufferedImage(GRID * pw * s, GRID * ph * s, BufferedImage.TYPE_INT_ARGB);
        float strongest = examples.isEmpty() ? 1 : examples.get(0).example().value();
        int frameBytes = frameHeight * frameWidth * 3;
        for (int e = 0; e < Math.min(examples.size(), GRID * GRID); e++) {
            DatasetExamples.Example ex = examples.get(e);
            int alpha = strongest > 0 ? Math.round(255 * Math.max(0f, Math.min(1f, ex.example().value() / strongest))) : 255;
            int top = ex.example().y() * fy + fy / 2 - ph / 2;
            int left = ex.example().x() * fx + fx / 2 - pw / 2;
            int ox = (e % GRID) * pw * s;
            int oy = (e / GRID) * ph * s;
            for (int py = 0; py < ph; py++) {
                for (int px = 0; px < pw; px++) {
                    int y = top + py;
                    int x = left + px;
                    int rgb;
                    if (y < 0 || x < 0 || y >= frameHeight || x >= frameWidth) {
                        rgb = ((py / 2 + px / 2) % 2 == 0) ? 0xC0C0C0 : 0xFFFFFF;
                    } else {
                        int o = ex.observation() * frameBytes + (y * frameWidth + x) * 3;
                        rgb = (frames[o] & 0xFF) << 16 | (frames[o + 1] & 0xFF) << 8 | (frames[o + 2] & 0xFF);
                    }
                    int argb = alpha << 24 | rgb;
                    for (int dy = 0; dy < s; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            img.setRGB(ox + px * s + dx, oy + py * s + dy, argb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
        return out.toByteArray();
    }
}
