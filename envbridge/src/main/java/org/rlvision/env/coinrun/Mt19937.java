package org.rlvision.env.coinrun;

/**
 * The 32-bit Mersenne Twister, bit-identical to C++'s {@code std::mt19937} (the generator
 * Procgen seeds with each level seed), with the same {@code seed(uint32)} initialisation.
 *
 * <p>Allocation-free after construction; {@link #copyFrom} makes snapshots cheap.
 */
public final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /** A generator seeded with {@code std::mt19937}'s default seed, 5489. */
    public Mt19937() {
        seed(5489);
    }

    /** A generator seeded with {@code seed}, read as an unsigned 32-bit value. */
    public Mt19937(int seed) {
        seed(seed);
    }

    /** Re-seeds exactly as {@code std::mt19937::seed(result_type)}. */
    public void seed(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** The next output, as the unsigned 32-bit value's bit pattern. */
    public int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next output as an unsigned value in [0, 2³²). */
    public long nextUnsigned() {
        return nextInt() & 0xffffffffL;
    }

    /** Makes this generator's state identical to {@code other}'s. */
    public void copyFrom(Mt19937 other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        index = other.index;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            int v = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= MATRIX_A;
            }
            mt[i] = v;
        }
        index = 0;
    }
}
