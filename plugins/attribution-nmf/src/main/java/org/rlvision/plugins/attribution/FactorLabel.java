package org.rlvision.plugins.attribution;

import java.util.Locale;
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

    /** E.g. {@code saw (IoU 0.43, chance 0.00)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (IoU %.2f, chance %.2f)", name(), iou, chance);
    }
}
