package org.rlvision.agent.train;

/**
 * PPO's learning rate per update: constant, or annealed linearly from {@code initial} to
 * {@code last} over the first {@code annealUpdates} updates and {@code last} after them. It
 * depends on the update number alone, so a resumed run follows the same schedule as one left
 * alone, and stopping early does not change the updates already made.
 *
 * @param initial       the learning rate of update 1
 * @param last          the learning rate from update {@code annealUpdates + 1} on
 * @param annealUpdates updates over which the rate moves from {@code initial} to {@code last}; 0 = constant
 */
public record LearningRateSchedule(float initial, float last, int annealUpdates) {
    /** Validates the rates and the length. */
    public LearningRateSchedule {
        if (!(initial > 0) || Float.isInfinite(initial) || !(last > 0) || Float.isInfinite(last)) {
            throw new IllegalArgumentException("learning rates must be positive and finite, got " + initial + " and " + last);
        }
        if (annealUpdates < 0) {
            throw new IllegalArgumentException("annealUpdates must be >= 0, got " + annealUpdates);
        }
        if (annealUpdates == 0 && initial != last) {
            throw new IllegalArgumentException("a schedule from " + initial + " to " + last + " needs annealUpdates >= 1");
        }
    }

    /** The same rate for every update. */
    public static LearningRateSchedule constant(float rate) {
        return new LearningRateSchedule(rate, rate, 0);
    }

    /** Whether every update uses {@link #initial()}. */
    public boolean isConstant() {
        return annealUpdates == 0;
    }

    /**
     * The learning rate of update {@code update} (1-based): {@code initial + (last - initial) ×
     * min(1, (update - 1) / annealUpdates)}.
     */
    public float at(int update) {
        if (update < 1) {
            throw new IllegalArgumentException("updates count from 1, got " + update);
        }
        if (annealUpdates == 0) {
            return initial;
        }
        double fraction = Math.min(1.0, (update - 1) / (double) annealUpdates);
        return (float) (initial + ((double) last - initial) * fraction);
    }

    @Override
    public String toString() {
        return isConstant() ? String.valueOf(initial) : initial + " -> " + last + " over " + annealUpdates + " updates";
    }
}
