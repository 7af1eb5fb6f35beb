package org.rlvision.env.coinrun;

import static org.rlvision.env.coinrun.SpriteMath.frac;
import static org.rlvision.env.coinrun.SpriteMath.smoothstep;

/**
 * Paints the 49 "platform" backgrounds (indices 0..48): index 0 (easy mode) is a dark teal
 * night sky with faint diagonal streaks; 1..48 combine one of 4 landscape styles (rolling hills,
 * snowy mountains, dunes under a sun, giant trees) with one of 12 sky palettes, every
 * combination used once, with shapes drawn from a per-index random stream.
 */
final class BackgroundLandscape {
    /** Sky top, sky horizon, land tint per palette. */
    private static final int[][] PALETTES = {
        {0x3E8FD8, 0xBDE5F6, 0x3E9A45}, {0x8FC7EA, 0xF1F7F2, 0x6BAF6A}, {0x4A3C7E, 0xF6A15A, 0x5A3D5C},
        {0x223366, 0xC06A8E, 0x2B2546}, {0x5FC8B0, 0xE5F8EE, 0x2E8A6E}, {0xE29A36, 0xFBE2A0, 0xA65F2A},
        {0x86CF45, 0xA9E06C, 0x3C8A2A}, {0x9A86D6, 0xF2DAF0, 0x6E5AA8}, {0x2F86C8, 0x6FC0EC, 0x0C4A1E},
        {0xE58FA8, 0xFCE1D6, 0xA2557A}, {0xF0C27A, 0xFFF0CF, 0xC98A4B}, {0x56677A, 0xB9C3CC, 0x3D4B58},
    };
    private static final int HILLS = 0;
    private static final int MOUNTAINS = 1;
    private static final int DUNES = 2;
    private static final int TREES = 3;

    private BackgroundLandscape() {
    }

    /** Paints background {@code index} (0..48) into {@code out}, {@code [side, side]} ARGB, world top first. */
    static void paint(int index, int side, int[] out) {
        if (index == 0) {
            paintNight(side, out);
            return;
        }
        BackgroundNoise rng = new BackgroundNoise(0x5EEDL * 7919 + index * 0x9E3779B9L);
        int style = (index - 1) % 4;
        int[] pal = PALETTES[((index - 1) / 4) % PALETTES.length];
        int skyTop = Palette.rgb(pal[0]);
        int horizon = Palette.rgb(pal[1]);
        int land = Palette.rgb(pal[2]);

        int layers = style == DUNES ? 2 : 3;
        double[][] tops = new double[layers][side];
        int[] layerColour = new int[layers];
        double[] base = new double[layers];
        double[] amp = new double[layers];
        for (int l = 0; l < layers; l++) {
            base[l] = 0.56 + 0.11 * l + rng.range(-0.03, 0.03);
            amp[l] = style == MOUNTAINS ? rng.range(0.08, 0.14) : rng.range(0.025, 0.06);
            int f1 = 1 + rng.below(3);
            int f2 = 2 + rng.below(4);
            double p1 = rng.next();
            double p2 = rng.next();
            double haze = layers == 3 ? new double[] {0.6, 0.32, 0.0}[l] : new double[] {0.45, 0.0}[l];
            layerColour[l] = Palette.mix(style == DUNES ? Palette.mix(land, horizon, 0.25) : land, horizon, haze);
            for (int x = 0; x < side; x++) {
                double u = (x + 0.5) / side;
                double h;
                if (style == MOUNTAINS) {
                    h = -amp[l] * (2 * SpriteMath.tri(f1 * u + p1) - 1) - 0.3 * amp[l] * StrictMath.sin(2 * Math.PI * (f2 * u + p2));
                } else {
                    h = amp[l] * (StrictMath.sin(2 * Math.PI * (f1 * u + p1)) + 0.45 * StrictMath.sin(2 * Math.PI * (f2 * u + p2)));
                }
                tops[l][x] = base[l] + h;
            }
        }

        int clouds = style == DUNES ? 0 : 3 + rng.below(4);
        double[] cloud = new double[clouds * 4];
        for (int c = 0; c < clouds; c++) {
            cloud[4 * c] = rng.next();
            cloud[4 * c + 1] = rng.range(0.2, 0.5);
            cloud[4 * c + 2] = rng.range(0.05, 0.1);
            cloud[4 * c + 3] = rng.range(0.015, 0.03);
        }
        int cloudColour = Palette.mix(Palette.rgb(0xFFFFFF), horizon, 0.15);

        double sunX = rng.next();
        double sunY = rng.range(0.3, 0.48);
        double sunR = rng.range(0.035, 0.06);
        boolean sun = style == DUNES || rng.below(3) == 0;
        int sunColour = Palette.mix(Palette.rgb(0xFFF6C8), horizon, 0.2);

        int trees = style == TREES ? 4 + rng.below(4) : 0;
        double[] tree = new double[trees * 2];
        for (int t = 0; t < trees; t++) {
            tree[2 * t] = rng.next();
            tree[2 * t + 1] = rng.range(0.05, 0.12);
        }
        int canopy = Palette.shade(land, 0.78);
        int trunk = Palette.mix(Palette.rgb(0x5A3A22), land, 0.3);

        for (int y = 0; y < side; y++) {
            double v = (y + 0.5) / side;
            int sky = Palette.mix(skyTop, horizon, smoothstep(0.1, 0.75, v));
            for (int x = 0; x < side; x++) {
                double u = (x + 0.5) / side;
                int c = sky;
                if (sun) {
                    double d = dist(u, v, sunX, sunY);
                    if (d < sunR) {
                        c = sunColour;
                    } else if (d < sunR * 1.7) {
                        c = Palette.mix(sky, sunColour, 0.3);
                    }
                }
                for (int k = 0; k < clouds; k++) {
                    if (inCloud(u, v, cloud, k)) {
                        c = cloudColour;
                        break;
                    }
                }
                for (int l = 0; l < layers; l++) {
                    double depth = v - tops[l][x];
                    if (depth >= 0) {
                        c = Palette.mix(layerColour[l], Palette.shade(layerColour[l], 0.82), smoothstep(0, 0.3, depth));
                        if (style == MOUNTAINS && depth < 0.02 && tops[l][x] < base[l] - 0.55 * amp[l]) {
                            c = Palette.mix(Palette.rgb(0xFFFFFF), layerColour[l], 0.2);
                        }
                    }
                }
                for (int t = 0; t < trees; t++) {
                    int col = treeColour(u, v, tree[2 * t], tree[2 * t + 1], tops[layers - 1], side, canopy, trunk);
                    if (col != 0) {
                        c = col;
                    }
                }
                out[y * side + x] = c;
            }
        }
    }

