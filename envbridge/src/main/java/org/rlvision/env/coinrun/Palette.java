package org.rlvision.env.coinrun;

/**
 * The colours of CoinRun's procedural art (our own choices, not Procgen's assets) and small
 * ARGB helpers. Colours are {@code 0xAARRGGBB} ints; art is binary-alpha, so a colour is either
 * opaque or {@link #CLEAR}.
 */
final class Palette {
    /** Fully transparent. */
    static final int CLEAR = 0;

    /** Agent suit colours by theme: Beige, Blue, Green, Pink, Yellow. */
    static final int[] AGENT = {rgb(0xE8CFA0), rgb(0x86B4EE), rgb(0x7FD891), rgb(0xF5A0C4), rgb(0xF6D855)};
    /** Helmet glass rim. */
    static final int HELMET = rgb(0xF4F8FB);
    /** Eyes and dark details. */
    static final int INK = rgb(0x23262E);

    /** Ground body colour by theme: Dirt, Grass, Planet, Sand, Snow, Stone. */
    static final int[] GROUND_BODY = {rgb(0xC9D1D6), rgb(0x8E5B33), rgb(0x7C6C9E), rgb(0xD59A5C), rgb(0xB5DCF0), rgb(0xA6B2B6)};
    /** Ground body pattern colour by theme. */
    static final int[] GROUND_PATTERN = {rgb(0xAFBAC1), rgb(0x6E4323), rgb(0x65567F), rgb(0xB97D44), rgb(0xE6F5FC), rgb(0x8A979C)};
    /** Ground surface (top row) colour by theme. */
    static final int[] GROUND_TOP = {rgb(0xD88A4E), rgb(0x62BF3F), rgb(0xD8A4E6), rgb(0xF3E6C4), rgb(0xFBFDFF), rgb(0x77848A)};
    /** Ground surface edge (the wavy underside of the top row) by theme. */
    static final int[] GROUND_TOP_EDGE = {rgb(0xB26A35), rgb(0x3F8E27), rgb(0xB47CC6), rgb(0xD8C79B), rgb(0xD3E6F2), rgb(0x5C676C)};

    /** Lava body. */
    static final int LAVA = rgb(0xF0602A);
    /** Lava bubbles. */
    static final int LAVA_DARK = rgb(0xC93A1C);
    /** Lava surface (brighter top row). */
    static final int LAVA_SURFACE = rgb(0xFFB22E);

    /** Coin body. */
    static final int COIN = rgb(0xFFCF2E);
    /** Coin rim and mark. */
    static final int COIN_DARK = rgb(0xD79A12);
    /** Coin shine. */
    static final int COIN_SHINE = rgb(0xFFF1A6);

    /** Saw teeth. */
    static final int SAW = rgb(0x9AA6B2);
    /** Saw face. */
    static final int SAW_FACE = rgb(0xCDD5DC);
    /** Saw hub. */
    static final int SAW_HUB = rgb(0x46505A);

    /** Enemy body colours by kind (slime block, purple, blue, green slime, mouse, snail, ladybug, green worm, pink worm). */
    static final int[] ENEMY = {
        rgb(0x2FB8A6), rgb(0xA056D8), rgb(0x3E74E6), rgb(0x58C83A), rgb(0x9C8472),
        rgb(0xF2CF6B), rgb(0xE0302F), rgb(0x9BDB3C), rgb(0xF07FB0)
    };
    /** Enemy secondary colours by kind (shell, spots, ears, belly). */
    static final int[] ENEMY_ACCENT = {
        rgb(0x1D8275), rgb(0x7434A8), rgb(0x2550B0), rgb(0x3A9222), rgb(0xF2A3B5),
        rgb(0xD9701F), rgb(0x1E1E24), rgb(0x6EA824), rgb(0xC9568A)
    };

    /** Crate wood by kind. */
    static final int[] CRATE = {rgb(0xB5793B), rgb(0xC58C4C), rgb(0xA86C33), rgb(0xB5793B)};
    /** Crate frame and planks by kind. */
    static final int[] CRATE_FRAME = {rgb(0x764716), rgb(0x85551F), rgb(0x6A3F12), rgb(0x764716)};
    /** Hazard stripes of the warning crate. */
    static final int CRATE_STRIPE = rgb(0xF2B52C);

    /** Enemy trails. */
    static final int TRAIL = rgb(0xFFFFFF);

    private Palette() {
    }

    /** Opaque ARGB from {@code 0xRRGGBB}. */
    static int rgb(int rrggbb) {
        return 0xFF000000 | rrggbb;
    }

    /** Opaque ARGB from components in 0..255 (clamped). */
    static int rgb(int r, int g, int b) {
        return 0xFF000000 | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    /** Linear mix of two opaque colours, {@code t = 0} gives {@code a}. */
    static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return rgb(r, g, bl);
    }

    /** Scales the brightness of an opaque colour by {@code f} (above 1 brightens). */
    static int shade(int c, double f) {
        return rgb((int) Math.round(((c >> 16) & 0xFF) * f), (int) Math.round(((c >> 8) & 0xFF) * f),
            (int) Math.round((c & 0xFF) * f));
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
