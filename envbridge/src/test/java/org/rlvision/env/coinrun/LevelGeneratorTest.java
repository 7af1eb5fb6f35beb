package org.rlvision.env.coinrun;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;

import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rlvision.env.coinrun.ObjectType.CRATE;
import static org.rlvision.env.coinrun.ObjectType.ENEMY;
import static org.rlvision.env.coinrun.ObjectType.GOAL;
import static org.rlvision.env.coinrun.ObjectType.SAW;
import static org.rlvision.env.coinrun.ObjectType.WALL_MID;
import static org.rlvision.env.coinrun.ObjectType.isLava;
import static org.rlvision.env.coinrun.ObjectType.isWall;

/** Invariants every generated level must satisfy, checked over thousands of seeds in both modes. */
class LevelGeneratorTest {
    private static final int SEEDS = 3000;

    @ParameterizedTest
    @EnumSource(DistributionMode.class)
    void everyLevelHasOneCoinOnAPillarWithSolidWallToItsRight(DistributionMode mode) {
        CoinRunGame g = new CoinRunGame(mode);
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            final int s = seed;
            int[] goal = findGoal(g, seed);
            int gx = goal[0];
            int gy = goal[1];
            for (int y = 0; y < gy; y++) {
                assertTrue(isWall(g.cell(gx, y)), () -> "seed " + s + ": no pillar under the coin\n" + LevelAscii.draw(g));
            }
            for (int x = gx + 1; x < CoinRunGame.WIDTH; x++) {
                for (int y = 0; y < CoinRunGame.HEIGHT; y++) {
                    assertEquals(WALL_MID, g.cell(x, y), "seed " + seed + ": open cell right of the coin");
                }
            }
            // sections start while x + 15 < 64 and are at most 9 wide
            assertTrue(gx >= 8 && gx <= 57, "seed " + seed + ": coin column " + gx);
        }
    }

    @ParameterizedTest
    @EnumSource(DistributionMode.class)
    void pitsAreNeverWiderThanAJump(DistributionMode mode) {
        CoinRunGame g = new CoinRunGame(mode);
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            boolean[] lavaCol = new boolean[CoinRunGame.WIDTH];
            boolean[] sawCol = new boolean[CoinRunGame.WIDTH];
            for (int x = 0; x < CoinRunGame.WIDTH; x++) {
                lavaCol[x] = isLava(g.cell(x, 1));
            }
            for (int i = 1; i < g.entityCount(); i++) {
                Entity e = g.entity(i);
                if ((e.type == SAW || e.type == ENEMY) && e.y == 1.5f) {
                    sawCol[(int) e.x] = true;
                }
            }
            assertTrue(longestRun(lavaCol) <= LevelGenerator.MAX_DX, "seed " + seed + ": lava pit too wide");
            assertTrue(longestRun(sawCol) <= LevelGenerator.MAX_DX, "seed " + seed + ": saw/enemy pit too wide");
        }
    }

    @ParameterizedTest
    @EnumSource(DistributionMode.class)
    void theCoinIsReachableWithTheJumpLimits(DistributionMode mode) {
        CoinRunGame g = new CoinRunGame(mode);
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            if (!coinReachable(g)) {
                fail("seed " + seed + " (" + mode + "): coin not reachable\n" + LevelAscii.draw(g));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DistributionMode.class)
    void entitiesSitInFreeCellsInsideTheWorld(DistributionMode mode) {
        CoinRunGame g = new CoinRunGame(mode);
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            assertEquals(1.5f, g.agent().x());
            assertEquals(1 + CoinRunGame.AGENT_RY, g.agent().y());
            for (int i = 1; i < g.entityCount(); i++) {
                Entity e = g.entity(i);
                int cx = (int) Math.floor(e.x);
                int cy = (int) Math.floor(e.y);
                assertEquals(cx + 0.5f, e.x, 0f);
                assertEquals(cy + 0.5f, e.y, 0f);
                assertFalse(isWall(g.cell(cx, cy)), "seed " + seed + ": entity inside a wall at " + cx + "," + cy);
                if (e.type == ENEMY) {
                    assertEquals(0.15f, Math.abs(e.vx), 0f);
                    assertTrue(e.imageTheme >= 0 && e.imageTheme < CoinRunGame.NUM_ENEMY_THEMES);
                }
                if (e.type == CRATE) {
                    assertTrue(e.imageTheme >= 0 && e.imageTheme < CoinRunGame.NUM_CRATE_THEMES);
                }
            }
        }
    }

    @Test
    void easyModeHasOneThemeAndNoEnemiesOnPlatforms() {
        CoinRunGame g = new CoinRunGame(DistributionMode.EASY);
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            assertEquals(0, g.backgroundIndex());
            assertEquals(0, g.wallTheme());
            assertEquals(0, g.agent().imageTheme());
            for (int i = 1; i < g.entityCount(); i++) {
                if (g.entity(i).type == ENEMY) {
                    assertEquals(1.5f, g.entity(i).y, "seed " + seed + ": easy-mode enemies live only in pits");
                }
            }
        }
    }

    @Test
    void hardModeVariesThemesAndPutsEnemiesOnPlatforms() {
        CoinRunGame g = new CoinRunGame(DistributionMode.HARD);
        boolean[] agentThemes = new boolean[CoinRunGame.NUM_AGENT_THEMES];
        boolean[] groundThemes = new boolean[CoinRunGame.NUM_GROUND_THEMES];
        boolean[] backgrounds = new boolean[CoinRunGame.NUM_BACKGROUNDS];
        int platformEnemies = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            g.reset(seed);
            agentThemes[g.agent().imageTheme()] = true;
            groundThemes[g.wallTheme()] = true;
            backgrounds[g.backgroundIndex()] = true;
            for (int i = 1; i < g.entityCount(); i++) {
                if (g.entity(i).type == ENEMY && g.entity(i).y > 1.5f) {
                    platformEnemies++;
                }
            }
        }
        assertAllTrue(agentThemes);
        assertAllTrue(groundThemes);
        assertAllTrue(backgrounds);
        assertTrue(platformEnemies > 100, "platform enemies: " + platformEnemies);
    }

    @Test
    void generationIsDeterministicAndIndependentOfHistory() {
        CoinRunGame a = new CoinRunGame(DistributionMode.HARD);
        CoinRunGame b = new CoinRunGame(DistributionMode.HARD);
        b.reset(999);
        for (int i = 0; i < 50; i++) {
            b.step(i % 15);
        }
        a.reset(12345);
        b.reset(12345);
        assertArrayEquals(a.grid, b.grid);
        assertEquals(a.entityCount(), b.entityCount());
        for (int i = 0; i < a.entityCount(); i++) {
            assertEquals(a.entity(i).x, b.entity(i).x);
            assertEquals(a.entity(i).y, b.entity(i).y);
            assertEquals(a.entity(i).vx, b.entity(i).vx);
            assertEquals(a.entity(i).type, b.entity(i).type);
            assertEquals(a.entity(i).imageTheme, b.entity(i).imageTheme);
        }
        assertEquals(a.backgroundOffset(), b.backgroundOffset());
    }

    private static void assertAllTrue(boolean[] seen) {
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "value " + i + " never drawn");
        }
    }

    private static int[] findGoal(CoinRunGame g, int seed) {
        int[] found = null;
        for (int x = 0; x < CoinRunGame.WIDTH; x++) {
            for (int y = 0; y < CoinRunGame.HEIGHT; y++) {
                if (g.cell(x, y) == GOAL) {
                    if (found != null) {
                        fail("seed " + seed + ": two coins");
                    }
                    found = new int[] {x, y};
                }
            }
        }
        if (found == null) {
            fail("seed " + seed + ": no coin");
        }
        return found;
    }

    private static int longestRun(boolean[] cols) {
        int best = 0;
        int run = 0;
        for (boolean c : cols) {
            run = c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    /**
     * Breadth-first search over cells the agent can stand in (free, not lava, no saw, ground or a
     * crate below), joined when the horizontal distance is at most MAX_DX and the rise at most
     * MAX_DY: the guarantees the generator is built around.
     */
    private static boolean coinReachable(CoinRunGame g) {
        int w = CoinRunGame.WIDTH;
        int h = CoinRunGame.HEIGHT;
        boolean[] blocked = new boolean[w * h];
        boolean[] support = new boolean[w * h];
        for (int i = 1; i < g.entityCount(); i++) {
            Entity e = g.entity(i);
            int idx = (int) e.y * w + (int) e.x;
            if (e.type == SAW) {
                blocked[idx] = true;
            } else if (e.type == CRATE) {
                support[idx] = true;
            }
        }
        boolean[] standable = new boolean[w * h];
        int[] goal = null;
        for (int x = 0; x < w; x++) {
            for (int y = 1; y < h; y++) {
                int t = g.cell(x, y);
                int below = g.cell(x, y - 1);
                boolean free = !isWall(t) && !isLava(t) && !blocked[y * w + x];
                standable[y * w + x] = free && (isWall(below) || support[(y - 1) * w + x]);
                if (t == GOAL) {
                    goal = new int[] {x, y};
                }
            }
        }
        boolean[] seen = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(1 * w + 1);
        seen[w + 1] = true;
        while (!queue.isEmpty()) {
            int c = queue.poll();
            int cx = c % w;
            int cy = c / w;
            if (cx == goal[0] && cy == goal[1]) {
                return true;
            }
            for (int nx = Math.max(0, cx - LevelGenerator.MAX_DX); nx <= Math.min(w - 1, cx + LevelGenerator.MAX_DX); nx++) {
                for (int ny = 1; ny <= Math.min(h - 1, cy + LevelGenerator.MAX_DY); ny++) {
                    int n = ny * w + nx;
                    if (standable[n] && !seen[n]) {
                        seen[n] = true;
                        queue.add(n);
                    }
                }
            }
        }
        return false;
    }
}
