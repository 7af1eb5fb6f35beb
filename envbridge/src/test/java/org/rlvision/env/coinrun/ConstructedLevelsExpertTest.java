package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planning expert on hand-built levels, each with one hazard that running right into kills:
 * "hold RIGHT" must die there (so the hazard is real) and the expert must reach the coin.
 */
class ConstructedLevelsExpertTest {
    /** Rows top first; the bottom string is row y = 1, just above the floor. */
    private static final String[][] LEVELS = {
        { // a saw on the floor
            "..............................$",
            "@.........^.......................",
        },
        { // a lava pit three cells wide
            "..............................$",
            "@.......~~~.......................",
        },
        { // a wall three cells high
            "..........#.......................",
            "..........#.......................",
            "@.........#...................$...",
        },
        { // an enemy walking between two barriers
            "...............................$..",
            "@.......|.....<...|...............",
        },
        { // an enemy walking right, away from the agent, between two barriers: the agent catches up with it
            "......................................$..",
            "@.......|.....>...................|.......",
        },
        { // a saw on top of a two-cell step: jumping onto the step lands on it
            "............^.....................",
            "..........######..................",
            "@.........######..............$...",
        },
    };

    @Test
    void expertSolvesEveryConstructedLevelWhereHoldingRightDies() {
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        EndCause[] naive = {EndCause.SAW, EndCause.LAVA, null, EndCause.ENEMY_MOVING_LEFT, EndCause.ENEMY_MOVING_RIGHT, null};
        for (int i = 0; i < LEVELS.length; i++) {
            CoinRunGame right = construct(900 + i, LEVELS[i]);
            while (!right.done()) {
                right.step(7);
            }
            if (naive[i] != null) {
                assertEquals(naive[i], right.endCause(), "holding RIGHT on level " + i + "\n" + LevelAscii.draw(construct(900 + i, LEVELS[i])));
            } else {
                assertEquals(EndCause.TIMEOUT, right.endCause(), "holding RIGHT stays stuck at the wall of level " + i);
                assertEquals(CoinRunGame.TIMEOUT, right.curTime());
            }
            CoinRunGame game = construct(900 + i, LEVELS[i]);
            int steps = 0;
            while (!game.done()) {
                CoinRunExpert.Decision d = expert.decideSafe(game);
                game.step(d.action());
                steps++;
            }
            assertEquals(EndCause.COIN, game.endCause(), "the expert on level " + i + " after " + steps + " steps\n"
                    + LevelAscii.draw(game));
        }
    }

    @Test
    void aDecisionIsDoomedInTheAirOverALavaSeaAndNotNextToTheCoin() {
        // dropped three cells above lava wider than any jump: whatever it does, the agent lands in the lava
        String[] sea = {
            "@.......................................",
            "........................................",
            "........................................",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~$",
        };
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunGame game = construct(950, sea);
        int states = 0;
        while (!game.done()) {
            CoinRunExpert.Decision d = expert.decideSafe(game);
            assertTrue(d.doomed(), "state " + states + " over the lava has no way out");
            assertTrue(d.accepts(d.action()), "the expert's own move is accepted even so");
            assertEquals(EndCause.LAVA, expertPlaysOn(expert, game), "and the expert itself dies from it");
            game.step(0); // NOOP: fall
            states++;
        }
        assertEquals(EndCause.LAVA, game.endCause());
        assertTrue(states > 3, "it fell for a while: " + states);

        CoinRunGame near = construct(951, "@..$");
        CoinRunExpert.Decision d = expert.decideSafe(near);
        assertFalse(d.doomed(), "next to the coin the search reaches it");
        assertEquals(EndCause.COIN, expertPlaysOn(expert, near));
    }

