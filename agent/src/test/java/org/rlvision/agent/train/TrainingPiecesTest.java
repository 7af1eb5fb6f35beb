package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed checks of the training arithmetic. */
class TrainingPiecesTest {
    @Test
    void discountedReturnsByHand() {
        // rewards 0, 0, 10 with gamma 0.5: G2 = 10, G1 = 5, G0 = 2.5; with bootstrap 4 after the last step: 12, 6, 3
        assertArrayEquals(new float[] {2.5f, 5f, 10f}, Returns.discounted(new float[] {0, 0, 10}, 3, 0.5f, 0f));
        assertArrayEquals(new float[] {3f, 6f, 12f}, Returns.discounted(new float[] {0, 0, 10}, 3, 0.5f, 4f));
        // the coin 47 steps ahead at gamma 0.999, as the expert's value targets
        float[] g = Returns.discounted(coinAt(48), 48, 0.999f, 0f);
        assertEquals(10 * Math.pow(0.999, 47), g[0], 1e-4);
    }

    private static float[] coinAt(int n) {
        float[] r = new float[n];
        r[n - 1] = 10;
        return r;
    }

    @Test
    void wilsonIntervalByHand() {
        // p = 0.95, n = 100, z = 1.96: centre 0.93335, half-width 0.04511
        double[] ci = Evaluation.wilson(95, 100);
        assertEquals(0.88825, ci[0], 1e-4);
        assertEquals(0.97846, ci[1], 1e-4);
        // all successes: upper bound 1, lower bound n/(n+z^2)
        double[] all = Evaluation.wilson(200, 200);
        assertEquals(1.0, all[1], 1e-12);
        assertEquals(200 / (200 + 1.959963984540054 * 1.959963984540054), all[0], 1e-9);
    }

    @Test
    void bufferGathersWhatWasAddedAndShufflesToAPermutation() {
        SampleBuffer b = new SampleBuffer(4);
        for (int i = 0; i < 3000; i++) { // grows past the initial capacity
            b.add(new byte[] {(byte) i, (byte) (i >> 8), 7, 9}, 0, i % 15, i * 0.5f);
        }
        byte[] frames = new byte[8];
        int[] actions = new int[2];
        float[] returns = new float[2];
        b.gather(new int[] {2999, 17}, frames, actions, returns);
        assertArrayEquals(new byte[] {(byte) 2999, (byte) (2999 >> 8), 7, 9, 17, 0, 7, 9}, frames);
        assertArrayEquals(new int[] {2999 % 15, 17 % 15}, actions);
        assertArrayEquals(new float[] {1499.5f, 8.5f}, returns);
        int[] p = b.shuffled(new SplittableRandom(3));
        boolean[] seen = new boolean[3000];
        for (int i : p) {
            seen[i] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertArrayEquals(p, b.shuffled(new SplittableRandom(3)), "same seed, same order");
    }

    @Test
    void samplingFollowsTheSoftmax() {
        float[] logits = new float[15];
        logits[7] = (float) Math.log(3); // p(7) = 3/17, the 14 others 1/17 each
        SplittableRandom rng = new SplittableRandom(1);
        int n = 170_000;
        int sevens = 0;
        for (int i = 0; i < n; i++) {
            sevens += Dagger.sample(logits, 0, rng) == 7 ? 1 : 0;
        }
        assertEquals(3.0 / 17, (double) sevens / n, 0.005);
    }

    @Test
    void bufferKeepsAcceptedSetsAndSpansSeveralFrameChunks() {
        SampleBuffer b = new SampleBuffer(2);
        int n = SampleBuffer.CHUNK * 2 + 5;
        for (int i = 0; i < n; i++) {
            b.add(new byte[] {(byte) i, (byte) (i >> 8)}, 0, i % 15, (1 << (i % 15)) | 1 << 14, i);
        }
        int last = n - 1;
        byte[] frames = new byte[4];
        int[] actions = new int[2];
        int[] accepted = new int[2];
        float[] returns = new float[2];
        b.gather(new int[] {last, SampleBuffer.CHUNK - 1}, frames, actions, accepted, returns);
        assertArrayEquals(new byte[] {(byte) last, (byte) (last >> 8), (byte) (SampleBuffer.CHUNK - 1), (byte) ((SampleBuffer.CHUNK - 1) >> 8)}, frames);
        assertArrayEquals(new int[] {(1 << (last % 15)) | 1 << 14, (1 << ((SampleBuffer.CHUNK - 1) % 15)) | 1 << 14}, accepted);
        assertArrayEquals(new float[] {last, SampleBuffer.CHUNK - 1}, returns);
        assertThrows(IllegalArgumentException.class, () -> b.add(new byte[2], 0, 3, 1 << 4, 0f));
    }
}
