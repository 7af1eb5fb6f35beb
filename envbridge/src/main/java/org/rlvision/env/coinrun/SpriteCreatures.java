package org.rlvision.env.coinrun;

import static org.rlvision.env.coinrun.SpriteMath.disc;
import static org.rlvision.env.coinrun.SpriteMath.ellipse;
import static org.rlvision.env.coinrun.SpriteMath.frac;
import static org.rlvision.env.coinrun.SpriteMath.roundRect;
import static org.rlvision.env.coinrun.SpriteMath.segment;

/**
 * Our own procedural art for CoinRun's entities: agent (5 colours × 3 poses), saw (2 frames),
 * enemies (9 kinds × 2 frames), crates (4 kinds) and the trail puff. Coordinates are the
 * sprite rectangle's {@code (u, v)} in [0, 1), v down; enemies face left, the agent faces right
 * (the renderer mirrors them as Procgen does).
 */
final class SpriteCreatures {
    /** Height of the agent's sprite rectangle in cells: its 1.1574-cell box extended up by 0.7415 of itself. */
    static final double AGENT_SPRITE_H = 2 * CoinRunGame.AGENT_RY * 1.7415;
    private static final double AGENT_BOX_H = 2 * CoinRunGame.AGENT_RY;
    private static final double TAU = 2 * Math.PI;

    private SpriteCreatures() {
    }

    /**
     * The agent: an astronaut with a glass helmet; the art fills the lower part of the sprite
     * rectangle (the collision box), the extension above is transparent.
     *
     * @param colour suit colour 0..4
     * @param pose   0 standing, 1 and 2 walking (1 also airborne)
     */
    static int agent(int colour, int pose, double u, double v) {
        double x = u;
        double y = v * AGENT_SPRITE_H - (AGENT_SPRITE_H - AGENT_BOX_H); // cells below the box top
        if (y < 0) {
            return Palette.CLEAR;
        }
        int suit = Palette.AGENT[colour];
        // helmet
        if (disc(x, y, 0.5, 0.40, 0.37)) {
            if (!disc(x, y, 0.5, 0.40, 0.31)) {
                return Palette.HELMET;
            }
            if (disc(x, y, 0.35, 0.25, 0.045)) {
                return Palette.HELMET;
            }
            if (disc(x, y, 0.63, 0.40, 0.05)) {
                return Palette.INK;
            }
            if (disc(x, y, 0.52, 0.44, 0.25)) {
                return suit;
            }
            return Palette.mix(suit, Palette.HELMET, 0.65);
        }
        // body and arms
        if (roundRect(x, y, 0.27, 0.74, 0.73, 1.04, 0.08)) {
            return Palette.shade(suit, 0.92);
        }
        double swing = pose == 0 ? 0 : (pose == 1 ? 0.05 : -0.05);
        if (ellipse(x, y, 0.21, 0.88 - swing, 0.065, 0.1) || ellipse(x, y, 0.79, 0.88 + swing, 0.065, 0.1)) {
            return Palette.shade(suit, 0.85);
        }
        // legs
        int leg = Palette.shade(suit, 0.75);
        boolean legs;
        if (pose == 0) {
            legs = (x >= 0.31 && x <= 0.46 || x >= 0.54 && x <= 0.69) && y >= 0.98;
        } else if (pose == 1) {
            legs = segment(x, y, 0.42, 1.0, 0.27, 1.13, 0.075) || segment(x, y, 0.58, 1.0, 0.73, 1.13, 0.075);
        } else {
            legs = (x >= 0.38 && x <= 0.53 && y >= 0.98) || segment(x, y, 0.58, 1.0, 0.7, 1.07, 0.07);
        }
        return legs ? leg : Palette.CLEAR;
    }

    /** A half-buried circular saw sitting on the bottom edge; the two frames turn the teeth. */
    static int saw(int frame, double u, double v) {
        double dx = u - 0.5;
        double dy = 1.0 - v;
        double d = Math.sqrt(dx * dx + dy * dy);
        double angle = StrictMath.atan2(dy, dx);
        double tooth = frac(angle / TAU * 14 + frame * 0.5);
        double outer = 0.38 + 0.1 * (1 - tooth);
        if (d > outer) {
            return Palette.CLEAR;
        }
        if (d > 0.36) {
            return Palette.SAW;
        }
        if (d < 0.1) {
            return Palette.SAW_HUB;
        }
        for (int k = 0; k < 3; k++) {
            double a = Math.PI * (k + 0.5) / 3 + frame * Math.PI / 6;
            if (disc(u, v, 0.5 + 0.23 * StrictMath.cos(a), 1.0 - 0.23 * StrictMath.sin(a), 0.045)) {
                return Palette.SAW_HUB;
            }
        }
        return Palette.SAW_FACE;
    }

    /**
     * A walking enemy, facing left.
     *
     * @param kind  0 block slime, 1 purple slime, 2 blue slime, 3 green slime, 4 mouse, 5 snail,
     *              6 ladybug, 7 green worm, 8 pink worm
     * @param frame animation frame 0 or 1 (1 is squashed)
     */
    static int enemy(int kind, int frame, double u, double v) {
        double sw = frame == 0 ? 1.0 : 1.07;
        double sh = frame == 0 ? 1.0 : 0.86;
        double x = 0.5 + (u - 0.5) / sw;
        double y = 1 - (1 - v) / sh;
        int body = Palette.ENEMY[kind];
        int accent = Palette.ENEMY_ACCENT[kind];
        switch (kind) {
            case 0:
                if (!roundRect(x, y, 0.12, 0.4, 0.88, 1.0, 0.14)) {
                    return Palette.CLEAR;
                }
                return slimeFace(x, y, y > 0.86 ? accent : body);
            case 1:
            case 2:
            case 3:
                if (!ellipse(x, y, 0.5, 1.0, 0.43, 0.56) ) {
                    return Palette.CLEAR;
                }
                if (disc(x, y, 0.63, 0.6, 0.05)) {
                    return Palette.shade(body, 1.35);
                }
                return slimeFace(x, y, y > 0.9 ? accent : body);
            case 4:
                return mouse(x, y, body, accent);
            case 5:
                return snail(x, y, body, accent);
            case 6:
                return ladybug(x, y, body, accent);
            default:
                return worm(x, y, frame, body, accent);
        }
    }

