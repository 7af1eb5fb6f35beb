package org.rlvision.plugins.attribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NMF factor as the interface shows it: its label, colour, direction over channels and
 * dataset examples.
 *
 * @param index        factor index (0-based)
 * @param label        automatic label from the semantic label maps, e.g. {@code saw}
 * @param iou          IoU of the factor's attribution with the label's pixels
 * @param direction    the factor's direction over the layer's channels (length C, non-negative)
 * @param rgb          the factor's display colour as {@code 0xRRGGBB}
 * @param examples     its top dataset examples, strongest first
 * @param thumbnailPng a PNG of the examples' patches (a 4×4 grid), the legend's thumbnail
 * @param iouByClass   every class's IoU with the factor, by class name (empty when unknown)
 * @param liftByClass  every class's lift, by class name (empty when unknown; the label has the highest)
 */
public record FactorView(int index, String label, double iou, float[] direction, int rgb,
                         List<DatasetExample> examples, byte[] thumbnailPng, Map<String, Double> iouByClass,
                         Map<String, Double> liftByClass) {
    /** Copies the collections. */
    public FactorView {
        examples = List.copyOf(examples);
        iouByClass = iouByClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(iouByClass));
        liftByClass = liftByClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(liftByClass));
    }

    /** A factor view labelled by IoU, without lifts. */
    public FactorView(int index, String label, double iou, float[] direction, int rgb, List<DatasetExample> examples,
                      byte[] thumbnailPng, Map<String, Double> iouByClass) {
        this(index, label, iou, direction, rgb, examples, thumbnailPng, iouByClass, Map.of());
    }

    /** The label's lift, or NaN when unknown. */
    public double lift() {
        Double l = liftByClass.get(label);
        return l == null ? Double.NaN : l;
    }

    /** A factor view without the other classes' IoUs. */
    public FactorView(int index, String label, double iou, float[] direction, int rgb, List<DatasetExample> examples,
                      byte[] thumbnailPng) {
        this(index, label, iou, direction, rgb, examples, thumbnailPng, Map.of());
    }

    /**
     * One dataset example: an observation where the factor peaks.
     *
     * @param episode episode index in the run
     * @param step    step within the episode
     * @param y       row of the peak in the layer's grid
     * @param x       column of the peak in the layer's grid
     * @param value   the factor's value at the peak
     */
    public record DatasetExample(int episode, int step, int y, int x, float value) {
    }
}
