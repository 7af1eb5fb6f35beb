package org.rlvision.trajectories;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GAE against values worked out by hand. */
class AdvantagesTest {
    @Test
    void finishedEpisodeHandComputed() {
        // gamma = lambda = 0.5, V_3 = 0:
        // d2 = 10 - 3 = 7            A2 = 7
        // d1 = 0 + 0.5*3 - 2 = -0.5  A1 = -0.5 + 0.25*7 = 1.25
        // d0 = 0 + 0.5*2 - 1 = 0     A0 = 0 + 0.25*1.25 = 0.3125
        Advantages a = Advantages.gae(new float[] {0, 0, 10}, new float[] {1, 2, 3}, 0f, 0.5, 0.5);
        assertArrayEquals(new float[] {0.3125f, 1.25f, 7f}, a.advantages());
        assertArrayEquals(new float[] {1.3125f, 3.25f, 10f}, a.returns());
    }

    @Test
    void unfinishedEpisodeBootstrapsFromTheNextValue() {
        // V_3 = 4: d2 = 10 + 2 - 3 = 9, A1 = -0.5 + 0.25*9 = 1.75, A0 = 0.25*1.75 = 0.4375
        Advantages a = Advantages.gae(new float[] {0, 0, 10}, new float[] {1, 2, 3}, 4f, 0.5, 0.5);
        assertArrayEquals(new float[] {0.4375f, 1.75f, 9f}, a.advantages());
    }

    @Test
    void lambdaOneIsMonteCarloAndLambdaZeroIsOneStep() {
        float[] r = {1, 2, 3};
        float[] v = {0.5f, 0.25f, 2f};
        // lambda = 1, gamma = 1: A_t = sum of future rewards - V_t
        assertArrayEquals(new float[] {5.5f, 4.75f, 1f}, Advantages.gae(r, v, 0f, 1, 1).advantages());
        // lambda = 0: A_t = r_t + V_{t+1} - V_t
        assertArrayEquals(new float[] {0.75f, 3.75f, 1f}, Advantages.gae(r, v, 0f, 1, 0).advantages());
        assertThrows(IllegalArgumentException.class, () -> Advantages.gae(r, v, 0f, 1.5, 0));
    }
}