    private static int slimeFace(double x, double y, int base) {
        if (disc(x, y, 0.31, 0.66, 0.035)) {
            return Palette.INK;
        }
        if (disc(x, y, 0.32, 0.66, 0.075)) {
            return Palette.HELMET;
        }
        return base;
    }

    private static int mouse(double x, double y, int body, int accent) {
        if (disc(x, y, 0.2, 0.72, 0.035)) {
            return Palette.INK;
        }
        if (disc(x, y, 0.08, 0.8, 0.04)) {
            return accent;
        }
        if (disc(x, y, 0.36, 0.57, 0.06)) {
            return accent;
        }
        if (disc(x, y, 0.36, 0.57, 0.1) || disc(x, y, 0.25, 0.77, 0.16) || ellipse(x, y, 0.56, 0.8, 0.33, 0.2)) {
            return body;
        }
        if (x > 0.84 && x < 0.99 && Math.abs(y - (0.86 - 0.12 * StrictMath.sin((x - 0.84) * 14))) < 0.03) {
            return accent;
        }
        return Palette.CLEAR;
    }

    private static int snail(double x, double y, int body, int accent) {
        double dx = x - 0.6;
        double dy = y - 0.62;
        double d = Math.sqrt(dx * dx + dy * dy);
        if (d < 0.27) {
            double turn = frac(d / 0.09 - StrictMath.atan2(dy, dx) / TAU);
            return turn < 0.3 ? Palette.shade(accent, 0.72) : accent;
        }
        if (disc(x, y, 0.12, 0.5, 0.05)) {
            return Palette.INK;
        }
        if (segment(x, y, 0.17, 0.76, 0.12, 0.5, 0.03) || roundRect(x, y, 0.06, 0.8, 0.94, 1.0, 0.08)
            || disc(x, y, 0.19, 0.8, 0.12)) {
            return body;
        }
        return Palette.CLEAR;
    }

    private static int ladybug(double x, double y, int body, int accent) {
        if (disc(x, y, 0.12, 0.8, 0.035)) {
            return Palette.HELMET;
        }
        if (disc(x, y, 0.18, 0.85, 0.13)) {
            return accent;
        }
        if (!ellipse(x, y, 0.56, 1.0, 0.38, 0.5)) {
            return Palette.CLEAR;
        }
        if (Math.abs(x - 0.56) < 0.025 || disc(x, y, 0.43, 0.72, 0.065) || disc(x, y, 0.69, 0.72, 0.065)
            || disc(x, y, 0.46, 0.9, 0.055) || disc(x, y, 0.78, 0.9, 0.055)) {
            return accent;
        }
        return body;
    }

    private static int worm(double x, double y, int frame, int body, int accent) {
        double[] cx = {0.2, 0.4, 0.6, 0.79};
        double[] r = {0.15, 0.14, 0.13, 0.11};
        if (disc(x, y, 0.16, 0.8, 0.035)) {
            return Palette.INK;
        }
        for (int i = 0; i < cx.length; i++) {
            double cy = 1.0 - r[i] - ((i + frame) % 2 == 0 ? 0.0 : 0.05);
            if (disc(x, y, cx[i], cy, r[i])) {
                return disc(x, y, cx[i], cy, r[i] - 0.035) ? body : accent;
            }
        }
        return Palette.CLEAR;
    }

    /**
     * A wooden crate filling its cell.
     *
     * @param kind 0 diagonal brace, 1 two panels, 2 inset panel, 3 hazard stripes
     */
    static int crate(int kind, double u, double v) {
        int wood = Palette.CRATE[kind];
        int frame = Palette.CRATE_FRAME[kind];
        double b = 0.12;
        if (u < 0.04 || u > 0.96 || v < 0.04 || v > 0.96) {
            return Palette.shade(frame, 0.8);
        }
        if (u < b || u > 1 - b || v < b || v > 1 - b) {
            return frame;
        }
        switch (kind) {
            case 0:
                if (Math.abs(u - v) < 0.09) {
                    return frame;
                }
                break;
            case 1:
                if (Math.abs(v - 0.5) < 0.06) {
                    return frame;
                }
                break;
            case 2:
                if (u > 0.3 && u < 0.7 && v > 0.3 && v < 0.7 && !(u > 0.37 && u < 0.63 && v > 0.37 && v < 0.63)) {
                    return frame;
                }
                break;
            default:
                return frac((u + v) * 2.5) < 0.5 ? Palette.CRATE_STRIPE : Palette.INK;
        }
        return frac(v * 4) < 0.07 ? Palette.shade(wood, 0.9) : wood;
    }

    /** The enemy trail puff: a disc filling its rectangle (drawn translucent). */
    static int trail(double u, double v) {
        return disc(u, v, 0.5, 0.5, 0.5) ? Palette.TRAIL : Palette.CLEAR;
    }
}
