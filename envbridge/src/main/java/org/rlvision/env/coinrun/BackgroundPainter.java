package org.rlvision.env.coinrun;

/**
 * Renders one of CoinRun's 62 procedural backgrounds as a square picture of the whole world:
 * indices 0..48 are landscapes ({@link BackgroundLandscape}), 49..61 space
 * ({@link BackgroundSpace}). The picture repeats horizontally with period equal to its width.
 */
final class BackgroundPainter {
    /** Number of landscape ("platform") backgrounds; indices from here on are space backgrounds. */
    static final int NUM_PLATFORM = 49;

    private BackgroundPainter() {
    }

    /**
     * Paints background {@code index} at {@code side × side} pixels.
     *
     * @param index background index, 0..61
     * @param side  pixels across and down (the world's 64 cells at the current scale)
     * @return {@code [side, side, 3]} RGB bytes, world top row first
     */
    static byte[] paint(int index, int side) {
        if (index < 0 || index >= CoinRunGame.NUM_BACKGROUNDS) {
            throw new IllegalArgumentException("background index " + index + " is out of range; valid indices are 0.."
                + (CoinRunGame.NUM_BACKGROUNDS - 1));
        }
        int[] argb = new int[side * side];
        if (index < NUM_PLATFORM) {
            BackgroundLandscape.paint(index, side, argb);
        } else {
            BackgroundSpace.paint(index, side, argb);
        }
        byte[] rgb = new byte[side * side * 3];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            rgb[3 * i] = (byte) (c >> 16);
            rgb[3 * i + 1] = (byte) (c >> 8);
            rgb[3 * i + 2] = (byte) c;
        }
        return rgb;
    }
}
