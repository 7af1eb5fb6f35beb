package org.rlvision.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The row softmax against hand values: logits (0, ln 3) are probabilities (1/4, 3/4). */
class SoftmaxTest {
    private static final float LN3 = (float) Math.log(3);

    @Test
    void probabilitiesOfARowInsideALargerArray() {
        float[] logits = {9, 9, 0, LN3, 9}; // the row is [2, 4)
        assertEquals(0.25, Softmax.probability(logits, 2, 2, 0b01), 1e-7);
        assertEquals(0.75, Softmax.probability(logits, 2, 2, 0b10), 1e-7);
        assertEquals(1.0, Softmax.probability(logits, 2, 2, 0b11), 1e-12);
        assertEquals(0.0, Softmax.probability(logits, 2, 2, 0), 0);
        assertEquals(Math.log(0.75), Softmax.logProbability(logits, 2, 2, 1), 1e-7);
        assertEquals(Math.log(0.25), Softmax.logProbability(logits, 2, 2, 0), 1e-7);
    }

    @Test
    void inverseCdfSampling() {
        float[] logits = {0, LN3};
        assertEquals(0, Softmax.sample(logits, 0, 2, 0.0));
        assertEquals(0, Softmax.sample(logits, 0, 2, 0.2499));
        assertEquals(1, Softmax.sample(logits, 0, 2, 0.2501));
        assertEquals(1, Softmax.sample(logits, 0, 2, 0.9999999));
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        float[] logits = {1000, 1000, -1000};
        assertEquals(0.5, Softmax.probability(logits, 0, 3, 0b01), 1e-12);
        assertEquals(Math.log(0.5), Softmax.logProbability(logits, 0, 3, 1), 1e-12);
        assertEquals(1, Softmax.sample(logits, 0, 3, 0.75));
    }
}
