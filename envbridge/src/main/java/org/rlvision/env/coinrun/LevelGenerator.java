package org.rlvision.env.coinrun;

import org.rlvision.env.DistributionMode;

import static org.rlvision.env.coinrun.ObjectType.CRATE;
import static org.rlvision.env.coinrun.ObjectType.ENEMY;
import static org.rlvision.env.coinrun.ObjectType.ENEMY_BARRIER;
import static org.rlvision.env.coinrun.ObjectType.GOAL;
import static org.rlvision.env.coinrun.ObjectType.LAVA_MID;
import static org.rlvision.env.coinrun.ObjectType.LAVA_TOP;
import static org.rlvision.env.coinrun.ObjectType.SAW;
import static org.rlvision.env.coinrun.ObjectType.WALL_MID;
import static org.rlvision.env.coinrun.ObjectType.WALL_TOP;
import static org.rlvision.env.coinrun.ObjectType.isWall;

/**
 * CoinRun's level generator ({@code generate_coin_to_the_right} in Procgen's
 * {@code coinrun.cpp}): sections of rising/falling ground, pits with lava, saws or enemies,
 * floating ledges, saws/enemies/crates on platforms, enemy barriers and the coin pillar. It
 * makes the same random draws in the same order as Procgen, so a seed gives Procgen's layout.
 */
final class LevelGenerator {
    /** Highest cell the agent can jump up: {@code int(1.5²/(2·0.2) − 0.5) = 5}. */
    static final int MAX_DY;
    /** Widest gap the agent can jump across: {@code int(0.5·2·1.5/0.2 − 0.5) = 7}. */
    static final int MAX_DX;

    static {
        float maxDyF = CoinRunGame.MAX_JUMP * CoinRunGame.MAX_JUMP / (2 * CoinRunGame.GRAVITY);
        float maxDxF = CoinRunGame.MAX_SPEED * 2 * CoinRunGame.MAX_JUMP / CoinRunGame.GRAVITY;
        MAX_DY = (int) (maxDyF - .5);
        MAX_DX = (int) (maxDxF - .5);
    }

    private LevelGenerator() {
    }

