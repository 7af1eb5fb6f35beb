package org.rlvision.env.coinrun;

/**
 * Semantic classes of a rendered CoinRun pixel, written by {@link CoinRunRenderer} as a
 * per-pixel label map ({@code [size, size]} of label ids) aligned with the RGB frame.
 */
public enum SemanticLabel {
    /** The world's background picture (or black where the background is hidden). */
    BACKGROUND(0x000000),
    /** Ground cells (top and middle) and the wall outside the world. */
    WALL(0x8C8C8C),
    /** Lava cells. */
    LAVA(0xFF4A00),
    /** The coin (Procgen's goal cell). */
    COIN(0xFFD700),
    /** Saw entities. */
    SAW(0x00C8FF),
    /** Walking enemies. */
    ENEMY(0xE600E6),
    /** Crates. */
    CRATE(0x8B4513),
    /** The agent. */
    AGENT(0x00DC00),
    /** The two {@code paint_vel_info} squares in the top-left corner. */
    VELOCITY_INFO(0xFFFFFF);

    private static final SemanticLabel[] VALUES = values();

    private final int displayRgb;

    SemanticLabel(int displayRgb) {
        this.displayRgb = displayRgb;
    }

    /** The label id written into label maps: this constant's ordinal, as a byte. */
    public byte id() {
        return (byte) ordinal();
    }

    /** A distinct colour for visualising label maps, as {@code 0xRRGGBB}. */
    public int displayRgb() {
        return displayRgb;
    }

    /**
     * The label with id {@code id}, the inverse of {@link #id()}.
     *
     * @param id a label id as stored in a label map
     * @throws IllegalArgumentException if no label has that id
     */
    public static SemanticLabel fromId(byte id) {
        int i = id & 0xFF;
        if (i >= VALUES.length) {
            throw new IllegalArgumentException("label id " + i + " is out of range; valid ids are 0.." + (VALUES.length - 1));
        }
        return VALUES[i];
    }
}
