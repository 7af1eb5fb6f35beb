package org.rlvision.env.coinrun;

/**
 * Procgen's integer ids for CoinRun's grid cells and entities ({@code coinrun.cpp},
 * {@code object-ids.h}), kept identical so layouts can be compared number for number.
 */
public final class ObjectType {
    /** The agent entity. */
    public static final int PLAYER = 0;
    /** The coin cell (Procgen's GOAL). */
    public static final int GOAL = 1;
    /** A saw entity. */
    public static final int SAW = 2;
    /** A walking enemy entity. */
    public static final int ENEMY = 5;
    /** Solid ground below the surface. */
    public static final int WALL_MID = 15;
    /** Solid ground, top surface row. */
    public static final int WALL_TOP = 16;
    /** Lava below the surface. */
    public static final int LAVA_MID = 17;
    /** Lava surface. */
    public static final int LAVA_TOP = 18;
    /** Invisible cell that turns enemies around. */
    public static final int ENEMY_BARRIER = 19;
    /** A crate entity: solid from above only. */
    public static final int CRATE = 20;
    /** Procgen's generic wall id (not used by CoinRun's grid, but blocks everything). */
    public static final int WALL_OBJ = 51;
    /** The fading trail an enemy leaves (cosmetic). */
    public static final int TRAIL = 59;
    /** An empty cell. */
    public static final int SPACE = 100;

    private ObjectType() {
    }

    /** True for wall cells (mid or top). */
    public static boolean isWall(int type) {
        return type == WALL_MID || type == WALL_TOP;
    }

    /** True for lava cells (mid or top). */
    public static boolean isLava(int type) {
        return type == LAVA_MID || type == LAVA_TOP;
    }
}
