package org.rlvision.env.coinrun;

/**
 * Deterministic randomness for the procedural backgrounds: a SplitMix64 stream and a value
 * noise that repeats horizontally (so backgrounds wrap around seamlessly).
 */
final class BackgroundNoise {
    private long state;

    /** A stream seeded by {@code seed}; equal seeds give equal streams on every JVM. */
    BackgroundNoise(long seed) {
        this.state = seed;
    }

    /** Next 64 random bits (SplitMix64). */
    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix64(state);
    }

    /** Uniform double in [0, 1). */
    double next() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform double in [lo, hi). */
    double range(double lo, double hi) {
        return lo + (hi - lo) * next();
    }

    /** Uniform int in [0, n). */
    int below(int n) {
        return (int) ((nextLong() >>> 33) % n);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Hash of a lattice point to [0, 1). */
    static double lattice(long seed, int i, int j) {
        return (mix64(seed + i * 0x632BE59BD9B4E019L + j * 0x8CB92BA72F3D8DD7L) >>> 11) * 0x1.0p-53;
    }

    /**
     * Smooth value noise in [0, 1) at {@code (x, y)} (in lattice cells), periodic in x with
     * period {@code periodX} cells.
     */
    static double value(long seed, double x, double y, int periodX) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        int x0 = Math.floorMod(ix, periodX);
        int x1 = Math.floorMod(ix + 1, periodX);
        double a = lattice(seed, x0, iy);
        double b = lattice(seed, x1, iy);
        double c = lattice(seed, x0, iy + 1);
        double d = lattice(seed, x1, iy + 1);
        double top = a + (b - a) * fx;
        double bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    /**
     * Fractal sum of {@link #value} octaves at normalised {@code (u, v)} in [0, 1), periodic in
     * u with period 1; about [0, 1).
     *
     * @param cells lattice cells across the first octave
     */
    static double fbm(long seed, double u, double v, int cells, int octaves) {
        double sum = 0;
        double amp = 0.5;
        double norm = 0;
        int n = cells;
        for (int o = 0; o < octaves; o++) {
            sum += amp * value(seed + o * 1013, u * n, v * n, n);
            norm += amp;
            amp *= 0.5;
            n *= 2;
        }
        return sum / norm;
    }
}
