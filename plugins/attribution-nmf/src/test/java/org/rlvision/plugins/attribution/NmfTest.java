package org.rlvision.plugins.attribution;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HALS solver on planted non-negative factorisations. */
class NmfTest {
    static final int C = 32;
    static final int K = 8;

    /**
     * A planted factorisation: H0 has k directions with disjoint supports of 4 channels (so the
     * factorisation is unique up to permutation and scale), and every row of V is a sparse
     * non-negative combination of them, with a random sign (so both halves of X are in the cone).
     */
    record Planted(float[] v, float[] w0, float[] h0, int rows) {
        static Planted of(int rows, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] h0 = new float[K * C];
            for (int j = 0; j < K; j++) {
                for (int c = 4 * j; c < 4 * j + 4; c++) {
                    h0[j * C + c] = 0.2f + rng.nextFloat();
                }
            }
            float[] w0 = new float[rows * K];
            float[] v = new float[rows * C];
            for (int r = 0; r < rows; r++) {
                float sign = rng.nextBoolean() ? 1f : -1f;
                for (int j = 0; j < K; j++) {
                    if (rng.nextInt(3) == 0) {
                        w0[r * K + j] = rng.nextFloat() * 2;
                    }
                }
                for (int j = 0; j < K; j++) {
                    for (int c = 0; c < C; c++) {
                        v[r * C + c] += sign * w0[r * K + j] * h0[j * C + c];
                    }
                }
            }
            return new Planted(v, w0, h0, rows);
        }
    }

    @Test
    void recoversAPlantedFactorisationUpToPermutationAndScale() {
        Planted p = Planted.of(20_000, 1);
        NmfResult r = Nmf.fit(new SignSplitMatrix(p.v, p.rows, C), new Nmf.Config(K, 500, 50, 1e-6, 3, 2, 0));
        assertTrue(r.relativeError() < 1e-3, "a planted exact factorisation is recovered, error " + r.relativeError());
        assertMatchesPlanted(r.h(), p.h0);
    }

    @Test
    void sketchThenRefineReachesTheSameFactorisation() {
        Planted p = Planted.of(40_000, 2);
        NmfResult r = Nmf.fit(new SignSplitMatrix(p.v, p.rows, C), new Nmf.Config(K, 500, 50, 1e-6, 3, 2, 4096));
        assertTrue(r.sketchIterations() > 0, "rows > 2 x sketchRows fit a sketch first");
        assertTrue(r.iterations() <= 50, "the refinement is bounded by refineIterations");
        assertTrue(r.relativeError() < 1e-3, "error over all rows " + r.relativeError());
        assertMatchesPlanted(r.h(), p.h0);
    }

    @Test
    void theSolutionDependsOnTheSeedOnlyNotOnTheThreads() {
        Planted p = Planted.of(9_000, 4);
        SignSplitMatrix x = new SignSplitMatrix(p.v, p.rows, C);
        NmfResult one = Nmf.fit(x, new Nmf.Config(K, 30, 30, 1e-4, 5, 1, 0));
        NmfResult two = Nmf.fit(x, new Nmf.Config(K, 30, 30, 1e-4, 5, 2, 0));
        assertArrayEquals(one.h(), two.h());
        assertArrayEquals(one.w(), two.w());
        assertEquals(one.relativeError(), two.relativeError());
    }

    @Test
    void projectionOnTheTrueFactorsReturnsThePlantedWeights() {
        Planted p = Planted.of(5_000, 6);
        NmfResult r = Nmf.transform(new SignSplitMatrix(p.v, p.rows, C), p.h0, K, 2);
        assertTrue(r.relativeError() < 1e-4, "projection error " + r.relativeError());
        double maxDiff = 0;
        for (int row = 0; row < p.rows; row++) {
            boolean negative = p.v[row * C + 4 * firstActive(p, row)] < 0;
            for (int j = 0; j < K; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(r.weight(j, negative, row) - p.w0[row * K + j]));
                assertEquals(0f, r.weight(j, !negative, row), "the other half of a one-signed row is zero");
            }
        }
        assertTrue(maxDiff < 1e-3, "weights recovered to " + maxDiff);
    }

    @Test
    void rowsOfZerosGetZeroWeightsAndAZeroMatrixHasZeroError() {
        float[] v = new float[10 * C];
        NmfResult zero = Nmf.fit(new SignSplitMatrix(v, 10, C), new Nmf.Config(2, 10, 10, 1e-4, 0, 1, 0));
        assertEquals(0, zero.relativeError());
        for (float w : zero.w()) {
            assertEquals(0f, w);
        }
        // One non-zero row among zeros: the zero rows' weights are exactly 0.
        v[3 * C + 5] = 2f;
        NmfResult one = Nmf.fit(new SignSplitMatrix(v, 10, C), new Nmf.Config(1, 50, 50, 1e-6, 0, 1, 0));
        for (int row = 0; row < 10; row++) {
            if (row != 3) {
                assertEquals(0f, one.weight(0, false, row));
            }
            assertEquals(0f, one.weight(0, true, row));
        }
        assertTrue(one.relativeError() < 1e-6, "a rank-one matrix is fitted exactly by one factor");
    }

    @Test
    void theSampleOfRowsIsDistinctSortedRowsOfV() {
        float[] v = new float[100 * 2];
        for (int r = 0; r < 100; r++) {
            v[2 * r] = r + 1;
            v[2 * r + 1] = -(r + 1);
        }
        SignSplitMatrix s = new SignSplitMatrix(v, 100, 2).sampleRows(30, 9);
        assertEquals(30, s.rows());
        for (int r = 0; r < 30; r++) {
            assertEquals(-s.values()[2 * r], s.values()[2 * r + 1], "rows are copied whole");
            if (r > 0) {
                assertTrue(s.values()[2 * r] > s.values()[2 * r - 2], "distinct rows in their original order");
            }
        }
    }

    private static int firstActive(Planted p, int row) {
        for (int j = 0; j < K; j++) {
            if (p.w0[row * K + j] > 0) {
                return j;
            }
        }
        return 0;
    }

    /** Every planted direction has a recovered one with cosine similarity above 0.999, one to one. */
    private static void assertMatchesPlanted(float[] h, float[] h0) {
        boolean[] taken = new boolean[K];
        for (int j = 0; j < K; j++) {
            int best = -1;
            double bestCos = 0;
            for (int i = 0; i < K; i++) {
                double cos = cosine(h0, j, h, i);
                if (!taken[i] && cos > bestCos) {
                    bestCos = cos;
                    best = i;
                }
            }
            assertTrue(bestCos > 0.999, "planted direction " + j + " is recovered (best cosine " + bestCos + ")");
            taken[best] = true;
        }
    }

    private static double cosine(float[] a, int i, float[] b, int j) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < C; c++) {
            dot += (double) a[i * C + c] * b[j * C + c];
            na += (double) a[i * C + c] * a[i * C + c];
            nb += (double) b[j * C + c] * b[j * C + c];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
