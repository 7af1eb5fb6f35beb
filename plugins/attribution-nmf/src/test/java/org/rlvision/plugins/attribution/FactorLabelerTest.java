package org.rlvision.plugins.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        assertTrue(out.get(0).iou() > 0.7, "the saw detector overlaps saws well: " + out.get(0));
        assertEquals(SemanticLabel.COIN, out.get(1).label(), "negative attribution counts too: " + out.get(1));
        // noise: a random 10% mask meets the background (about 80% of these frames) at chance level, 0.8·0.1/(0.1+0.8−0.08)
        assertTrue(out.get(2).iou() < 0.12, "noise overlaps nothing well: " + out.get(2));
        assertEquals(out.get(2).chance(), out.get(2).iou(), 0.02, "noise scores at chance level");
        assertTrue(out.get(0).iou() > out.get(0).iouByClass()[SemanticLabel.AGENT.ordinal()]);
        assertEquals(out.get(0).iouByClass()[SemanticLabel.SAW.ordinal()], out.get(0).iou());
    }

    @Test
    void iouIsComputedOverTheUpsampledMaskByHand() {
        // One observation, a 2x2 grid on a 4x4 frame. Saws cover 4 of 16 pixels, so the saw mask is the
        // factor's top quarter of cells: cell (0,1), whose 2x2 pixel block holds 3 of the saw pixels.
        byte[] labels = new byte[16];
        labels[2] = labels[3] = labels[7] = SemanticLabel.SAW.id();
        labels[12] = SemanticLabel.SAW.id();
        float[] pos = {0f, 5f, 0f, 0f};
        FactorLabel l = FactorLabeler.label(new FactorMaps(1, 1, 2, 2, pos, new float[4]), labels, 4, 4).get(0);
        assertEquals(SemanticLabel.SAW, l.label());
        assertEquals(3.0 / (4 + 4 - 3), l.iou(), 1e-12, "|mask ∩ saw| / |mask ∪ saw| = 3 / 5");
        // chance: a random mask of 4/16 pixels meets saws (4/16) in 1/16 of pixels: (1/16)/(4/16+4/16−1/16) = 1/7
        assertEquals(1.0 / 7, l.chance(), 1e-12);
        // background (12 pixels, 75%) is compared with the top 10% of 4 cells, rounded up to one: the same cell, which
        // holds one background pixel: 1 / (4 + 12 − 1); classes with no pixels score 0 and follow in class order
        assertEquals(1.0 / 15, l.iouByClass()[SemanticLabel.BACKGROUND.ordinal()], 1e-12);
        assertEquals(List.of(SemanticLabel.BACKGROUND, SemanticLabel.WALL), l.runnersUp(2));
        assertEquals("saw (IoU 0.60, chance 0.14; next background 0.07, wall 0.00)", l.toString());
        assertEquals(List.of("background", "wall", "lava", "coin", "saw", "enemy", "crate", "agent", "velocity info"),
                List.copyOf(l.iouByName().keySet()), "every class by its report name, in class order");
        assertEquals(0.6, l.iouByName().get("saw"), 1e-12);
    }

    @Test
    void liftIsTheMeanOnTheClasssCellsOverTheMeanElsewhereByHand() {
        // One 8x8 frame on an 8x8 grid (a pixel per cell): saws in 10 cells where the factor is 4, background in the
        // other 54 where it is 1. Lift: saw 4/1 = 4, background 1/4 = 0.25; the other classes touch no cell (no lift).
        byte[] labels = new byte[64];
        for (int p = 0; p < 10; p++) {
            labels[p * 6] = SemanticLabel.SAW.id();
        }
        float[] pos = new float[64];
        for (int p = 0; p < 64; p++) {
            pos[p] = labels[p] == SemanticLabel.SAW.id() ? 4f : 1f;
        }
        FactorLabel l = FactorLabeler.label(new FactorMaps(1, 1, 8, 8, pos, new float[64]), labels, 8, 8).get(0);
        assertEquals(SemanticLabel.SAW, l.label());
        assertTrue(l.byLift());
        assertEquals(4.0, l.lift(), 1e-12);
        assertEquals(0.25, l.liftByClass()[SemanticLabel.BACKGROUND.ordinal()], 1e-12);
        assertTrue(Double.isNaN(l.liftByClass()[SemanticLabel.COIN.ordinal()]), "coins touch no cell");
        assertEquals(List.of(SemanticLabel.BACKGROUND), l.runnersUp(2), "only classes with a lift follow the label");
        // IoU: saws are 10/64 of the pixels, above the 10% cap, so the mask is the top 6 cells, which ties with all 10
        // saw cells at the value 4: IoU 10/10; chance (10/64)^2 / (20/64 - (10/64)^2) = 100/1180
        assertEquals(1.0, l.iou(), 1e-12);
        assertEquals(100.0 / 1180, l.chance(), 1e-12);
        assertEquals("saw (lift 4.0×; next background 0.3×; IoU 1.00, chance 0.08)", l.toString());
        assertEquals(Map.of("saw", 4.0, "background", 0.25), Map.copyOf(l.liftByName()));
    }

    @Test
    void aFactorSpreadAroundSmallObjectsIsLabelledByItsLiftWhereIoUWouldNameTheBackground() {
        // 16x16 cells of 4x4 pixels, as layer 3a on a 64x64 frame. A saw covers 4x2 pixels of one cell; the factor
        // fires on that cell and its 8 neighbours (attribution spreads), so most of its mask is background around
        // the saw: IoU with saws stays small and the background's is larger, but per cell it is far denser near saws.
        int n = 200;
        int g = 16;
        SplittableRandom rng = new SplittableRandom(3);
        byte[] labels = new byte[n * S * S];
        float[] pos = new float[n * g * g];
        for (int i = 0; i < n; i++) {
            int o = i * S * S;
            for (int y = 56; y < S; y++) {
                Arrays.fill(labels, o + y * S, o + y * S + S, SemanticLabel.WALL.id());
            }
            int sx = 4 + rng.nextInt(52);
            int sy = 4 + rng.nextInt(48);
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 4; dx++) {
                    labels[o + (sy + dy) * S + sx + dx] = SemanticLabel.SAW.id();
                }
            }
            for (int c = 0; c < g * g; c++) {
                int cy = c / g;
                int cx = c % g;
                boolean near = Math.abs(cy - sy / 4) <= 1 && Math.abs(cx - sx / 4) <= 1;
                pos[i * g * g + c] = (near ? 1f : 0f) + 0.05f * rng.nextFloat();
            }
        }
        FactorLabel l = FactorLabeler.label(new FactorMaps(n, 1, g, g, pos, new float[pos.length]), labels, S, S).get(0);
        double[] iou = l.iouByClass();
        assertTrue(iou[SemanticLabel.BACKGROUND.ordinal()] > iou[SemanticLabel.SAW.ordinal()],
                "by IoU the background would win: " + Arrays.toString(iou));
        assertTrue(iou[SemanticLabel.SAW.ordinal()] < 0.2, "IoU with saws stays small: " + l);
        assertEquals(SemanticLabel.SAW, l.label(), "by lift it is the saw factor: " + l);
        assertTrue(l.lift() > 5, l.toString());
    }

    private static void square(byte[] labels, int o, int x, int y, int size, SemanticLabel l) {
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                labels[o + (y + dy) * S + x + dx] = l.id();
            }
        }
    }
}
