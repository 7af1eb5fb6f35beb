package org.rlvision.agent.train;

import org.rlvision.agent.net.ParameterSlot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says where a refused gradient went wrong: the parameters whose gradient norm is not finite and
 * the largest finite one, so a blow-up names its layer (e.g. {@code not finite in 1a.weight;
 * largest finite: fc2.weight 3.1e+02}).
 */
final class GradientReport {
    private GradientReport() {
    }

    /** The report of per-parameter squared gradient norms {@code squares}, in {@code slots}' order. */
    static String of(List<ParameterSlot> slots, double[] squares) {
        List<String> bad = new ArrayList<>();
        int largest = -1;
        for (int i = 0; i < slots.size(); i++) {
            if (!Double.isFinite(squares[i])) {
                bad.add(slots.get(i).key() + (Double.isNaN(squares[i]) ? " (NaN)" : " (overflow)"));
            } else if (largest < 0 || squares[i] > squares[largest]) {
                largest = i;
            }
        }
        String out = bad.isEmpty() ? "every parameter's gradient is finite" : "not finite in " + String.join(", ", bad);
        return largest < 0 ? out : out + String.format(Locale.ROOT, "; largest finite: %s %.2g", slots.get(largest).key(),
                Math.sqrt(squares[largest]));
    }
}
