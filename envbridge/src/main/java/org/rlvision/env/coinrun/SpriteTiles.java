package org.rlvision.env.coinrun;

import static org.rlvision.env.coinrun.SpriteMath.disc;
import static org.rlvision.env.coinrun.SpriteMath.frac;
import static org.rlvision.env.coinrun.SpriteMath.tri;

/**
 * Our own procedural art for grid cells: ground (middle and top, six themes), lava (middle and
 * surface) and the coin. Patterns repeat with period 1 so neighbouring cells join seamlessly.
 * Coordinates are the cell's {@code (u, v)} in [0, 1), v down.
 */
final class SpriteTiles {
    private static final double TAU = 2 * Math.PI;

    private SpriteTiles() {
    }

    /** Ground below the surface, for ground theme {@code theme} (Dirt, Grass, Planet, Sand, Snow, Stone). */
    static int wallMid(int theme, double u, double v) {
        int body = Palette.GROUND_BODY[theme];
        int pat = Palette.GROUND_PATTERN[theme];
        switch (theme) {
            case 0: // Dirt: pale rock with zigzag strata
                return frac(v * 3 + 0.3 * tri(u * 3)) < 0.3 ? pat : body;
            case 1: // Grass: brown earth with pebbles
                if (disc(u, v, 0.22, 0.25, 0.09) || disc(u, v, 0.72, 0.16, 0.07) || disc(u, v, 0.55, 0.62, 0.1)
                    || disc(u, v, 0.14, 0.82, 0.07) || disc(u, v, 0.86, 0.78, 0.08)) {
                    return pat;
                }
                return body;
            case 2: // Planet: violet rock with craters
                if (disc(u, v, 0.3, 0.32, 0.17) || disc(u, v, 0.76, 0.72, 0.13) || disc(u, v, 0.82, 0.2, 0.08)) {
                    boolean rim = !(disc(u, v, 0.32, 0.34, 0.14) || disc(u, v, 0.775, 0.735, 0.105)
                        || disc(u, v, 0.83, 0.21, 0.06));
                    return rim ? Palette.shade(body, 1.18) : pat;
                }
                return body;
            case 3: // Sand: wavy strata
                return frac(v * 4 + 0.12 * StrictMath.sin(TAU * 2 * u)) < 0.32 ? pat : body;
            case 4: // Snow: ice with bright diagonal glints
                return frac((u + v) * 2) < 0.14 || disc(u, v, 0.7, 0.3, 0.05) ? pat : body;
            default: // Stone: grey with square pebbles
                if (square(u, v, 0.12, 0.16) || square(u, v, 0.6, 0.08) || square(u, v, 0.38, 0.5)
                    || square(u, v, 0.78, 0.6) || square(u, v, 0.08, 0.74) || square(u, v, 0.62, 0.86)) {
                    return pat;
                }
                return body;
        }
    }

    private static boolean square(double u, double v, double x, double y) {
        return u >= x && u < x + 0.15 && v >= y && v < y + 0.15;
    }

    /** Ground surface cell: a coloured, textured top layer over {@link #wallMid}. */
    static int wallTop(int theme, double u, double v) {
        double edge;
        switch (theme) {
            case 0: // Dirt: smooth waves
            case 3: // Sand
                edge = 0.25 + 0.05 * StrictMath.sin(TAU * 2 * u);
                break;
            case 1: // Grass: blades
                edge = 0.2 + 0.09 * tri(u * 5);
                break;
            case 2: // Planet: round bumps
                edge = 0.22 + 0.06 * Math.abs(StrictMath.sin(TAU * 1.5 * u));
                break;
            case 4: // Snow: drips
                edge = 0.24 + 0.1 * Math.max(0, StrictMath.sin(TAU * 3 * u));
                break;
            default: // Stone: notched slab
                edge = frac(u * 4) < 0.5 ? 0.22 : 0.27;
                break;
        }
        if (v < 0.05) {
            return Palette.shade(Palette.GROUND_TOP[theme], 1.06);
        }
        if (v < edge - 0.06) {
            return Palette.GROUND_TOP[theme];
        }
        if (v < edge) {
            return Palette.GROUND_TOP_EDGE[theme];
        }
        return wallMid(theme, u, v);
    }

    /** Lava below the surface: orange with dark bubbles. */
    static int lavaMid(double u, double v) {
        if (disc(u, v, 0.25, 0.3, 0.11) || disc(u, v, 0.72, 0.64, 0.13) || disc(u, v, 0.3, 0.82, 0.07)
            || disc(u, v, 0.82, 0.14, 0.06)) {
            return Palette.LAVA_DARK;
        }
        return Palette.LAVA;
    }

    /** Lava surface: a bright wavy top row over {@link #lavaMid}, transparent above the surface. */
    static int lavaTop(double u, double v) {
        double surface = 0.22 + 0.05 * StrictMath.sin(TAU * 2 * u);
        if (v < surface) {
            return Palette.CLEAR;
        }
        if (v < surface + 0.2) {
            return Palette.LAVA_SURFACE;
        }
        return lavaMid(u, v);
    }

    /** The coin: a golden disc with a darker rim, a shine and a stamped bar. */
    static int coin(double u, double v) {
        double du = u - 0.5;
        double dv = v - 0.5;
        double d = Math.sqrt(du * du + dv * dv);
        if (d > 0.31) {
            return Palette.CLEAR;
        }
        if (d > 0.25) {
            return Palette.COIN_DARK;
        }
        if (Math.abs(du) < 0.045 && Math.abs(dv) < 0.13) {
            return Palette.COIN_DARK;
        }
        if (disc(u, v, 0.38, 0.37, 0.06)) {
            return Palette.COIN_SHINE;
        }
        return Palette.COIN;
    }
}
