package org.rlvision.agent;

/**
 * What the network says about a batch: policy logits {@code [B,A]} and values {@code [B]}.
 *
 * @param logits unnormalised log-probabilities, {@code [B,A]}
 * @param values value estimates (discounted return), {@code [B]}
 */
public record PolicyOutput(Tensor logits, Tensor values) {
    /** Checks the shapes agree. */
    public PolicyOutput {
        if (logits.rank() != 2 || values.rank() != 1 || logits.dim(0) != values.dim(0)) {
            throw new IllegalArgumentException("expected logits [B,A] and values [B], got " + logits.shapeText()
                    + " and " + values.shapeText());
        }
    }

    /** Batch size B. */
    public int count() {
        return values.dim(0);
    }

    /** Number of actions A. */
    public int numActions() {
        return logits.dim(1);
    }

    /** The logit of {@code action} for example {@code i}. */
    public float logit(int i, int action) {
        return logits.get(i, action);
    }

    /** The value of example {@code i}. */
    public float value(int i) {
        return values.data()[i];
    }

    /** The highest-logit action of example {@code i} (lowest index on ties). */
    public int greedyAction(int i) {
        int a = numActions();
        int best = 0;
        for (int k = 1; k < a; k++) {
            if (logits.data()[i * a + k] > logits.data()[i * a + best]) {
                best = k;
            }
        }
        return best;
    }
}
