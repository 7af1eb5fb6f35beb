package org.rlvision.env;

/**
 * A reproducible, engine-independent action sequence for comparing environments: a 32-bit LCG
 * ({@code state = state·1103515245 + 12345}) whose draws pick RIGHT, RIGHT+UP, UP or LEFT+UP
 * three times in four and a uniform action otherwise, so the agent makes progress and meets
 * hazards. The golden Procgen traces in the tests were recorded with this generator.
 */
public final class FidelityActions {
    private static final int[] BIASED = {7, 8, 5, 2};
    private int state;

    /** Starts the sequence from {@code seed}. */
    public FidelityActions(int seed) {
        this.state = seed;
    }

    /** The next action index 0..14. */
    public int next() {
        state = state * 1103515245 + 12345;
        if (((state >>> 8) % 4) != 0) {
            return BIASED[(state >>> 4) % 4];
        }
        return (int) (((state >>> 16) & 0xffffffffL) % 15);
    }
}
