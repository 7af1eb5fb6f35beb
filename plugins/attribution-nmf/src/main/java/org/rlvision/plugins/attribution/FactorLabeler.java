package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rlvision.env.coinrun.SemanticLabel;

/**
 * Labels factors automatically from the Java engine's semantic label maps. A factor's map in each
 * observation (positive plus negative attribution on the factor, at the layer's grid) is compared
 * with where each class is, in two ways:
 *
 * <ul>
 * <li><b>Lift</b> (the label): the factor's mean map value on the cells that touch the class
 * (hold at least one of its pixels) divided by its mean on the other cells, over all
 * observations. A factor that sits on saws wherever they are scores far above 1 for saws,
 * however small saws are; chance is 1. The label is the class with the highest lift among those
 * touching at least {@value #MIN_CELLS} cells and missing at least as many.</li>
 * <li><b>IoU</b>, in the manner of network dissection (Bau et al. 2017): the map is upsampled to the
 * frame by nearest neighbour (each cell covers its {@code H/h × W/w} block of pixels) and
 * thresholded at a dataset-wide quantile; the mask is compared with each class's pixels by
 * {@code Σ|mask ∩ class| / Σ|mask ∪ class|}, summed over all observations.</li>
 * </ul>
 *
 * <p>Why lift labels: a CoinRun saw is a strip of about a dozen pixels of a 64×64 frame, and the
 * attribution of a factor that responds to saws spreads over the cells around one (at layer 2b a
 * cell covers 2×2 pixels, at 3a 4×4), so most of its upsampled mask lies on the background beside
 * the saw. IoU then stays near 0 for every small object (the shipped agents' saw, coin and enemy
 * IoUs were all below 0.02) and the big classes win; lift compares cells with cells and names the
 * factor the circuit edit confirms (docs/attribution-nmf.md). When no class has the support, the
 * label falls back to the best IoU.
 *
 * <p>For IoU the quantile is chosen per class so that the mask is as large as the class, up to
 * {@value #MAX_MASK} of all cells: a class covering a fraction {@code f} of all pixels is compared
 * with the factor's top {@code min(f, 10%)} of cells (at least one cell, and only cells above zero).
 * CoinRun's classes differ in size by three orders of magnitude (in 4,096 frames of the shipped
 * agent: background 54%, wall 36%, velocity squares 8%, crates 0.9%, agent 0.4%, saws, coins,
 * enemies and lava about 0.1% each), so one fixed quantile would cap the IoU of a perfect detector
 * of a small class or of a large one. Matched sizes let a perfect pixel-level detector score 1
 * whatever its class's size; the 10% cap keeps the huge classes from winning by chance: a random
 * mask of the class's own size would score {@code f/(2−f)}, 0.37 for the background, but with the
 * cap it scores about 0.09 ({@link FactorLabel#chance()} reports it).
 */
public final class FactorLabeler {
    /** The largest mask, as a fraction of all cells. */
    public static final double MAX_MASK = 0.10;

    /** Cells a class must touch, and leave untouched, to be a candidate label by lift. */
    public static final int MIN_CELLS = 10;

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
        // the classes each cell touches, a bit per class, and how many cells touch each class
        int[] touches = new int[n * cells];
        for (int i = 0; i < n; i++) {
            for (int px = 0; px < pixels; px++) {
                touches[i * cells + cellOf[px]] |= 1 << labels[i * pixels + px];
            }
        }
        long[] touching = new long[classes];
        for (int t : touches) {
            for (int c = 0; c < classes; c++) {
                touching[c] += t >>> c & 1;
            }
        }
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
            double[] lift = lift(values, touches, touching, classes);
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
            int byLift = -1;
            for (int c = 0; c < classes; c++) {
                if (!Double.isNaN(lift[c]) && (byLift < 0 || lift[c] > lift[byLift])) {
                    byLift = c;
                }
            }
            int label = byLift >= 0 ? byLift : best;
            out.add(new FactorLabel(all[label], iou[label], threshold[label], chance[label], iou, lift));
        }
        return out;
    }

    /**
     * Every class's lift: the mean of {@code values} on the cells touching it over the mean on the
     * others; NaN for a class touching (or missing) fewer than {@link #MIN_CELLS} cells, +∞ when the
     * other cells are all zero and its own are not.
     */
    static double[] lift(float[] values, int[] touches, long[] touching, int classes) {
        double[] inside = new double[classes];
        double[] outside = new double[classes];
        for (int p = 0; p < values.length; p++) {
            double v = values[p];
            int t = touches[p];
            for (int c = 0; c < classes; c++) {
                if ((t >>> c & 1) != 0) {
                    inside[c] += v;
                } else {
                    outside[c] += v;
                }
            }
        }
        double[] lift = new double[classes];
        for (int c = 0; c < classes; c++) {
            long in = touching[c];
            long rest = values.length - in;
            if (in < MIN_CELLS || rest < MIN_CELLS) {
                lift[c] = Double.NaN;
                continue;
            }
            double meanIn = inside[c] / in;
            double meanOut = outside[c] / rest;
            lift[c] = meanOut > 0 ? meanIn / meanOut : meanIn > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return lift;
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
