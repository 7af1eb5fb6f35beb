package org.rlvision.agent;

/**
 * The policy's softmax over one row of a {@code [B,A]} logits array, in double precision and
 * without allocating (these run once per environment step): sampling by inverse CDF, the
 * log-probability of an action and the probability of a set of actions.
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * The action whose cumulative probability first exceeds {@code u}.
     *
     * @param logits row-major logits
     * @param offset the row's first index
     * @param count  actions in the row
     * @param u      a uniform draw in [0, 1)
     */
    public static int sample(float[] logits, int offset, int count, double u) {
        double max = max(logits, offset, count);
        double target = u * partition(logits, offset, count, max);
        double acc = 0;
        for (int k = 0; k < count; k++) {
            acc += Math.exp(logits[offset + k] - max);
            if (target < acc) {
                return k;
            }
        }
        return count - 1;
    }

    /** {@code log softmax(row)[action]}. */
    public static double logProbability(float[] logits, int offset, int count, int action) {
        double max = max(logits, offset, count);
        return logits[offset + action] - max - Math.log(partition(logits, offset, count, max));
    }

    /** The probability of the actions set in {@code mask} (bit k = action k). */
    public static double probability(float[] logits, int offset, int count, int mask) {
        double max = max(logits, offset, count);
        double in = 0;
        for (int k = 0; k < count; k++) {
            if ((mask >>> k & 1) != 0) {
                in += Math.exp(logits[offset + k] - max);
            }
        }
        return in / partition(logits, offset, count, max);
    }

    private static double max(float[] logits, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        return max;
    }

    private static double partition(float[] logits, int offset, int count, double max) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += Math.exp(logits[offset + k] - max);
        }
        return sum;
    }
}
