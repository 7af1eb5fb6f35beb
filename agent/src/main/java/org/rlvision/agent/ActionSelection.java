package org.rlvision.agent;

/** How a {@link Policy} turns logits into actions. */
public enum ActionSelection {
    /** Sample from softmax(logits) with the policy's seeded random generator. */
    SAMPLE,
    /** Take the highest logit (lowest index on ties). */
    GREEDY
}
