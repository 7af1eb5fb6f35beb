package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.EndCause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Physics facts that follow from Procgen's constants (gravity 0.2, jump 1.5, max speed 0.5, mixrates). */
class PhysicsTest {
    private static final int NOOP = 4;
    private static final int UP = 5;
    private static final int RIGHT = 7;
    private static final int RIGHT_UP = 8;
    private static final int DOWN = 3;
    private static final int LEFT = 1;

    @Test
    void maxJumpHeightIsTheSumOfTheDiscreteVelocities() {
        Arena a = Arena.empty().agentAt(2, 0);
        CoinRunGame g = a.game;
        float y0 = g.agent.y;
        float maxY = y0;
        g.step(UP);
        maxY = Math.max(maxY, g.agent.y);
        for (int i = 0; i < 20; i++) {
            g.step(NOOP);
            maxY = Math.max(maxY, g.agent.y);
        }
        // vy = 1.5 on the jump step (no gravity), then 1.3, 1.1, ... 0.1: 1.5+1.3+...+0.1 = 6.4 cells.
        assertEquals(6.4f, maxY - y0, 1e-4f);
        // and it lands back exactly where it started
        assertEquals(y0, g.agent.y, 0f);
        // the generator's bound max_dy = int(1.5²/(2·0.2) − 0.5) is below what a jump reaches
        assertEquals(5, LevelGenerator.MAX_DY);
        assertTrue(LevelGenerator.MAX_DY < maxY - y0);
    }

    @Test
    void jumpIsSingleUpInTheAirDoesNothing() {
        Arena a = Arena.empty().agentAt(2, 0);
        CoinRunGame g = a.game;
        g.step(UP);
        g.step(UP); // in the air: ignored, gravity applies
        assertEquals(1.3f, g.agent.vy, 1e-6f);
        g.step(UP);
        assertEquals(1.1f, g.agent.vy, 1e-6f);
    }

    @Test
    void horizontalSpeedApproachesMaxSpeedWithGroundMixrate() {
        Arena a = Arena.empty().agentAt(2, 0);
        CoinRunGame g = a.game;
        g.step(RIGHT);
        // vx = 0.8·0 + 0.2·0.5·1 = 0.1 after one step on the ground
        assertEquals(0.1f, g.agent.vx, 1e-7f);
        g.step(RIGHT);
        assertEquals(0.18f, g.agent.vx, 1e-6f);
        for (int i = 0; i < 60; i++) {
            g.step(RIGHT);
        }
        assertEquals(0.5f, g.agent.vx, 1e-3f);
        assertTrue(g.agent.vx <= 0.5f);
    }

    @Test
    void runningJumpClearsTheWidestPitTheGeneratorMakesButNotAWiderOne() {
        assertEquals(7, LevelGenerator.MAX_DX);
        assertNull(runningJumpOverLava(LevelGenerator.MAX_DX));
        assertEquals(EndCause.LAVA, runningJumpOverLava(10));
    }

    /** Runs right, jumps at the pit's edge, holds RIGHT; returns the end cause or null if it landed safely. */
    private static EndCause runningJumpOverLava(int pitWidth) {
        int pitStart = 30;
        Arena a = Arena.empty().agentAt(2, 0);
        for (int x = pitStart; x < pitStart + pitWidth; x++) {
            a.cell(x, 0, ObjectType.LAVA_TOP);
        }
        CoinRunGame g = a.game;
        boolean jumped = false;
        for (int t = 0; t < 200; t++) {
            boolean atEdge = g.agent.x + g.agent.rx >= pitStart - 0.25f;
            g.step(!jumped && atEdge ? RIGHT_UP : RIGHT);
            jumped |= atEdge;
            if (g.done()) {
                return g.endCause();
            }
            if (jumped && g.agent.x - g.agent.rx > pitStart + pitWidth + 1) {
                return null;
            }
        }
        throw new AssertionError("the agent neither landed nor died");
    }

    @Test
    void cratesHoldTheAgentFromAboveOnly() {
        Arena a = Arena.empty().agentAt(5, 0);
        a.crate(5, 3);
        CoinRunGame g = a.game;
        // Drop the agent from above the crate.
        g.agent.y = 8 + g.agent.ry;
        g.lastAgentY = g.agent.y;
        a.run(NOOP, 30);
        float onCrate = 3.5f + 0.5f + CoinRunGame.AGENT_RY;
        assertEquals(onCrate, g.agent.y, 1e-5f);
        assertFalse(g.done());
        // Standing on a crate counts as support: a jump from it has full jump speed.
        CoinRunGame probe = new CoinRunGame(g.mode());
        probe.copyFrom(g);
        probe.step(UP);
        assertEquals(1.5f, probe.agent.vy, 0f);
        // DOWN drops through the crate to the floor.
        a.run(DOWN, 10);
        assertEquals(1 + CoinRunGame.AGENT_RY, g.agent.y, 1e-5f);
    }

    @Test
    void cratesDoNotBlockSideways() {
        Arena a = Arena.empty().agentAt(2, 0);
        a.crate(5, 1);
        CoinRunGame g = a.game;
        a.run(RIGHT, 25);
        assertTrue(g.agent.x > 7, "walked through the crate, x=" + g.agent.x);
        assertEquals(1 + CoinRunGame.AGENT_RY, g.agent.y, 1e-6f);
    }

    @Test
    void wallsBlockTheAgent() {
        Arena a = Arena.empty().agentAt(2, 0).ground(6, 1, 4);
        CoinRunGame g = a.game;
        a.run(RIGHT, 30);
        // stopped flush against the wall column x=6
        assertEquals(6 - g.agent.rx, g.agent.x, 1e-5f);
        assertEquals(0f, g.agent.vx, 0f);
        a.run(LEFT, 30);
        assertEquals(1 + g.agent.rx, g.agent.x, 1e-5f);
    }

    @Test
    void enemiesWalkAndTurnAtBarriersAndWalls() {
        Arena a = Arena.empty().agentAt(40, 0);
        a.cell(4, 1, ObjectType.ENEMY_BARRIER);
        a.cell(12, 1, ObjectType.ENEMY_BARRIER);
        Entity e = a.enemy(8, 1, 0.15f);
        CoinRunGame g = a.game;
        float minX = e.x;
        float maxX = e.x;
        for (int t = 0; t < 200; t++) {
            g.step(NOOP);
            minX = Math.min(minX, e.x);
            maxX = Math.max(maxX, e.x);
        }
        // It bounces between the barriers without entering them.
        // (Procgen tests the grid at 0.98 of the half-width, so an enemy may overlap a barrier by 0.01 cell.)
        assertTrue(maxX <= 12 - 0.98f * e.rx + 1e-5f, "maxX " + maxX);
        assertTrue(minX >= 5 + 0.98f * e.rx - 1e-5f, "minX " + minX);
        assertTrue(maxX > 11 && minX < 6, "it walks the whole corridor: " + minX + ".." + maxX);
        assertEquals(0.15f, Math.abs(e.vx), 1e-6f);
        assertEquals(1.5f, e.y, 0f);
    }
}
