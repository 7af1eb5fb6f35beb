package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.EndCause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every ending happens in a constructed situation and is reported with its cause. */
class EndCauseTest {
    private static final int NOOP = 4;
    private static final int RIGHT = 7;
    private static final int LEFT = 1;

    @Test
    void coinGivesTenAndCompletesTheLevel() {
        Arena a = Arena.empty().agentAt(2, 0).cell(5, 1, ObjectType.GOAL);
        int steps = a.run(RIGHT, 50);
        CoinRunGame g = a.game;
        assertTrue(g.done());
        assertEquals(EndCause.COIN, g.endCause());
        assertEquals(10f, g.stepReward(), 0f);
        assertTrue(g.levelComplete());
        assertTrue(steps < 20);
    }

    @Test
    void sawKills() {
        Arena a = Arena.empty().agentAt(2, 0);
        a.saw(6, 1);
        a.run(RIGHT, 50);
        assertEquals(EndCause.SAW, a.game.endCause());
        assertEquals(0f, a.game.stepReward(), 0f);
        assertFalse(a.game.levelComplete());
    }

    @Test
    void enemyWalkingLeftIsReportedAsSuch() {
        Arena a = Arena.empty().agentAt(2, 0);
        a.enemy(8, 1, -0.15f);
        a.run(NOOP, 100);
        assertEquals(EndCause.ENEMY_MOVING_LEFT, a.game.endCause());
    }

    @Test
    void enemyWalkingRightIsReportedAsSuch() {
        Arena a = Arena.empty().agentAt(12, 0);
        a.enemy(3, 1, 0.15f);
        a.run(NOOP, 100);
        assertEquals(EndCause.ENEMY_MOVING_RIGHT, a.game.endCause());
    }

    @Test
    void enemyDirectionIsItsDirectionAtContactNotItsInitialOne() {
        // The enemy starts walking right, bounces off the barrier and then walks left into the agent.
        Arena a = Arena.empty().agentAt(2, 0);
        a.cell(9, 1, ObjectType.ENEMY_BARRIER);
        a.enemy(7, 1, 0.15f);
        a.run(NOOP, 200);
        assertEquals(EndCause.ENEMY_MOVING_LEFT, a.game.endCause());
    }

    @Test
    void lavaKills() {
        Arena a = Arena.empty().agentAt(2, 0);
        for (int x = 6; x < 9; x++) {
            a.cell(x, 0, ObjectType.LAVA_TOP);
        }
        a.run(RIGHT, 50);
        assertEquals(EndCause.LAVA, a.game.endCause());
    }

    @Test
    void leavingTheWorldEnds() {
        // Cells outside the grid are walls, so generated levels never let the agent out; a state
        // with the agent already outside (e.g. a bad snapshot) must still end as OUT_OF_WORLD.
        Arena a = Arena.empty().agentAt(2, 0);
        CoinRunGame g = a.game;
        g.agent.x = -1f;
        g.step(NOOP);
        assertTrue(g.done());
        assertEquals(EndCause.OUT_OF_WORLD, g.endCause());
    }

    @Test
    void theAgentCannotWalkThroughTheWorldEdge() {
        Arena a = Arena.empty().agentAt(2, 0);
        a.cell(0, 1, ObjectType.SPACE).cell(0, 2, ObjectType.SPACE);
        a.run(LEFT, 40);
        assertFalse(a.game.done());
        assertEquals(a.game.agent.rx, a.game.agent.x, 1e-5f, "stopped at x = rx by the wall outside the grid");
    }

    @Test
    void timeoutAtExactlyOneThousandSteps() {
        Arena a = Arena.empty().agentAt(2, 0);
        CoinRunGame g = a.game;
        for (int t = 1; t < CoinRunGame.TIMEOUT; t++) {
            g.step(NOOP);
            assertFalse(g.done(), "ended early at step " + t);
        }
        g.step(NOOP);
        assertTrue(g.done());
        assertEquals(1000, g.curTime());
        assertEquals(EndCause.TIMEOUT, g.endCause());
    }

    @Test
    void coinBeatsADeathInTheSameStep() {
        // Procgen marks the level complete if the agent touches the coin, even if a saw touches it too.
        Arena a = Arena.empty().agentAt(2, 0).cell(5, 1, ObjectType.GOAL);
        a.saw(5, 2);
        a.run(RIGHT, 50);
        assertEquals(EndCause.COIN, a.game.endCause());
    }
}
