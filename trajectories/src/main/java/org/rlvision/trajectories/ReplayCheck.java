package org.rlvision.trajectories;

/**
 * The result of replaying one recorded episode.
 *
 * @param episode            the episode number
 * @param levelSeed          its level seed
 * @param steps              its length T
 * @param firstDifferingStep the first step whose observation, reward or ending differs from the
 *                           recording (0 = the initial frame), or -1 if the replay is bit-identical
 * @param recordedEnd        the recorded end cause, or {@code UNFINISHED}
 * @param replayedEnd        how the re-simulation ended at the same point ({@code UNFINISHED} if it had not)
 * @param detail             what differed, or empty
 * @param maxAbsValueDelta   max |value(recorded) − value(re-evaluated)| over the steps; NaN if not evaluated
 * @param maxAbsLogitDelta   max |logit(recorded) − logit(re-evaluated)|; NaN if not evaluated
 */
public record ReplayCheck(int episode, int levelSeed, int steps, int firstDifferingStep, String recordedEnd,
                          String replayedEnd, String detail, double maxAbsValueDelta, double maxAbsLogitDelta) {
    /** True if every frame, reward and the ending were reproduced bit for bit. */
    public boolean identical() {
        return firstDifferingStep < 0;
    }
}
