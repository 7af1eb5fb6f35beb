package org.rlvision.env.coinrun;

import static org.rlvision.env.coinrun.SpriteMath.smoothstep;

/**
 * Paints the 13 "space" backgrounds (indices 49..61): a dark gradient with two coloured nebula
 * clouds, a starfield and sometimes a planet, from a per-index random stream.
 */
final class BackgroundSpace {
    /** Gradient top, gradient bottom, nebula A, nebula B per palette. */
    private static final int[][] PALETTES = {
        {0x04040E, 0x0D1230, 0x6B2C91, 0x1F7A8C}, {0x020812, 0x0A2236, 0x2C6FA8, 0x8C2C6A},
        {0x0B0410, 0x22102A, 0xA83A5C, 0x3A2C91}, {0x03090A, 0x0C2420, 0x2E8C6A, 0x6A8C2E},
    };

    private BackgroundSpace() {
    }

    /** Paints background {@code index} (49..61) into {@code out}, {@code [side, side]} ARGB, world top first. */
    static void paint(int index, int side, int[] out) {
        BackgroundNoise rng = new BackgroundNoise(0xC05A1CL * 31 + index * 0x9E3779B9L);
        int[] pal = PALETTES[(index - BackgroundPainter.NUM_PLATFORM) % PALETTES.length];
        int top = Palette.rgb(pal[0]);
        int bottom = Palette.rgb(pal[1]);
        int nebA = Palette.rgb(pal[2]);
        int nebB = Palette.rgb(pal[3]);
        long seedA = rng.nextLong();
        long seedB = rng.nextLong();
        int cellsA = 2 + rng.below(3);
        int cellsB = 2 + rng.below(3);
        for (int y = 0; y < side; y++) {
            double v = (y + 0.5) / side;
            int base = Palette.mix(top, bottom, v);
            for (int x = 0; x < side; x++) {
                double u = (x + 0.5) / side;
                double a = BackgroundNoise.fbm(seedA, u, v, cellsA, 4);
                double b = BackgroundNoise.fbm(seedB, u, v, cellsB, 4);
                int c = Palette.mix(base, nebA, 0.8 * smoothstep(0.5, 0.78, a));
                out[y * side + x] = Palette.mix(c, nebB, 0.6 * smoothstep(0.55, 0.8, b));
            }
        }
        if (rng.below(2) == 0) {
            paintPlanet(rng, side, out);
        }
        int stars = 450;
        double cell = side / 64.0;
        for (int s = 0; s < stars; s++) {
            double sx = rng.next() * side;
            double sy = rng.next() * side;
            double r = Math.max(0.5, cell * rng.range(0.03, 0.09));
            int colour = Palette.mix(Palette.rgb(0xFFFFFF), rng.below(2) == 0 ? nebA : Palette.rgb(0xFFE9A8), rng.range(0, 0.35));
            colour = Palette.shade(colour, rng.range(0.55, 1.0));
            disc(out, side, sx, sy, r, colour);
        }
    }

    private static void paintPlanet(BackgroundNoise rng, int side, int[] out) {
        double px = rng.next() * side;
        double py = rng.range(0.45, 0.85) * side;
        double pr = rng.range(0.04, 0.1) * side;
        int colour = Palette.rgb(new int[] {0xC77B4A, 0x7BA7C7, 0xB8A07A, 0x9A6FC0}[rng.below(4)]);
        int x0 = (int) Math.floor(px - pr);
        int x1 = (int) Math.ceil(px + pr);
        int y0 = Math.max(0, (int) Math.floor(py - pr));
        int y1 = Math.min(side - 1, (int) Math.ceil(py + pr));
        for (int y = y0; y <= y1; y++) {
            for (int xi = x0; xi <= x1; xi++) {
                double dx = (xi + 0.5 - px) / pr;
                double dy = (y + 0.5 - py) / pr;
                double d2 = dx * dx + dy * dy;
                if (d2 <= 1) {
                    double light = 0.45 + 0.55 * Math.max(0, Math.min(1, 0.6 - 0.6 * (dx + dy)));
                    out[y * side + Math.floorMod(xi, side)] = Palette.shade(colour, light);
                }
            }
        }
    }

    private static void disc(int[] out, int side, double cx, double cy, double r, int colour) {
        int x0 = (int) Math.floor(cx - r);
        int x1 = (int) Math.ceil(cx + r);
        int y0 = Math.max(0, (int) Math.floor(cy - r));
        int y1 = Math.min(side - 1, (int) Math.ceil(cy + r));
        boolean tiny = r <= 0.5;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                if (tiny ? (x == (int) Math.floor(cx) && y == (int) Math.floor(cy)) : dx * dx + dy * dy <= r * r) {
                    out[y * side + Math.floorMod(x, side)] = colour;
                }
            }
        }
    }
}