    private static boolean inCloud(double u, double v, double[] cloud, int k) {
        double cx = cloud[4 * k];
        double cy = cloud[4 * k + 1];
        double w = cloud[4 * k + 2];
        double h = cloud[4 * k + 3];
        double dx = wrap(u - cx);
        double dy = v - cy;
        if (dy > 0.4 * h) {
            return false; // flat bottom
        }
        return ell(dx, dy, w, h) || ell(dx + 0.45 * w, dy + 0.2 * h, 0.55 * w, 1.2 * h)
            || ell(dx - 0.3 * w, dy + 0.6 * h, 0.45 * w, 1.4 * h);
    }

    private static int treeColour(double u, double v, double tx, double r, double[] ground, int side, int canopy, int trunk) {
        int col = Math.min(side - 1, Math.max(0, (int) (tx * side)));
        double groundY = ground[col];
        double cy = groundY - 1.5 * r;
        double dx = wrap(u - tx);
        if (Math.abs(dx) < 0.12 * r + 0.004 && v > cy && v < groundY + 0.02) {
            return trunk;
        }
        double d = Math.sqrt(dx * dx + (v - cy) * (v - cy));
        if (d < r) {
            double hx = dx + 0.35 * r;
            double hy = v - cy + 0.35 * r;
            return hx * hx + hy * hy < 0.25 * r * r ? Palette.shade(canopy, 1.15) : canopy;
        }
        return 0;
    }

    private static boolean ell(double dx, double dy, double rx, double ry) {
        double a = dx / rx;
        double b = dy / ry;
        return a * a + b * b <= 1;
    }

    private static double dist(double u, double v, double x, double y) {
        double dx = wrap(u - x);
        double dy = v - y;
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Horizontal difference wrapped to [-0.5, 0.5) (backgrounds repeat with period 1). */
    static double wrap(double dx) {
        return dx - Math.floor(dx + 0.5);
    }

    private static void paintNight(int side, int[] out) {
        int top = Palette.rgb(0x021824);
        int bottom = Palette.rgb(0x072838);
        int streak = Palette.rgb(0x1C5A66);
        for (int y = 0; y < side; y++) {
            double v = (y + 0.5) / side;
            int base = Palette.mix(top, bottom, v);
            for (int x = 0; x < side; x++) {
                double u = (x + 0.5) / side;
                double s = frac(3 * u + 1.7 * v);
                double band = StrictMath.exp(-sq((s - 0.5) / 0.07)) * (0.5 + 0.5 * StrictMath.sin(2 * Math.PI * (2 * u - 3 * v)));
                double s2 = frac(5 * u + 2.9 * v + 0.3);
                band += 0.6 * StrictMath.exp(-sq((s2 - 0.5) / 0.03)) * (0.5 + 0.5 * StrictMath.sin(2 * Math.PI * (4 * u + 2 * v)));
                out[y * side + x] = Palette.mix(base, streak, Math.min(1, 0.45 * band));
            }
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
