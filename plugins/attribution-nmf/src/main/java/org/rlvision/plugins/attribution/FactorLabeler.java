package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rlvision.env.coinrun.SemanticLabel;

/**
 * Labels factors automatically from the Java engine's semantic label maps, in the manner of
 * network dissection (Bau et al. 2017): a factor's map in each observation (positive plus negative
 * attribution on the factor, at the layer's grid) is upsampled to the frame by nearest neighbour
 * (each cell covers its {@code H/h × W/w} block of pixels) and thresholded at a dataset-wide
 * quantile; the mask is compared with each class's pixels by IoU =
 * {@code Σ|mask ∩ class| / Σ|mask ∪ class|}, summed over all observations, and the label is the
 * class with the highest IoU.
 *
 * <p>The quantile is chosen per class so that the mask is as large as the class, up to
 * {@value #MAX_MASK} of all cells: a class covering a fraction {@code f} of all pixels is compared
 * with the factor's top {@code min(f, 10%)} of cells (at least one cell, and only cells above zero).
 * CoinRun's classes differ in size by three orders of magnitude (in 4,096 frames of the shipped
 * agent: background 54%, wall 36%, velocity squares 8%, crates 0.9%, agent 0.4%, saws, coins,
 * enemies and lava about 0.1% each), so one fixed quantile would cap the IoU of a perfect detector
 * of a small class (a 1% mask caps a saw detector near 0.1) or of a large one. Matched sizes let a
 * perfect detector score 1 whatever its class's size (IoU is then precision and recall); the 10%
 * cap keeps the huge classes from winning by chance: a random mask of the class's own size would
 * score {@code f/(2−f)}, 0.37 for the background, but with the cap it scores about 0.09 for the
 * background and 0.09 for walls ({@link FactorLabel#chance()} reports it). Every class competes.
 */
public final class FactorLabeler {
    /** The largest mask, as a fraction of all cells. */
    public static final double MAX_MASK = 0.10;

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
     * @throws IllegalArgumentException if the image is not a whole multiple of the grid, or a label id is unknown
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
        SemanticLabel[] all = SemanticLabel.values();
        int classes = all.length;
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
        long totalCells = (long) n * cells;
        List<FactorLabel> out = new ArrayList<>();
        float[] values = new float[n * cells];
        for (int j = 0; j < maps.factors(); j++) {
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < cells; p++) {
                    values[i * cells + p] = maps.magnitude(i, j, p);
                }
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            float[] threshold = new float[classes];
            long[] maskPixels = new long[classes];
            for (int c = 0; c < classes; c++) {
                double share = Math.min(MAX_MASK, (double) classPixels[c] / ((long) n * pixels));
                long size = Math.max(1, Math.round(share * totalCells));
                float t = sorted[(int) (totalCells - Math.min(size, totalCells))];
                // only cells above zero: a factor that is zero almost everywhere must not claim the zeros
                threshold[c] = t > 0 ? t : Math.nextUp(0f);
                maskPixels[c] = (totalCells - lowerBound(sorted, threshold[c])) * fy * fx;
            }
            long[] inter = new long[classes];
            for (int i = 0; i < n; i++) {
                int lo = i * pixels;
                int vo = i * cells;
                for (int px = 0; px < pixels; px++) {
                    int id = labels[lo + px];
                    if (values[vo + cellOf[px]] >= threshold[id]) {
                        inter[id]++;
                    }
                }
            }
            double[] iou = new double[classes];
            double[] chance = new double[classes];
            int best = 0;
            for (int c = 0; c < classes; c++) {
                long union = maskPixels[c] + classPixels[c] - inter[c];
                iou[c] = classPixels[c] == 0 || union == 0 ? 0 : (double) inter[c] / union;
                double m = (double) maskPixels[c] / ((long) n * pixels);
                double f = (double) classPixels[c] / ((long) n * pixels);
                chance[c] = m + f - m * f == 0 ? 0 : m * f / (m + f - m * f);
                if (iou[c] > iou[best]) {
                    best = c;
                }
            }
            out.add(new FactorLabel(all[best], iou[best], threshold[best], chance[best], iou));
        }
        return out;
    }

    /** The number of sorted values below {@code v}. */
    private static long lowerBound(float[] sorted, float v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
