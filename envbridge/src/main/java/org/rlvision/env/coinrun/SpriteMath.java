package org.rlvision.env.coinrun;

/** Shape tests and periodic functions shared by the procedural sprite and background art. */
final class SpriteMath {
    private SpriteMath() {
    }

    /** Fractional part, in [0, 1) also for negative {@code x}. */
    static double frac(double x) {
        return x - Math.floor(x);
    }

    /** Triangle wave with period 1: 0 at integers, 1 at half-integers. */
    static double tri(double x) {
        return 1 - Math.abs(2 * frac(x) - 1);
    }

    /** True if {@code (u, v)} lies in the disc of radius {@code r} centred at {@code (x, y)}. */
    static boolean disc(double u, double v, double x, double y, double r) {
        double du = u - x;
        double dv = v - y;
        return du * du + dv * dv <= r * r;
    }

    /** True if {@code (u, v)} lies in the axis-aligned ellipse centred at {@code (x, y)} with radii {@code rx, ry}. */
    static boolean ellipse(double u, double v, double x, double y, double rx, double ry) {
        double du = (u - x) / rx;
        double dv = (v - y) / ry;
        return du * du + dv * dv <= 1;
    }

    /** True if {@code (u, v)} lies in the rectangle {@code [x0, x1] × [y0, y1]} with corners rounded by {@code r}. */
    static boolean roundRect(double u, double v, double x0, double y0, double x1, double y1, double r) {
        if (u < x0 || u > x1 || v < y0 || v > y1) {
            return false;
        }
        double cx = Math.min(Math.max(u, x0 + r), x1 - r);
        double cy = Math.min(Math.max(v, y0 + r), y1 - r);
        return disc(u, v, cx, cy, r);
    }

    /** True if {@code (u, v)} is within {@code halfWidth} of the segment from {@code (x0, y0)} to {@code (x1, y1)}. */
    static boolean segment(double u, double v, double x0, double y0, double x1, double y1, double halfWidth) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double t = ((u - x0) * dx + (v - y0) * dy) / (dx * dx + dy * dy);
        t = Math.max(0, Math.min(1, t));
        return disc(u, v, x0 + t * dx, y0 + t * dy, halfWidth);
    }

    /** Smooth Hermite step from 0 at {@code e0} to 1 at {@code e1}. */
    static double smoothstep(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }
}