    static void generate(CoinRunGame g) {
        initFloorAndWalls(g);
        LevelRandom r = g.rng;
        final int w = CoinRunGame.WIDTH;
        int dif = r.randn(3) + 1;
        int numSections = r.randn(dif) + dif;
        int currX = 5;
        int currY = 1;
        int pitThreshold = dif;
        int dangerType = r.randn(3);
        boolean allowMonsters = g.mode() != DistributionMode.EASY;

        for (int section = 0; section < numSections; section++) {
            if (currX + 15 >= w) {
                break;
            }
            int dy = r.randn(4) + 1 + dif / 3;
            if (dy > MAX_DY) {
                dy = MAX_DY;
            }
            if (currY >= 20) {
                dy *= -1;
            } else if (currY >= 5 && r.randn(2) == 1) {
                dy *= -1;
            }
            int dx = r.randn(2 * dif) + 3 + dif / 3;
            currY += dy;
            if (currY < 1) {
                currY = 1;
            }
            boolean usePit = dx > 7 && currY > 3 && r.randn(20) >= pitThreshold;
            if (usePit) {
                int x1 = r.randn(3) + 1;
                int x2 = r.randn(3) + 1;
                int pitWidth = dx - x1 - x2;
                if (pitWidth > MAX_DX) {
                    pitWidth = MAX_DX;
                    x2 = dx - x1 - pitWidth;
                }
                fillGroundBlock(g, currX, 0, x1, currY);
                fillGroundBlock(g, currX + dx - x2, 0, x2, currY);
                int lavaHeight = r.randn(currY - 3) + 1;
                if (dangerType == 0) {
                    fillBlockTop(g, currX + x1, 1, pitWidth, lavaHeight, LAVA_MID, LAVA_TOP);
                } else if (dangerType == 1) {
                    for (int ei = 0; ei < pitWidth; ei++) {
                        createSaw(g, currX + x1 + ei, 1);
                    }
                } else {
                    for (int ei = 0; ei < pitWidth; ei++) {
                        createEnemy(g, currX + x1 + ei, 1);
                    }
                }
                if (pitWidth > 4) {
                    int x3;
                    int w1;
                    if (pitWidth == 5) {
                        x3 = 1 + r.randn(2);
                        w1 = 1 + r.randn(2);
                    } else if (pitWidth == 6) {
                        x3 = 2 + r.randn(2);
                        w1 = 1 + r.randn(2);
                    } else {
                        x3 = 2 + r.randn(2);
                        int x4 = 2 + r.randn(2);
                        w1 = pitWidth - x3 - x4;
                    }
                    fillGroundBlock(g, currX + x1 + x3, currY - 1, w1, 1);
                }
            } else {
                fillGroundBlock(g, currX, 0, dx, currY);
                int ob1X = -1;
                int ob2X = -1;
                if (r.randn(10) < 2 * dif && dx > 3) {
                    ob1X = currX + r.randn(dx - 2) + 1;
                    createSaw(g, ob1X, currY);
                }
                if (r.randn(10) < dif && dx > 3 && MAX_DX >= 4 && allowMonsters) {
                    ob2X = currX + r.randn(dx - 2) + 1;
                    createEnemy(g, ob2X, currY);
                }
                for (int i = 0; i < 2; i++) {
                    int crateX = currX + r.randn(dx - 2) + 1;
                    if (r.randn(2) == 1 && ob1X != crateX && ob2X != crateX) {
                        int pileHeight = r.randn(3) + 1;
                        for (int j = 0; j < pileHeight; j++) {
                            createCrate(g, crateX, currY + j);
                        }
                    }
                }
            }
            if (!isWall(g.cell(currX - 1, currY))) {
                g.setCell(currX - 1, currY, ENEMY_BARRIER);
            }
            currX += dx;
            g.setCell(currX, currY, ENEMY_BARRIER);
        }
        g.setCell(currX, currY, GOAL);
        fillGroundBlock(g, currX, 0, 1, currY);
        g.fillElem(currX + 1, 0, w - currX - 1, CoinRunGame.HEIGHT, WALL_MID);
    }

    private static void initFloorAndWalls(CoinRunGame g) {
        int w = CoinRunGame.WIDTH;
        int h = CoinRunGame.HEIGHT;
        g.fillElem(0, 0, w, 1, WALL_TOP);
        g.fillElem(0, 0, 1, h, WALL_MID);
        g.fillElem(w - 1, 0, 1, h, WALL_MID);
        g.fillElem(0, h - 1, w, 1, WALL_MID);
    }

    private static void fillBlockTop(CoinRunGame g, int x, int y, int dx, int dy, int fill, int top) {
        if (dy <= 0) {
            throw new IllegalStateException("block height must be positive, got " + dy);
        }
        g.fillElem(x, y, dx, dy - 1, fill);
        g.fillElem(x, y + dy - 1, dx, 1, top);
    }

    private static void fillGroundBlock(CoinRunGame g, int x, int y, int dx, int dy) {
        fillBlockTop(g, x, y, dx, dy, WALL_MID, WALL_TOP);
    }

    private static void createSaw(CoinRunGame g, int x, int y) {
        g.addEntity((float) (x + .5), (float) (y + .5), 0, 0, .5f, SAW);
    }

    private static void createEnemy(CoinRunGame g, int x, int y) {
        float vx = (float) (.15 * (g.rng.randn(2) * 2 - 1));
        Entity e = g.addEntity((float) (x + .5), (float) (y + .5), vx, 0, .5f, ENEMY);
        e.smartStep = true;
        e.renderZ = 1;
        e.imageTheme = g.rng.randn(CoinRunGame.NUM_ENEMY_THEMES);
    }

    private static void createCrate(CoinRunGame g, int x, int y) {
        Entity e = g.addEntity((float) (x + .5), (float) (y + .5), 0, 0, .5f, CRATE);
        e.imageTheme = g.rng.randn(CoinRunGame.NUM_CRATE_THEMES);
    }
}
