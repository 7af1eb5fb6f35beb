package org.rlvision.env.coinrun;

/**
 * An entity sprite rendered at a fixed resolution, {@code [height, width]} ARGB ints, row-major
 * from the top row, sampled by nearest neighbour when drawn into a screen rectangle of any size.
 */
final class SpriteTexture {
    final int width;
    final int height;
    final int[] argb;

    private SpriteTexture(int width, int height, int[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    /**
     * Renders {@code shader} at the centres of a {@code width × height} texel grid.
     *
     * @param width  texels across, at least 1
     * @param height texels down, at least 1
     */
    static SpriteTexture render(int width, int height, SpriteShader shader) {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                px[y * width + x] = shader.argb((x + 0.5) / width, v);
            }
        }
        return new SpriteTexture(width, height, px);
    }
}
