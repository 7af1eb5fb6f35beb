package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlvision.env.coinrun.SemanticLabel;

/**
 * A factor's automatic label: the semantic class whose pixels best overlap the places where the
 * factor's attribution is strongest ({@link FactorLabeler}), with that overlap and the other
 * classes' overlaps.
 *
 * @param label      the best class
 * @param iou        its intersection over union (0..1)
 * @param threshold  the map value at or above which a cell was in the mask compared with that class
 * @param chance     the IoU a mask of the same size placed at random would have with that class
 * @param iouByClass IoU of every {@link SemanticLabel}, by ordinal
 */
public record FactorLabel(SemanticLabel label, double iou, double threshold, double chance, double[] iouByClass) {
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

    /** The {@code n} classes after the label, best IoU first (ties in class order). */
    public List<SemanticLabel> runnersUp(int n) {
        SemanticLabel[] all = SemanticLabel.values();
        List<SemanticLabel> order = new ArrayList<>();
        for (int c = 0; c < all.length && c < iouByClass.length; c++) {
            if (all[c] != label) {
                order.add(all[c]);
            }
        }
        order.sort(Comparator.comparingDouble((SemanticLabel c) -> -iouByClass[c.ordinal()]));
        return order.subList(0, Math.min(n, order.size()));
    }

    /** E.g. {@code saw (IoU 0.43, chance 0.00; next enemy 0.21, crate 0.05)}. */
    @Override
    public String toString() {
        StringBuilder next = new StringBuilder();
        for (SemanticLabel c : runnersUp(2)) {
            next.append(next.length() == 0 ? "; next " : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f", nameOf(c), iouByClass[c.ordinal()]));
        }
        return String.format(Locale.ROOT, "%s (IoU %.2f, chance %.2f%s)", name(), iou, chance, next);
    }
}
