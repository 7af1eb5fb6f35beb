package org.rlvision.env.coinrun;

import org.rlvision.env.DistributionMode;

import static org.rlvision.env.coinrun.ObjectType.SPACE;
import static org.rlvision.env.coinrun.ObjectType.WALL_MID;
import static org.rlvision.env.coinrun.ObjectType.WALL_TOP;

/**
 * Builds constructed situations for tests: an empty world with a floor (row 0) and side walls,
 * the agent standing at a chosen cell, and whatever the test adds.
 */
final class Arena {
    final CoinRunGame game;

    private Arena(DistributionMode mode) {
        game = new CoinRunGame(mode);
        game.reset(0);
        java.util.Arrays.fill(game.grid, SPACE);
        game.fillElem(0, 0, CoinRunGame.WIDTH, 1, WALL_TOP);
        game.fillElem(0, 0, 1, CoinRunGame.HEIGHT, WALL_MID);
        game.fillElem(CoinRunGame.WIDTH - 1, 0, 1, CoinRunGame.HEIGHT, WALL_MID);
        game.fillElem(0, CoinRunGame.HEIGHT - 1, CoinRunGame.WIDTH, 1, WALL_MID);
        game.entities.size = 1; // keep only the agent
        game.trails.clear();
    }

    /** An empty easy-mode arena with the agent standing on the floor in column 1. */
    static Arena empty() {
        return new Arena(DistributionMode.EASY);
    }

    /** Puts the agent standing on top of row {@code groundTop} in column {@code cellX}. */
    Arena agentAt(int cellX, int groundTop) {
        Entity a = game.agent;
        a.x = cellX + a.rx;
        a.y = groundTop + 1 + a.ry;
        a.vx = 0;
        a.vy = 0;
        game.lastAgentY = a.y;
        return this;
    }

    /** Solid ground {@code height} cells tall over columns [x, x+width). */
    Arena ground(int x, int width, int height) {
        game.fillElem(x, 0, width, height - 1, WALL_MID);
        game.fillElem(x, height - 1, width, 1, WALL_TOP);
        return this;
    }

    Arena cell(int x, int y, int type) {
        game.setCell(x, y, type);
        return this;
    }

    Entity saw(int x, int y) {
        return game.addEntity(x + .5f, y + .5f, 0, 0, .5f, ObjectType.SAW);
    }

    Entity enemy(int x, int y, float vx) {
        Entity e = game.addEntity(x + .5f, y + .5f, vx, 0, .5f, ObjectType.ENEMY);
        e.smartStep = true;
        e.renderZ = 1;
        return e;
    }

    Entity crate(int x, int y) {
        return game.addEntity(x + .5f, y + .5f, 0, 0, .5f, ObjectType.CRATE);
    }

    /** Steps {@code n} times with {@code action}, stopping early at an ending; returns steps taken. */
    int run(int action, int n) {
        for (int i = 0; i < n; i++) {
            game.step(action);
            if (game.done()) {
                return i + 1;
            }
        }
        return n;
    }
}
