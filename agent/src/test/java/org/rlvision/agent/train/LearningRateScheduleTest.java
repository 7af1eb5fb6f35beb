package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PPO learning-rate schedule against hand computations. */
class LearningRateScheduleTest {
    @Test
    void linearFromTheFirstUpdateThenFlat() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4f, 2e-5f, 4);
        // 1e-4 + (2e-5 - 1e-4) * (u - 1) / 4: steps of 2e-5
        assertEquals(1e-4f, s.at(1));
        assertEquals(8e-5f, s.at(2), 1e-12f);
        assertEquals(6e-5f, s.at(3), 1e-12f);
        assertEquals(4e-5f, s.at(4), 1e-12f);
        assertEquals(2e-5f, s.at(5));
        assertEquals(2e-5f, s.at(500));
        assertFalse(s.isConstant());
        assertEquals("1.0E-4 -> 2.0E-5 over 4 updates", s.toString());
    }

    @Test
    void constantIsTheSameEveryUpdate() {
        LearningRateSchedule s = LearningRateSchedule.constant(5e-4f);
        assertTrue(s.isConstant());
        for (int u = 1; u < 1000; u += 37) {
            assertEquals(5e-4f, s.at(u));
        }
        // an increasing schedule (warm-up) is allowed
        assertEquals(3e-4f, new LearningRateSchedule(1e-4f, 5e-4f, 2).at(2), 1e-12f);
    }

    @Test
    void refusesWhatCannotBeASchedule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-4f, 0f, 3)).getMessage()
                .contains("positive and finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-4f, 2e-5f, 0)).getMessage()
                .contains("needs annealUpdates >= 1"));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-4f, 1e-4f, -1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1e-4f).at(0));
    }
}
