package org.rlvision.plugins.circuitedit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The specificity verdict on the counts of the shipped agent's two saw edits over 10,000 levels
 * (docs/results/circuit-edit-2026-11-29-v5-saw and -v5-saw-1a).
 */
class SpecificityTest {
    static final int N = 10_000;

    /** Counts per outcome, edited then original, in table order: success, saw, enemy ←, enemy →, lava, out of world, timeout. */
    static ExperimentResult.Comparison comparison(int[] edited, int[] original) {
        String[] keys = {"success", "SAW", "ENEMY_MOVING_LEFT", "ENEMY_MOVING_RIGHT", "LAVA", "OUT_OF_WORLD", "TIMEOUT"};
        Map<String, TwoProportionTest> tests = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            tests.put(keys[i], TwoProportionTest.of(edited[i], N, original[i], N));
        }
        return new ExperimentResult.Comparison("edit", tests);
    }

    static final int[] ORIGINAL = {7919, 1004, 543, 397, 137, 0, 0};

    @Test
    void theFirstLayerSawEditIsSpecificInProportion() {
        // saw 10.04 -> 20.56: ratio 2.048, log-interval exp(ln 2.048 ± 1.96·sqrt(1/2056 − 1/N + 1/1004 − 1/N)) = 1.909-2.197;
        // enemy ← 5.43 -> 8.05: ratio 1.482, interval 1.33-1.65, whose top (1.65) is below 1.909
        Specificity s = Specificity.of(comparison(new int[] {6521, 2056, 805, 478, 131, 0, 9}, ORIGINAL));
        assertEquals("SAW", s.cause());
        assertEquals("ENEMY_MOVING_LEFT", s.nextCause());
        assertEquals(10.52 / 2.62, s.pointsOverNext(), 1e-9);
        assertTrue(s.overlapping().isEmpty());
        assertTrue(s.specific());
        assertEquals("saw rose most: +10.52 pts, ratio 2.05 (1.91-2.20), 4.0× the next rise (enemy moving left +2.62); "
                + "specific in proportion: its ratio's interval lies above every other cause's.", s.sentence());
    }

    @Test
    void theLayer2bSawEditRaisesEnemiesInTheSameProportion() {
        // saw 10.04 -> 12.48: ratio 1.243, interval 1.15-1.34; enemy ← 1.18 (1.05-1.31) and enemy → 1.19 (1.05-1.36)
        // reach 1.15; lava fell (0.87, 0.68-1.11) and stays below
        Specificity s = Specificity.of(comparison(new int[] {7521, 1248, 639, 473, 119, 0, 0}, ORIGINAL));
        assertEquals("SAW", s.cause());
        assertEquals(List.of("ENEMY_MOVING_LEFT", "ENEMY_MOVING_RIGHT"), s.overlapping());
        assertFalse(s.specific());
        assertTrue(s.sentence().endsWith("not specific in proportion: its ratio's interval overlaps that of enemy moving left "
                + "and enemy moving right."), s.sentence());
        assertTrue(s.sentence().startsWith("saw rose most: +2.44 pts, ratio 1.24 (1.15-1.34), 2.5× the next rise "
                + "(enemy moving left +0.96)"), s.sentence());
    }

    @Test
    void aControlThatRaisesOneCauseAndLowersTheRest() {
        // invisible saws: saw 10.04 -> 24.18, every other cause fell
        Specificity s = Specificity.of(comparison(new int[] {6690, 2418, 450, 337, 105, 0, 0}, ORIGINAL));
        assertEquals("SAW", s.cause());
        assertNull(s.nextCause());
        assertEquals(Double.POSITIVE_INFINITY, s.pointsOverNext());
        assertTrue(s.specific());
        assertTrue(s.sentence().contains("; no other cause rose;"), s.sentence());
    }

    @Test
    void aRiseThatIsNotSignificantIsNoVerdict() {
        // saw 10.04 -> 10.62: z = 1.36, p = 0.17 > 0.01
        Specificity s = Specificity.of(comparison(new int[] {7860, 1062, 543, 397, 137, 0, 0}, ORIGINAL));
        assertNull(s.cause());
        assertFalse(s.specific());
        assertEquals("No failure cause rose significantly (p < 0.01).", s.sentence());
    }

    @Test
    void aCauseTheOriginalNeverHadHasNoRatioToCompare() {
        // timeouts 0 -> 300 rise most; there is no ratio
        Specificity s = Specificity.of(comparison(new int[] {7619, 1004, 543, 397, 137, 0, 300}, ORIGINAL));
        assertEquals("TIMEOUT", s.cause());
        assertFalse(s.specific());
        assertEquals("timeout rose most: +3.00 pts; no other cause rose. The original never failed this way, so there is no "
                + "ratio to compare.", s.sentence());
    }
}
