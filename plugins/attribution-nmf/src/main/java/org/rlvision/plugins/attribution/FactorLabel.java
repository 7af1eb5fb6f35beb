package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.plugin.nmf.NmfFactorsFile;

/**
 * A factor's automatic label ({@link FactorLabeler}): the semantic class on whose cells the
 * factor's attribution is densest relative to elsewhere (its lift), with every class's lift and
 * the network-dissection IoU of every class.
 *
 * @param label       the label: the class with the highest lift (or, when no class has the support
 *                    for a lift, the best IoU)
 * @param iou         the label's intersection over union (0..1)
 * @param threshold   the map value at or above which a cell was in the mask compared with the label
 * @param chance      the IoU a mask of the same size placed at random would have with the label
 * @param iouByClass  IoU of every {@link SemanticLabel}, by ordinal
 * @param liftByClass lift of every {@link SemanticLabel}, by ordinal (NaN: too few cells to say)
 */
public record FactorLabel(SemanticLabel label, double iou, double threshold, double chance, double[] iouByClass,
                          double[] liftByClass) {
    /** A label from IoU alone (no lift measured). */
    public FactorLabel(SemanticLabel label, double iou, double threshold, double chance, double[] iouByClass) {
        this(label, iou, threshold, chance, iouByClass, nan(iouByClass.length));
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** The label's lift (NaN when it was chosen by IoU). */
    public double lift() {
        return label.ordinal() < liftByClass.length ? liftByClass[label.ordinal()] : Double.NaN;
    }

    /** True when the label was chosen by lift. */
    public boolean byLift() {
        return !Double.isNaN(lift());
    }

    /** The class as the report names it: lower case, e.g. {@code saw}, {@code velocity info}. */
    public String name() {
        return nameOf(label);
    }

    /** A class as reports name it: lower case with spaces, e.g. {@code velocity info}. */
    public static String nameOf(SemanticLabel label) {
        return label.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Every class's IoU by its report name ({@code velocity info}, {@code saw}, …), in {@link SemanticLabel} order. */
    public Map<String, Double> iouByName() {
        Map<String, Double> m = new LinkedHashMap<>();
        SemanticLabel[] all = SemanticLabel.values();
        for (int c = 0; c < all.length && c < iouByClass.length; c++) {
            m.put(nameOf(all[c]), iouByClass[c]);
        }
        return m;
    }

    /** Every class's lift by its report name, in {@link SemanticLabel} order, leaving out the classes without one. */
    public Map<String, Double> liftByName() {
        Map<String, Double> m = new LinkedHashMap<>();
        SemanticLabel[] all = SemanticLabel.values();
        for (int c = 0; c < all.length && c < liftByClass.length; c++) {
            if (!Double.isNaN(liftByClass[c])) {
                m.put(nameOf(all[c]), liftByClass[c]);
            }
        }
        return m;
    }

    /**
     * The {@code n} classes after the label by the measure that chose it: highest lift first
     * (classes without a lift left out), or, for a label chosen by IoU, highest IoU first; ties in
     * class order.
     */
    public List<SemanticLabel> runnersUp(int n) {
        SemanticLabel[] all = SemanticLabel.values();
        double[] score = byLift() ? liftByClass : iouByClass;
        List<SemanticLabel> order = new ArrayList<>();
        for (int c = 0; c < all.length && c < score.length; c++) {
            if (all[c] != label && !Double.isNaN(score[c])) {
                order.add(all[c]);
            }
        }
        order.sort(Comparator.comparingDouble((SemanticLabel c) -> -score[c.ordinal()]));
        return order.subList(0, Math.min(n, order.size()));
    }

    /**
     * E.g. {@code saw (lift 8.3×; next enemy 8.0×, crate 6.1×; IoU 0.01, chance 0.00)}, or for a
     * label by IoU {@code saw (IoU 0.43, chance 0.00; next enemy 0.21, crate 0.05)}.
     */
    @Override
    public String toString() {
        StringBuilder next = new StringBuilder();
        for (SemanticLabel c : runnersUp(2)) {
            next.append(next.length() == 0 ? "; next " : ", ").append(nameOf(c)).append(' ').append(byLift()
                    ? NmfFactorsFile.formatLift(liftByClass[c.ordinal()]) : String.format(Locale.ROOT, "%.2f", iouByClass[c.ordinal()]));
        }
        if (byLift()) {
            return String.format(Locale.ROOT, "%s (lift %s%s; IoU %.2f, chance %.2f)", name(), NmfFactorsFile.formatLift(lift()), next, iou, chance);
        }
        return String.format(Locale.ROOT, "%s (IoU %.2f, chance %.2f%s)", name(), iou, chance, next);
    }
}