    @Test
    void standingBeforeAPitIsNotDoomed() {
        // the progress search's 24 plans all run into this pit within its 30-step horizon; standing still does not
        CoinRunExpert expert = new CoinRunExpert(DistributionMode.HARD, CoinRunExpert.Config.defaults());
        CoinRunGame game = construct(960, LEVELS[1]);
        for (int t = 0; t < 6; t++) {
            CoinRunExpert.Decision d = expert.decideSafe(game);
            assertFalse(d.doomed(), "step " + t + " before the pit: standing still survives");
            assertTrue(expert.planValue(game) > Float.NEGATIVE_INFINITY);
            game.step(d.action());
        }
        CoinRunGame still = construct(961, LEVELS[1]);
        for (int t = 0; t < CoinRunExpert.Config.defaults().depth(); t++) {
            still.step(4);
        }
        assertFalse(still.done(), "NOOP for the whole horizon is a plan that survives");
        assertEquals(EndCause.COIN, expertPlaysOn(expert, construct(962, LEVELS[1])), "and the expert still jumps the pit");
    }

    /** How the game ends when the expert plays on from {@code from} for at most 100 steps; null if it is still alive. */
    private static EndCause expertPlaysOn(CoinRunExpert expert, CoinRunGame from) {
        CoinRunGame g = from.snapshot();
        for (int t = 0; t < 100 && !g.done(); t++) {
            g.step(expert.act(g));
        }
        return g.done() ? g.endCause() : null;
    }

    /**
     * A level built from rows of text: {@code #} ground, {@code ~} lava, {@code $} coin, {@code ^}
     * saw, {@code <}/{@code >} enemy walking left/right, {@code |} enemy barrier, {@code @} the
     * agent's start. {@code seed} only picks the themes (and must differ between levels, since
     * the expert caches a level's cells by seed).
     */
    static CoinRunGame construct(int seed, String... rows) {
        CoinRunGame g = new CoinRunGame(DistributionMode.HARD);
        g.reset(seed);
        for (int x = 1; x < CoinRunGame.WIDTH - 1; x++) {
            for (int y = 1; y < CoinRunGame.HEIGHT - 1; y++) {
                g.setCell(x, y, ObjectType.SPACE);
            }
        }
        int theme = g.agent.imageTheme;
        g.entities.clear();
        float ax = 1 + CoinRunGame.AGENT_RX;
        float ay = 1 + CoinRunGame.AGENT_RY;
        for (int r = 0; r < rows.length; r++) {
            int y = rows.length - r;
            for (int x = 0; x < rows[r].length(); x++) {
                char c = rows[r].charAt(x);
                int cx = x + 1;
                switch (c) {
                    case '#' -> g.setCell(cx, y, r > 0 && rows[r - 1].length() > x && rows[r - 1].charAt(x) == '#'
                            ? ObjectType.WALL_MID : ObjectType.WALL_TOP);
                    case '~' -> g.setCell(cx, y, ObjectType.LAVA_TOP);
                    case '$' -> g.setCell(cx, y, ObjectType.GOAL);
                    case '|' -> g.setCell(cx, y, ObjectType.ENEMY_BARRIER);
                    case '^' -> g.addEntity(cx + .5f, y + .5f, 0, 0, .5f, ObjectType.SAW);
                    case '<', '>' -> {
                        Entity e = g.addEntity(cx + .5f, y + .5f, c == '<' ? -.15f : .15f, 0, .5f, ObjectType.ENEMY);
                        e.smartStep = true;
                        e.renderZ = 1;
                    }
                    case '@' -> {
                        ax = cx + CoinRunGame.AGENT_RX;
                        ay = y + CoinRunGame.AGENT_RY;
                    }
                    default -> { }
                }
            }
        }
        Entity a = g.entities.add().init(ax, ay, 0, 0, CoinRunGame.AGENT_RX, CoinRunGame.AGENT_RY, ObjectType.PLAYER);
        a.smartStep = true;
        a.renderZ = 1;
        a.imageTheme = theme;
        g.agent = a;
        return g;
    }
}
