package org.rlvision.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.BinaryOperator;

/**
 * A differentiable per-example scalar of the network's outputs, the thing gradients and
 * attributions explain: the value, one logit, a logit difference or an action's log-probability.
 */
@FunctionalInterface
public interface OutputFunction {
    /**
     * Computes the scalar for each example with differentiable NDArray operations.
     *
     * @param logits policy logits {@code [B,A]}
     * @param values values {@code [B]}
     * @return one scalar per example, {@code [B]}
     */
    NDArray apply(NDArray logits, NDArray values);

    /** A short description for reports, e.g. {@code logit[7]}. */
    default String describe() {
        return "custom";
    }

    /** The value estimate V(x). */
    static OutputFunction value() {
        return new Named("value", (logits, values) -> values);
    }

    /** The logit of one action. */
    static OutputFunction logit(int action) {
        requireAction(action);
        return new Named("logit[" + action + "]", (logits, values) -> column(logits, action));
    }

    /** {@code logit[a] − logit[b]}, e.g. how much more the policy prefers RIGHT over LEFT. */
    static OutputFunction logitDifference(int a, int b) {
        requireAction(a);
        requireAction(b);
        return new Named("logit[" + a + "]-logit[" + b + "]", (logits, values) -> column(logits, a).sub(column(logits, b)));
    }

    /** {@code log π(a|x)}, the log-softmax of the logits at one action. */
    static OutputFunction logProb(int action) {
        requireAction(action);
        return new Named("logprob[" + action + "]", (logits, values) -> column(logits.logSoftmax(1), action));
    }

    /** {@code log π(a_i|x_i)} with a different action per example ({@code actions.length == B}). */
    static OutputFunction logProbOf(int[] actions) {
        int[] copy = actions.clone();
        for (int a : copy) {
            requireAction(a);
        }
        return new Named("logprob[taken]", (logits, values) -> {
            if (logits.getShape().get(0) != copy.length) {
                throw new IllegalArgumentException("logProbOf has " + copy.length + " actions but the batch has "
                        + logits.getShape().get(0) + " observations; pass one action per observation");
            }
            NDArray oneHot = logits.getManager().create(copy).oneHot(Math.toIntExact(logits.getShape().get(1)))
                    .toType(logits.getDataType(), false);
            return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1});
        });
    }

    private static NDArray column(NDArray logits, int action) {
        long a = logits.getShape().get(1);
        if (action >= a) {
            throw new IllegalArgumentException("action " + action + " is out of range; the network has actions 0.." + (a - 1));
        }
        return logits.get(new NDIndex(":, {}", action));
    }

    private static void requireAction(int action) {
        if (action < 0) {
            throw new IllegalArgumentException("action " + action + " is negative; actions are numbered from 0");
        }
    }

    /** An output function with a description. */
    record Named(String describe, BinaryOperator<NDArray> f) implements OutputFunction {
        @Override
        public NDArray apply(NDArray logits, NDArray values) {
            return f.apply(logits, values);
        }

        @Override
        public String toString() {
            return describe;
        }
    }
}
