package org.rlvision.plugins.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlvision.env.coinrun.SemanticLabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network-dissection labels on planted detectors. */
class FactorLabelerTest {
    static final int N = 300;
    static final int S = 64;
    static final int G = 32;

    @Test
    void aPlantedSawDetectorIsLabelledSawAndACoinDetectorCoin() {
        SplittableRandom rng = new SplittableRandom(8);
        byte[] labels = new byte[N * S * S];
        for (int i = 0; i < N; i++) {
            int o = i * S * S;
            // ground along the bottom, one or two saws, sometimes a coin, an agent in the middle
            for (int y = 56; y < S; y++) {
                Arrays.fill(labels, o + y * S, o + y * S + S, SemanticLabel.WALL.id());
            }
            for (int s = 0; s < 1 + rng.nextInt(2); s++) {
                square(labels, o, rng.nextInt(48), rng.nextInt(56), 8, SemanticLabel.SAW);
            }
            if (rng.nextBoolean()) {
                square(labels, o, rng.nextInt(48), rng.nextInt(58), 6, SemanticLabel.COIN);
            }
            square(labels, o, 28, 28, 8, SemanticLabel.AGENT);
        }
        int k = 3;
        float[] pos = new float[N * k * G * G];
        float[] neg = new float[pos.length];
        for (int i = 0; i < N; i++) {
            for (int cy = 0; cy < G; cy++) {
                for (int cx = 0; cx < G; cx++) {
                    int saw = 0;
                    int coin = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            byte l = labels[i * S * S + (2 * cy + dy) * S + 2 * cx + dx];
                            saw += l == SemanticLabel.SAW.id() ? 1 : 0;
                            coin += l == SemanticLabel.COIN.id() ? 1 : 0;
                        }
                    }
                    int cell = cy * G + cx;
                    // factor 0: positive attribution where saws are, plus noise; factor 1: negative
                    // attribution on coins; factor 2: noise only
                    pos[(i * k) * G * G + cell] = saw / 4f + 0.2f * rng.nextFloat();
                    neg[(i * k + 1) * G * G + cell] = coin / 4f + 0.2f * rng.nextFloat();
                    pos[(i * k + 2) * G * G + cell] = rng.nextFloat();
                }
            }
        }
        List<FactorLabel> out = FactorLabeler.label(new FactorMaps(N, k, G, G, pos, neg), labels, S, S);
        assertEquals(SemanticLabel.SAW, out.get(0).label(), "factor 0: " + out.get(0));
        assertEquals("saw", out.get(0).name());
        assertTrue(out.get(0).iou() > 0.3, "the saw detector overlaps saws well: " + out.get(0));
        assertEquals(SemanticLabel.COIN, out.get(1).label(), "negative attribution counts too: " + out.get(1));
        assertTrue(out.get(2).iou() < 0.1, "noise overlaps nothing well: " + out.get(2));
        assertTrue(out.get(0).iou() > out.get(0).iouByClass()[SemanticLabel.AGENT.ordinal()]);
        assertEquals(out.get(0).iouByClass()[SemanticLabel.SAW.ordinal()], out.get(0).iou());
    }

    @Test
    void iouIsComputedOverTheUpsampledMaskByHand() {
        // One observation, a 2x2 grid on a 4x4 frame: the cell (0,1) is the only one above the
        // 99% quantile; its 2x2 pixel block holds 3 saw pixels, and the frame has 4 saw pixels.
        byte[] labels = new byte[16];
        labels[2] = labels[3] = labels[7] = SemanticLabel.SAW.id();
        labels[12] = SemanticLabel.SAW.id();
        float[] pos = {0f, 5f, 0f, 0f};
        FactorLabel l = FactorLabeler.label(new FactorMaps(1, 1, 2, 2, pos, new float[4]), labels, 4, 4).get(0);
        assertEquals(SemanticLabel.SAW, l.label());
        assertEquals(3.0 / (4 + 4 - 3), l.iou(), 1e-12, "|mask ∩ saw| / |mask ∪ saw| = 3 / 5");
        assertEquals("saw (IoU 0.60)", l.toString());
    }

    @Test
    void quantileSelectsTheSameValueAsSorting() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 7, 100, 10_001}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextInt(50) / 7f;
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 0.5, 0.99, 1}) {
                assertEquals(sorted[(int) Math.floor(q * (n - 1))], Quantile.of(v.clone(), q), "n=" + n + " q=" + q);
            }
        }
    }

    private static void square(byte[] labels, int o, int x, int y, int size, SemanticLabel l) {
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                labels[o + (y + dy) * S + x + dx] = l.id();
            }
        }
    }
}
