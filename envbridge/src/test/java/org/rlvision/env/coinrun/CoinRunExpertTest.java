package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoinRunExpertTest {
    @Test
    void solvesNearlyEveryHardLevelAndItsActionsReplayExactly() {
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        CoinRunGame replay = new CoinRunGame(DistributionMode.HARD);
        int coins = 0;
        for (int seed = 2000; seed < 2100; seed++) {
            CoinRunExpert.Episode e = expert.solve(game, seed);
            coins += e.cause() == EndCause.COIN ? 1 : 0;
            // the plan is an ordinary action sequence: replaying it in a fresh game ends the same way
            replay.reset(seed);
            for (int a : e.actions()) {
                replay.step(a);
            }
            assertTrue(replay.done());
            assertEquals(e.cause(), replay.endCause(), "seed " + seed);
            assertEquals(e.length(), replay.curTime());
        }
        assertTrue(coins >= 97, "expert solved " + coins + " of 100 hard levels");
    }

    @Test
    void actingDoesNotDisturbTheGameAndIsDeterministic() {
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        game.reset(77);
        for (int i = 0; i < 10; i++) {
            game.step(7);
        }
        CoinRunGame before = game.snapshot();
        int a1 = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults()).act(game);
        int a2 = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults()).act(game);
        assertEquals(a1, a2);
        assertArrayEquals(before.grid, game.grid);
        assertEquals(before.agent().x(), game.agent().x());
        assertEquals(before.agent().vy(), game.agent().vy());
        assertEquals(before.curTime(), game.curTime());
        // and the game's own random stream is untouched: both continue identically
        before.step(a1);
        game.step(a1);
        assertEquals(before.agent().x(), game.agent().x());
        assertEquals(before.stepRandInt, game.stepRandInt);
    }
}
