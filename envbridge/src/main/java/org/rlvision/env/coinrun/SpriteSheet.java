package org.rlvision.env.coinrun;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sprite of CoinRun prepared for one screen scale ({@code unit} pixels per cell): cell
 * tiles pre-scaled to each span length a cell can take on screen, and entity textures at a
 * resolution of at least 32 texels per cell. Built once per scale and shared (immutable).
 */
final class SpriteSheet {
    /** Cell kinds: ground middle by theme. */
    static final int WALL_MID = 0;
    /** Cell kinds: ground surface by theme. */
    static final int WALL_TOP = WALL_MID + CoinRunGame.NUM_GROUND_THEMES;
    /** Cell kind: lava below the surface. */
    static final int LAVA_MID = WALL_TOP + CoinRunGame.NUM_GROUND_THEMES;
    /** Cell kind: lava surface. */
    static final int LAVA_TOP = LAVA_MID + 1;
    /** Cell kind: the coin. */
    static final int COIN = LAVA_TOP + 1;
    private static final int NUM_KINDS = COIN + 1;
    /** Agent poses: standing, walking 1 (also airborne), walking 2. */
    static final int AGENT_POSES = 3;

    private static final ConcurrentHashMap<Long, SpriteSheet> CACHE = new ConcurrentHashMap<>();

    final double unit;
    private final int spanMin;
    private final int spanCount;
    private final SpriteTile[] tiles;
    private final SpriteTexture[] saws = new SpriteTexture[2];
    private final SpriteTexture[] enemies = new SpriteTexture[CoinRunGame.NUM_ENEMY_THEMES * 2];
    private final SpriteTexture[] crates = new SpriteTexture[CoinRunGame.NUM_CRATE_THEMES];
    private final SpriteTexture[] agents = new SpriteTexture[CoinRunGame.NUM_AGENT_THEMES * AGENT_POSES];
    final SpriteTexture trail;

    private SpriteSheet(double unit, double renderEps) {
        this.unit = unit;
        double span = unit * (1 + 2 * renderEps);
        spanMin = Math.max(1, (int) Math.floor(span) - 1);
        spanCount = 4;
        tiles = new SpriteTile[NUM_KINDS * spanCount * spanCount];
        for (int kind = 0; kind < NUM_KINDS; kind++) {
            SpriteShader shader = cellShader(kind);
            for (int lx = 0; lx < spanCount; lx++) {
                for (int ly = 0; ly < spanCount; ly++) {
                    tiles[(kind * spanCount + lx) * spanCount + ly] = SpriteTile.render(spanMin + lx, spanMin + ly, shader);
                }
            }
        }
        int res = Math.max(32, (int) Math.ceil(unit));
        for (int f = 0; f < 2; f++) {
            final int frame = f;
            saws[f] = SpriteTexture.render(res, res, (u, v) -> SpriteCreatures.saw(frame, u, v));
        }
        for (int k = 0; k < CoinRunGame.NUM_ENEMY_THEMES; k++) {
            for (int f = 0; f < 2; f++) {
                final int kind = k;
                final int frame = f;
                enemies[k * 2 + f] = SpriteTexture.render(res, res, (u, v) -> SpriteCreatures.enemy(kind, frame, u, v));
            }
        }
        for (int k = 0; k < CoinRunGame.NUM_CRATE_THEMES; k++) {
            final int kind = k;
            crates[k] = SpriteTexture.render(res, res, (u, v) -> SpriteCreatures.crate(kind, u, v));
        }
        int agentH = (int) Math.ceil(res * SpriteCreatures.AGENT_SPRITE_H);
        for (int c = 0; c < CoinRunGame.NUM_AGENT_THEMES; c++) {
            for (int p = 0; p < AGENT_POSES; p++) {
                final int colour = c;
                final int pose = p;
                agents[c * AGENT_POSES + p] = SpriteTexture.render(res, agentH, (u, v) -> SpriteCreatures.agent(colour, pose, u, v));
            }
        }
        trail = SpriteTexture.render(res, res, SpriteCreatures::trail);
    }

    /**
     * The shared sheet for {@code unit} pixels per cell, built on first use.
     *
     * @param renderEps how far cells are enlarged on each side, in cells (Procgen's RENDER_EPS)
     */
    static SpriteSheet forUnit(double unit, double renderEps) {
        return CACHE.computeIfAbsent(Double.doubleToLongBits(unit), k -> new SpriteSheet(unit, renderEps));
    }

    private static SpriteShader cellShader(int kind) {
        if (kind < WALL_TOP) {
            return (u, v) -> SpriteTiles.wallMid(kind - WALL_MID, u, v);
        }
        if (kind < LAVA_MID) {
            return (u, v) -> SpriteTiles.wallTop(kind - WALL_TOP, u, v);
        }
        if (kind == LAVA_MID) {
            return SpriteTiles::lavaMid;
        }
        if (kind == LAVA_TOP) {
            return SpriteTiles::lavaTop;
        }
        return SpriteTiles::coin;
    }

    /**
     * The tile of cell kind {@code kind} pre-scaled to a {@code width × height} pixel span
     * (clamped to the prepared range, which covers every span at this scale).
     */
    SpriteTile tile(int kind, int width, int height) {
        int lx = Math.min(Math.max(width - spanMin, 0), spanCount - 1);
        int ly = Math.min(Math.max(height - spanMin, 0), spanCount - 1);
        return tiles[(kind * spanCount + lx) * spanCount + ly];
    }

    /** Saw texture for animation frame 0 or 1. */
    SpriteTexture saw(int frame) {
        return saws[frame & 1];
    }

    /** Enemy texture for kind 0..8 and animation frame 0 or 1. */
    SpriteTexture enemy(int kind, int frame) {
        return enemies[Math.floorMod(kind, CoinRunGame.NUM_ENEMY_THEMES) * 2 + (frame & 1)];
    }

    /** Crate texture for kind 0..3. */
    SpriteTexture crate(int kind) {
        return crates[Math.floorMod(kind, CoinRunGame.NUM_CRATE_THEMES)];
    }

    /** Agent texture for colour 0..4 and pose 0..2. */
    SpriteTexture agent(int colour, int pose) {
        return agents[Math.floorMod(colour, CoinRunGame.NUM_AGENT_THEMES) * AGENT_POSES + pose];
    }
}
