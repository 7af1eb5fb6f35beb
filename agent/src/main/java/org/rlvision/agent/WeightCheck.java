package org.rlvision.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.agent.net.ParameterSlot;

/**
 * Checks weights against a network before anything is built: every expected tensor present with
 * its exact shape and finite values, and nothing extra. A failure is one sentence naming the first
 * bad tensor (with both shapes) and how many other problems there are.
 */
public final class WeightCheck {
    private WeightCheck() {
    }

    /**
     * Throws unless {@code weights} fits {@code layout} exactly.
     *
     * @param layout  the network
     * @param weights the candidate weights
     * @param source  where they came from, for the message (e.g. {@code weights.npz})
     * @throws IllegalArgumentException naming the first bad tensor and the count of other problems
     */
    public static void require(NetworkLayout layout, StateDict weights, String source) {
        List<String> problems = new ArrayList<>();
        String net = "the " + layout.config().architecture().id() + " network";
        Set<String> expected = Set.copyOf(layout.parameterKeys());
        for (ParameterSlot p : layout.parameters()) {
            if (!weights.contains(p.key())) {
                problems.add(source + " has no tensor '" + p.key() + "' (" + net + " expects shape "
                        + Tensor.shapeText(p.shapeArray()) + ")");
                continue;
            }
            Tensor t = weights.get(p.key());
            if (!Arrays.equals(t.shape(), p.shapeArray())) {
                problems.add("tensor '" + p.key() + "' has shape " + t.shapeText() + " in " + source + " but " + net
                        + " expects " + Tensor.shapeText(p.shapeArray()));
                continue;
            }
            for (float x : t.data()) {
                if (!Float.isFinite(x)) {
                    problems.add("tensor '" + p.key() + "' in " + source + " contains " + x);
                    break;
                }
            }
        }
        for (String key : weights.keys()) {
            if (!expected.contains(key)) {
                problems.add(source + " has an unexpected tensor '" + key + "' " + weights.get(key).shapeText()
                        + " that " + net + " does not have");
            }
        }
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problem"
                    + (problems.size() == 2 ? "" : "s") + ")";
            throw new IllegalArgumentException(problems.get(0) + more
                    + "; check the architecture or re-export the weights with the expected keys");
        }
    }
}
