package org.rlvision.env.coinrun;

/**
 * A grid-cell sprite pre-scaled to one on-screen span: {@code [height, width, 3]} RGB bytes plus,
 * for tiles with transparent parts, a {@code [height, width]} mask (1 = opaque). Opaque tiles
 * are copied row by row with {@link System#arraycopy}.
 */
final class SpriteTile {
    final int width;
    final int height;
    final byte[] rgb;
    /** Per-pixel opacity (1 opaque, 0 transparent), or null when every pixel is opaque. */
    final byte[] mask;

    private SpriteTile(int width, int height, byte[] rgb, byte[] mask) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.mask = mask;
    }

    /**
     * Renders {@code shader} at the centres of a {@code width × height} pixel grid.
     *
     * @param width  pixels across (at least 1)
     * @param height pixels down (at least 1)
     */
    static SpriteTile render(int width, int height, SpriteShader shader) {
        byte[] rgb = new byte[width * height * 3];
        byte[] mask = new byte[width * height];
        boolean opaque = true;
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                int c = shader.argb((x + 0.5) / width, v);
                int i = y * width + x;
                if ((c >>> 24) == 0) {
                    opaque = false;
                    continue;
                }
                mask[i] = 1;
                rgb[3 * i] = (byte) (c >> 16);
                rgb[3 * i + 1] = (byte) (c >> 8);
                rgb[3 * i + 2] = (byte) c;
            }
        }
        return new SpriteTile(width, height, rgb, opaque ? null : mask);
    }
}
