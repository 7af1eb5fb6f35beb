package org.rlvision.plugins.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageScaleTest {
    /** One trajectory with k = 1 factor on a 1×2 grid: maps hold 2 values per step and sign. */
    private static TrajectoryView maps(float[] positive, float[] negative) {
        int t = positive.length / 2;
        return new TrajectoryView(0, t, 1, 1, new byte[t * 3], new int[t], new boolean[t], new float[t], new float[t],
                new float[t], new int[t], new float[0], positive, negative);
    }

    @Test
    void normaliserIsTheMedianOverStepsOfTheLargestValueOfEitherSign() {
        // per-step maxima: step 0 max(1, 0, 0, 2) = 2; step 1: 3; step 2: 5 -> median 3, clip 4 x 3
        TrajectoryView t = maps(new float[] {1, 0, 0, 3, 0, 0}, new float[] {0, 2, 0, 0, 0, 5});
        PageScale s = PageScale.of(List.of(t), 2);
        assertEquals(3f, s.normaliser());
        assertEquals(12f, s.clip());
    }

    @Test
    void evenNumberOfStepsAcrossTrajectoriesAveragesTheMiddleTwo() {
        TrajectoryView a = maps(new float[] {1, 0, 4, 0}, new float[4]);
        TrajectoryView b = maps(new float[] {0, 2, 0, 8}, new float[4]);
        // maxima 1, 4, 2, 8 -> sorted 1 2 4 8 -> (2 + 4) / 2
        assertEquals(3f, PageScale.of(List.of(a, b), 2).normaliser());
    }

    @Test
    void mostlyEmptyMapsFallBackToTheLargestMaximumAndAllEmptyToOne() {
        TrajectoryView sparse = maps(new float[] {0, 0, 0, 0, 0.5f, 0}, new float[6]);
        assertEquals(0.5f, PageScale.of(List.of(sparse), 2).normaliser());
        assertEquals(1f, PageScale.of(List.of(maps(new float[6], new float[6])), 2).normaliser());
    }

    @Test
    void quantisesToTheNearestOf256LevelsUpToTheClipAndInverts() {
        PageScale s = new PageScale(3f, 12f);
        byte[] q = s.quantise(new float[] {0, 6, 12, 24, 0.1f, -0.01f, 11.99f});
        // 255 * 6/12 = 127.5 -> 128; 0.1/12*255 = 2.125 -> 2; negative round-off -> 0
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, (byte) 255, 2, 0, (byte) 255}, q);
        assertEquals(128 / 255f * 12f, s.value(128), 1e-6);
        assertEquals(12f, s.value(255), 1e-6);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.0117f;
        }
        byte[] all = s.quantise(values);
        for (int i = 0; i < values.length; i++) {
            float expected = Math.min(values[i], 12f);
            assertTrue(Math.abs(s.value(all[i]) - expected) <= 12f / 510 + 1e-6, "value " + values[i]);
        }
    }

    @Test
    void nanIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PageScale(1, 4).quantise(new float[] {0, Float.NaN}));
        assertTrue(e.getMessage().contains("value 1 is NaN"), e.getMessage());
    }
}
