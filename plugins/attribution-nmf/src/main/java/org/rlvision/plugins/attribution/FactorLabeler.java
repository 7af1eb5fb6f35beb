package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.List;
import org.rlvision.env.coinrun.SemanticLabel;

/**
 * Labels factors automatically from the Java engine's semantic label maps, in the manner of
 * network dissection (Bau et al. 2017): a factor's map in each observation (positive plus negative
 * attribution on the factor, at the layer's grid) is upsampled to the frame by nearest neighbour
 * (each cell covers its {@code H/h × W/w} block of pixels), thresholded at the factor's
 * dataset-wide {@value #QUANTILE} quantile (the top 1% of its cell values over all observations; a
 * cell must also be above zero), and compared with each class's pixels: IoU =
 * {@code Σ|mask ∩ class| / Σ|mask ∪ class|} summed over all observations. The label is the class
 * with the highest IoU. Every class competes, background and velocity squares included: a large
 * class such as the background can only win when the factor lands nowhere else.
 */
public final class FactorLabeler {
    /** The quantile of a factor's map values above which a cell belongs to its mask. */
    public static final double QUANTILE = 0.99;

    private FactorLabeler() {
    }

    /**
     * Labels every factor.
     *
     * @param maps        the factors' maps of N observations
     * @param labels      {@code [N,H,W]} label ids of the same observations
     * @param imageHeight H
     * @param imageWidth  W
     * @return one label per factor, in factor order
     * @throws IllegalArgumentException if the image is not a whole multiple of the grid
     */
    public static List<FactorLabel> label(FactorMaps maps, byte[] labels, int imageHeight, int imageWidth) {
        int n = maps.count();
        if (labels.length != (long) n * imageHeight * imageWidth) {
            throw new IllegalArgumentException(n + " observations of " + imageHeight + "x" + imageWidth
                    + " need " + ((long) n * imageHeight * imageWidth) + " label ids, got " + labels.length);
        }
        if (imageHeight % maps.height() != 0 || imageWidth % maps.width() != 0) {
            throw new IllegalArgumentException("a " + maps.height() + "x" + maps.width() + " grid does not tile a "
                    + imageHeight + "x" + imageWidth + " frame");
        }
        int classes = SemanticLabel.values().length;
        int fy = imageHeight / maps.height();
        int fx = imageWidth / maps.width();
        int cells = maps.cells();
        int pixels = imageHeight * imageWidth;
        long[] classPixels = new long[classes];
        for (byte b : labels) {
            int id = b & 0xFF;
            if (id >= classes) {
                throw new IllegalArgumentException("label id " + id + " is not a SemanticLabel (0.." + (classes - 1) + ")");
            }
            classPixels[id]++;
        }
        // The cell of each pixel, so that a mask cell covers its block of pixels.
        int[] cellOf = new int[pixels];
        for (int y = 0; y < imageHeight; y++) {
            for (int x = 0; x < imageWidth; x++) {
                cellOf[y * imageWidth + x] = (y / fy) * maps.width() + x / fx;
            }
        }
        List<FactorLabel> out = new ArrayList<>();
        float[] values = new float[n * cells];
        boolean[] mask = new boolean[cells];
        for (int j = 0; j < maps.factors(); j++) {
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < cells; p++) {
                    values[i * cells + p] = maps.magnitude(i, j, p);
                }
            }
            float threshold = Quantile.of(values.clone(), QUANTILE);
            long maskPixels = 0;
            long[] inter = new long[classes];
            for (int i = 0; i < n; i++) {
                boolean any = false;
                for (int p = 0; p < cells; p++) {
                    float v = values[i * cells + p];
                    mask[p] = v > threshold && v > 0;
                    any |= mask[p];
                }
                if (!any) {
                    continue;
                }
                int lo = i * pixels;
                for (int px = 0; px < pixels; px++) {
                    if (mask[cellOf[px]]) {
                        maskPixels++;
                        inter[labels[lo + px] & 0xFF]++;
                    }
                }
            }
            double[] iou = new double[classes];
            int best = 0;
            for (int c = 0; c < classes; c++) {
                long union = maskPixels + classPixels[c] - inter[c];
                iou[c] = union == 0 ? 0 : (double) inter[c] / union;
                if (iou[c] > iou[best]) {
                    best = c;
                }
            }
            out.add(new FactorLabel(SemanticLabel.values()[best], iou[best], threshold, iou));
        }
        return out;
    }
}
