package org.rlvision.agent.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PPO's arithmetic against hand computations. */
class PpoPiecesTest {
    @Test
    void gaeOnAShortTrajectory() {
        // one env, 3 steps: rewards 0,0,10; values 1,2,3; the episode ends after step 2
        float[] adv = new float[3];
        float[] ret = new float[3];
        Gae.compute(3, 1, new float[] {0, 0, 10}, new float[] {1, 2, 3}, new boolean[] {true, false, false},
                new float[] {5}, new boolean[] {true}, 0.5f, 0.5f, adv, ret);
        // t=2: delta = 10 - 3 = 7; t=1: delta = 0.5*3 - 2 = -0.5, A = -0.5 + 0.25*7 = 1.25;
        // t=0: delta = 0.5*2 - 1 = 0, A = 0.25*1.25 = 0.3125
        assertArrayEquals(new float[] {0.3125f, 1.25f, 7f}, adv, 1e-6f);
        assertArrayEquals(new float[] {1.3125f, 3.25f, 10f}, ret, 1e-6f);
    }

    @Test
    void gaeDoesNotBootstrapAcrossAnEpisodeBoundary() {
        float[] adv = new float[3];
        float[] ret = new float[3];
        // a new episode starts at step 2, and the rollout continues the same episode afterwards (value 5)
        Gae.compute(3, 1, new float[] {0, 0, 10}, new float[] {1, 2, 3}, new boolean[] {true, false, true},
                new float[] {5}, new boolean[] {false}, 0.5f, 0.5f, adv, ret);
        // t=2: delta = 10 + 0.5*5 - 3 = 9.5; t=1: next state starts an episode: delta = -2, A = -2;
        // t=0: delta = 0.5*2 - 1 = 0, A = 0.25*(-2) = -0.5
        assertArrayEquals(new float[] {-0.5f, -2f, 9.5f}, adv, 1e-6f);
    }

    @Test
    void twoEnvsAreIndependentInTimeMajorLayout() {
        float[] adv = new float[4];
        float[] ret = new float[4];
        // env 0 gets reward 1 at t=1, env 1 nothing; values 0; gamma 1, lambda 1; both go on (last value 0)
        Gae.compute(2, 2, new float[] {0, 0, 1, 0}, new float[4], new boolean[4], new float[2], new boolean[2], 1f, 1f, adv, ret);
        assertArrayEquals(new float[] {1, 0, 1, 0}, adv, 0f);
    }

    @Test
    void advantageNormalisation() {
        float[] a = {1, 2, 3, 4, 100};
        Gae.normalise(a, 1, 4); // only 2,3,4: mean 3, std sqrt(2/3)
        double s = Math.sqrt(2.0 / 3);
        assertArrayEquals(new float[] {1, (float) (-1 / s), 0, (float) (1 / s), 100}, a, 1e-6f);
    }

