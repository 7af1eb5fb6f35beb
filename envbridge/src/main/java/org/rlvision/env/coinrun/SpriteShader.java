package org.rlvision.env.coinrun;

/**
 * Procedural art: the colour of a sprite at a point of its rectangle. Implementations are pure
 * functions, evaluated once per texel when textures are built, never per frame.
 */
@FunctionalInterface
interface SpriteShader {
    /**
     * The colour at {@code (u, v)}.
     *
     * @param u horizontal position in [0, 1), 0 at the left edge
     * @param v vertical position in [0, 1), 0 at the top edge
     * @return {@code 0xAARRGGBB}; alpha is either 0 (transparent) or 255 (opaque)
     */
    int argb(double u, double v);
}
