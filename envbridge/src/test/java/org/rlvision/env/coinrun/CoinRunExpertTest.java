package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void equivalentActionsAreThoseThatLeadToTheSameNextState() {
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        game.reset(77);
        for (int i = 0; i < 10; i++) {
            game.step(7);
        }
        game.step(8); // jump: the agent is in the air for the next steps
        game.step(7);
        assertTrue(game.agent().vy() != 0, "the agent should be airborne");
        // in the air UP does nothing (CoinRun clears it without support): RIGHT == RIGHT+UP, LEFT == LEFT+UP
        int right = expert.equivalents(game, 1 << 7);
        assertTrue((right >>> 8 & 1) == 1, "RIGHT+UP equals RIGHT in the air");
        assertEquals(0, right >>> 1 & 1, "LEFT differs from RIGHT");
        // the unused buttons 9..14 are NOOP
        int noop = expert.equivalents(game, 1 << 4);
        for (int a = 9; a < 15; a++) {
            assertEquals(1, noop >>> a & 1, "button " + a + " is NOOP");
        }
        assertEquals(0, noop >>> 7 & 1);
        // on the ground UP jumps, so RIGHT and RIGHT+UP differ there
        CoinRunGame ground = new CoinRunGame(DistributionMode.HARD);
        ground.reset(77);
        for (int i = 0; i < 40 && !(ground.hasSupport() && ground.agent().vy() == 0); i++) {
            ground.step(4);
        }
        ground.step(4);
        assertEquals(0, expert.equivalents(ground, 1 << 7) >>> 8 & 1, "RIGHT+UP jumps on the ground");
    }

    @Test
    void decisionTakesTheSameActionAsActAndAcceptsIt() {
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        int multi = 0;
        for (int seed = 300; seed < 305; seed++) {
            game.reset(seed);
            for (int t = 0; t < 40 && !game.done(); t++) {
                int a = expert.act(game);
                CoinRunExpert.Decision d = expert.decide(game);
                assertEquals(a, d.action());
                assertTrue(d.accepts(a));
                assertEquals(d.acceptable(), expert.equivalents(game, d.acceptable()), "the set is closed under equivalence");
                multi += Integer.bitCount(d.acceptable() & 0x1ff) > 1 ? 1 : 0;
                game.step(a);
            }
        }
        assertTrue(multi > 0, "some states admit more than one distinct good action");
    }

    @Test
    void safeSetsRejectEveryActionThatDiesAndAreWiderThanNearBestSets() {
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunExpert judge = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.lookout());
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        CoinRunGame probe = new CoinRunGame(DistributionMode.HARD);
        int deadly = 0;
        long safeSize = 0;
        long nearSize = 0;
        for (int seed = 2000; seed < 2012; seed++) {
            game.reset(seed);
            while (!game.done()) {
                CoinRunExpert.Decision safe = expert.decideSafe(game, judge);
                CoinRunExpert.Decision near = expert.decide(game);
                CoinRunExpert.Decision alive = expert.decideSafe(game, judge, Float.POSITIVE_INFINITY);
                assertEquals(safe.acceptable(), safe.acceptable() & alive.acceptable(), "every safe action keeps the agent alive");
                assertTrue(safe.accepts(safe.action()));
                if (near.action() != safe.action()) { // its progress plan dies, another move survives: that one is named
                    probe.copyFrom(game);
                    probe.step(near.action());
                    assertTrue(probe.done() || judge.planValue(probe) == Float.NEGATIVE_INFINITY);
                    assertFalse(safe.accepts(near.action()));
                }
                for (int a = 0; a < 15; a++) {
                    probe.copyFrom(game);
                    probe.step(a);
                    if (probe.done() && probe.endCause() != EndCause.COIN) {
                        deadly++;
                        assertEquals(false, safe.accepts(a), "seed " + seed + " t " + game.curTime() + ": action " + a + " dies");
                        assertEquals(false, alive.accepts(a));
                    }
                }
                safeSize += Integer.bitCount(safe.acceptable());
                nearSize += Integer.bitCount(near.acceptable());
                game.step(safe.action());
            }
        }
        assertTrue(deadly > 0, "the levels should contain states where some action dies at once");
        assertTrue(safeSize > nearSize, "safe sets (" + safeSize + ") should be wider than near-best sets (" + nearSize + ")");
    }

    @Test
    void safeSetsEqualABruteForceJudgementOfEveryMove() {
        // decideSafe skips the search after a move that leads to the same state as an earlier one; the sets must not change
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunExpert judge = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.lookout());
        CoinRunExpert bruteJudge = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.lookout());
        CoinRunGame game = new CoinRunGame(DistributionMode.HARD);
        CoinRunGame probe = new CoinRunGame(DistributionMode.HARD);
        int states = 0;
        for (int seed = 2100; seed < 2104; seed++) {
            game.reset(seed);
            while (!game.done()) {
                for (float tolerance : new float[] {CoinRunExpert.SAFE_TOLERANCE, Float.POSITIVE_INFINITY}) {
                    CoinRunExpert.Decision d = expert.decideSafe(game, judge, tolerance);
                    float[] v = new float[CoinRunExpert.ACTIONS.length];
                    float best = Float.NEGATIVE_INFINITY;
                    for (int i = 0; i < v.length; i++) {
                        probe.copyFrom(game);
                        probe.step(CoinRunExpert.ACTIONS[i]);
                        v[i] = probe.done() ? (probe.endCause() == EndCause.COIN ? 2e6f : Float.NEGATIVE_INFINITY) : bruteJudge.planValue(probe);
                        best = Math.max(best, v[i]);
                    }
                    int own = expert.decide(game).action();
                    float ownValue = Float.NEGATIVE_INFINITY;
                    int bestAction = -1;
                    for (int i = 0; i < v.length; i++) {
                        ownValue = CoinRunExpert.ACTIONS[i] == own ? v[i] : ownValue;
                        bestAction = bestAction < 0 && v[i] == best ? CoinRunExpert.ACTIONS[i] : bestAction;
                    }
                    // the expert's own move, unless it dies while another survives: then the best surviving one
                    int named = ownValue == Float.NEGATIVE_INFINITY && best > Float.NEGATIVE_INFINITY ? bestAction : own;
                    assertEquals(named, d.action(), "seed " + seed + " t " + game.curTime());
                    int accepted = 1 << named;
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] > Float.NEGATIVE_INFINITY && v[i] >= best - tolerance) {
                            accepted |= 1 << CoinRunExpert.ACTIONS[i];
                        }
                    }
                    assertEquals(expert.equivalents(game, accepted), d.acceptable(), "seed " + seed + " t " + game.curTime());
                }
                states++;
                game.step(expert.act(game));
            }
        }
        assertTrue(states > 100, "states checked: " + states);
    }
}