    @Test
    void clippedSurrogateValueClipAndEntropyByHand() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 0, 0}, new Shape(2, 2)); // π = (0.5, 0.5)
            NDArray values = m.create(new float[] {1, 2});
            PpoLoss.Parts[] parts = new PpoLoss.Parts[1];
            NDArray loss = new PpoLoss(0.2f, 0.5f, 0.01f).of(logits, values, new int[] {0, 1},
                    new float[] {(float) Math.log(0.25), 0f}, new float[] {0, 2}, new float[] {1, -1}, new float[] {2, 2}, m, parts);
            // ratios 2 and 0.5: min(2·1, 1.2·1) = 1.2; min(0.5·−1, 0.8·−1) = −0.8 → policy loss −0.2
            assertEquals(-0.2f, parts[0].policy(), 1e-6f);
            // value: v−R = (−1, 0); clipped v = (0.2, 2), (v_c−R)² = (3.24, 0); ½·mean(max) = 0.81
            assertEquals(0.81f, parts[0].value(), 1e-6f);
            assertEquals((float) Math.log(2), parts[0].entropy(), 1e-6f);
            assertEquals(1f, parts[0].clipFraction(), 0f);
            assertEquals(-0.2f + 0.5f * 0.81f - 0.01f * (float) Math.log(2), loss.getFloat(), 1e-6f);
        }
    }

    @Test
    void rowsInTheMiddleOfAMinibatchGiveTheHandComputedLossOfThoseRows() {
        // the two rows above at positions 3 and 4 of a minibatch of 6, the other rows chosen to change every part
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 0, 0}, new Shape(2, 2));
            NDArray values = m.create(new float[] {1, 2});
            PpoLoss.Parts[] parts = new PpoLoss.Parts[1];
            float far = -9;
            NDArray loss = new PpoLoss(0.2f, 0.5f, 0.01f).of(logits, values, new int[] {1, 1, 1, 0, 1, 0},
                    new float[] {far, far, far, (float) Math.log(0.25), 0f, far},
                    new float[] {far, far, far, 0, 2, far},
                    new float[] {far, far, far, 1, -1, far},
                    new float[] {far, far, far, 2, 2, far}, 3, 2, m, parts);
            assertEquals(-0.2f, parts[0].policy(), 1e-6f);
            assertEquals(0.81f, parts[0].value(), 1e-6f);
            assertEquals(1f, parts[0].clipFraction(), 0f);
            assertEquals(-0.2f + 0.5f * 0.81f - 0.01f * (float) Math.log(2), loss.getFloat(), 1e-6f);
        }
    }

    @Test
    void logSoftmaxOfTheChosenAction() {
        float[] logits = new float[15];
        logits[3] = 2;
        double z = 14 + Math.exp(2);
        assertEquals((float) (2 - Math.log(z)), PpoTrainer.logSoftmax(logits, 0, 3), 1e-6f);
        assertEquals((float) (-Math.log(z)), PpoTrainer.logSoftmax(logits, 0, 0), 1e-6f);
    }

    @Test
    void setValuedCloningLossAgainstAHandComputation() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            double ln2 = Math.log(2);
            double ln3 = Math.log(3);
            // sample 0: equal logits, actions {0,1} accepted: -log(2/3); argmax 0 (first of ties) is accepted
            // sample 1: softmax (1/6, 2/6, 3/6), only action 0 accepted: -log(1/6); argmax 2 is not accepted
            NDArray logits = m.create(new float[] {0, 0, 0, 0, (float) ln2, (float) ln3}, new Shape(2, 3));
            NDArray values = m.create(new float[] {1, 2});
            double[] parts = new double[3];
            float loss = CloningTrainer.behaviourLoss(logits, values, new int[] {0b011, 0b001}, new float[] {1, 4}, 0.5f, m, parts)
                    .getFloat();
            double policy = (Math.log(1.5) + Math.log(6)) / 2;
            assertEquals(policy, parts[0], 1e-6);
            assertEquals(2.0, parts[1], 1e-6); // ((1-1)^2 + (2-4)^2) / 2
            assertEquals(0.5, parts[2], 1e-12);
            assertEquals(policy + 0.5 * 2.0, loss, 1e-6);
        }
    }

    @Test
    void daggerFocusMeasuresTheProbabilityOnTheAcceptedSet() {
        float[] logits = new float[30];
        // row 0 uniform: 3 of 15 accepted = 0.2; row 1: logits ln(1..15), accepted {14} = 15/120
        for (int a = 0; a < 15; a++) {
            logits[15 + a] = (float) Math.log(a + 1);
        }
        assertEquals(0.2, Dagger.acceptedProbability(logits, 0, 0b10101), 1e-9);
        assertEquals(15.0 / 120, Dagger.acceptedProbability(logits, 15, 1 << 14), 1e-6);
        assertEquals(1.0, Dagger.acceptedProbability(logits, 15, 0x7fff), 1e-9);
    }
}
