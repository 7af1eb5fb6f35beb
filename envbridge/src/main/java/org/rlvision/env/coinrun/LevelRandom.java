package org.rlvision.env.coinrun;

/**
 * Procgen's {@code RandGen}: the draws its games make ({@code randn}, {@code rand01},
 * {@code randint}) on top of {@link Mt19937}, with the same integer and float arithmetic, so
 * the same seed consumes the same numbers in the same order.
 */
public final class LevelRandom {
    private final Mt19937 mt = new Mt19937();

    /** Seeds the generator ({@code RandGen::seed}); the int is read as unsigned 32 bits. */
    public void seed(int seed) {
        mt.seed(seed);
    }

    /** {@code randn(high)}: the next output modulo {@code high} (unsigned), in [0, high). */
    public int randn(int high) {
        if (high <= 0) {
            throw new IllegalArgumentException("randn needs a positive bound, got " + high);
        }
        return (int) (mt.nextUnsigned() % high);
    }

    /** {@code randint(low, high)}: {@code low + (next % (uint32)(high - low))}. */
    public int randint(int low, int high) {
        long range = (high - low) & 0xffffffffL;
        return low + (int) (mt.nextUnsigned() % range);
    }

    /** {@code randint()}: the raw next output as a (possibly negative) int. */
    public int randint() {
        return mt.nextInt();
    }

    /** {@code rand01()}: {@code (float)(next / 2³²)}, in [0, 1]. */
    public float rand01() {
        return (float) (mt.nextUnsigned() / 4294967296.0);
    }

    /** Makes this generator's state identical to {@code other}'s. */
    public void copyFrom(LevelRandom other) {
        mt.copyFrom(other.mt);
    }
}
