package org.rlvision.env.coinrun;

import static org.rlvision.env.coinrun.ObjectType.CRATE;
import static org.rlvision.env.coinrun.ObjectType.ENEMY;
import static org.rlvision.env.coinrun.ObjectType.GOAL;
import static org.rlvision.env.coinrun.ObjectType.PLAYER;
import static org.rlvision.env.coinrun.ObjectType.SAW;
import static org.rlvision.env.coinrun.ObjectType.isLava;
import static org.rlvision.env.coinrun.ObjectType.isWall;

/**
 * Draws a CoinRun level as text, one character per cell, top row first: {@code #} ground,
 * {@code ~} lava, {@code $} coin, {@code ^} saw, {@code <}/{@code >} enemy by walking
 * direction, {@code c} crate, {@code @} agent, {@code .} empty. Used by {@code rlvision env play}
 * and in test failure messages.
 */
public final class LevelAscii {
    private LevelAscii() {
    }

    /**
     * The level as text, cropped to the columns up to the right-most non-wall cell plus one and
     * to the rows up to the highest non-empty interior row plus two.
     */
    public static String draw(CoinRunGame g) {
        int w = CoinRunGame.WIDTH;
        int h = CoinRunGame.HEIGHT;
        char[][] rows = new char[h][w];
        int maxX = 0;
        int maxY = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = g.cell(x, y);
                char c;
                if (isWall(t)) {
                    c = '#';
                } else if (isLava(t)) {
                    c = '~';
                } else if (t == GOAL) {
                    c = '$';
                } else {
                    c = '.';
                }
                rows[y][x] = c;
                if (!isWall(t) && x > maxX) {
                    maxX = x;
                }
                if (t != ObjectType.SPACE && !isWall(t) && y > maxY) {
                    maxY = y;
                }
            }
        }
        for (int i = g.entityCount() - 1; i >= 0; i--) {
            Entity e = g.entity(i);
            int x = (int) Math.floor(e.x);
            int y = (int) Math.floor(e.y);
            if (x < 0 || y < 0 || x >= w || y >= h) {
                continue;
            }
            char c = switch (e.type) {
                case SAW -> '^';
                case ENEMY -> e.vx < 0 ? '<' : '>';
                case CRATE -> 'c';
                case PLAYER -> '@';
                default -> rows[y][x];
            };
            rows[y][x] = c;
            maxY = Math.max(maxY, y);
        }
        int top = Math.min(h - 1, maxY + 2);
        int right = Math.min(w - 1, maxX + 1);
        StringBuilder sb = new StringBuilder();
        for (int y = top; y >= 0; y--) {
            sb.append(rows[y], 0, right + 1).append('\n');
        }
        return sb.toString();
    }
}
