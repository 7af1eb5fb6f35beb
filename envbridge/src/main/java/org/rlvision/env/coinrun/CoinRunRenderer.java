package org.rlvision.env.coinrun;

import java.util.Set;

import static org.rlvision.env.coinrun.SpriteBlitter.firstCovered;

/**
 * Draws a {@link CoinRunGame} frame the way Procgen's CoinRun does (same camera, geometry and
 * draw order, see {@code basic-abstract-game.cpp}), with our own procedural art, into
 * {@code [size, size, 3]} uint8 RGB and optionally a {@code [size, size]} uint8 map of
 * {@link SemanticLabel} ids aligned pixel for pixel.
 *
 * <p>Geometry: with {@code centerAgent} the view is 13 cells wide and centred on the agent
 * ({@code unit = size / 13} pixels per cell, world point {@code (wx, wy)} at
 * {@code (unit·(wx − cx + 6.5), unit·(6.5 − wy + cy))}); otherwise the whole 64×64 world is shown
 * ({@code unit = size / 64}). No antialiasing: a pixel is covered when its centre lies inside a
 * shape. Draw order: background, grid cells (enlarged by 0.02 cells per side), entities with
 * render z 0 (saws, crates), enemy trails, render z 1 (agent, then enemies), velocity squares.
 *
 * <p>Labels: a pixel's label is the class of the topmost opaque thing drawn there. Enemy trails
 * (white puffs, opacity at most 0.5) are cosmetic and never change labels. Hidden classes are
 * neither drawn nor labelled; hiding {@link SemanticLabel#ENEMY} also hides the trails (they
 * would give the enemies away), hiding {@link SemanticLabel#BACKGROUND} leaves it black (still
 * labelled background).
 *
 * <p>A render allocates nothing once the sprites and background for the current scale are
 * cached (shared by all renderers). An instance holds scratch state: use one per thread.
 */
public final class CoinRunRenderer {
    /** Side of an observation in pixels. */
    public static final int OBSERVATION_SIZE = 64;
    /** Procgen's RENDER_EPS: grid cells are drawn enlarged by this many cells on each side. */
    static final double RENDER_EPS = 0.02;
    /** Procgen's agent sprite extension above its box, as a fraction of the box height. */
    static final double AGENT_EXTEND_UP = 0.7415;
    private static final int VISIBILITY = 13;
    private static final int MAX_SPANS = CoinRunGame.WIDTH + 8;

    private final boolean paintVelInfo;
    private final boolean centerAgent;
    private final boolean[] hidden = new boolean[SemanticLabel.values().length];
    private final SpriteBlitter blit = new SpriteBlitter();
    private final int[] colStart = new int[MAX_SPANS];
    private final int[] colEnd = new int[MAX_SPANS];
    private final int[] rowStart = new int[MAX_SPANS];
    private final int[] rowEnd = new int[MAX_SPANS];

    private SpriteSheet sheet;
    private int sheetSize = -1;
    // this renderer's view of the shared cache, by background index, for backgroundSide pixels
    private final byte[][] backgrounds = new byte[CoinRunGame.NUM_BACKGROUNDS][];
    private int backgroundSide = -1;

    // per-frame camera: screen x = unit·wx + ox, screen y = oy − unit·wy (pixels)
    private double unit;
    private double ox;
    private double oy;

    /**
     * A renderer drawing everything.
     *
     * @param paintVelInfo draw Procgen's two velocity squares in the top-left corner
     * @param centerAgent  follow the agent with a 13-cell view (Procgen's default) instead of showing the whole world
     */
    public CoinRunRenderer(boolean paintVelInfo, boolean centerAgent) {
        this(paintVelInfo, centerAgent, Set.of());
    }

    /**
     * A renderer that leaves some classes undrawn (for experiments such as invisible saws).
     *
     * @param paintVelInfo draw Procgen's two velocity squares in the top-left corner
     * @param centerAgent  follow the agent with a 13-cell view instead of showing the whole world
     * @param hidden       classes neither drawn nor labelled (may be empty, not null)
     */
    public CoinRunRenderer(boolean paintVelInfo, boolean centerAgent, Set<SemanticLabel> hidden) {
        this.paintVelInfo = paintVelInfo;
        this.centerAgent = centerAgent;
        for (SemanticLabel label : hidden) {
            this.hidden[label.ordinal()] = true;
        }
    }

    /**
     * Renders a {@value #OBSERVATION_SIZE}×{@value #OBSERVATION_SIZE} observation,
     * {@code [64, 64, 3]} uint8 RGB row-major from the top row, into {@code rgb[offset ..]}.
     */
    public void render(CoinRunGame game, byte[] rgb, int offset) {
        render(game, OBSERVATION_SIZE, rgb, offset, null, 0);
    }

    /**
     * Renders the current frame.
     *
     * @param game        the game to draw (after {@link CoinRunGame#reset})
     * @param size        output side in pixels (64 for observations; any size, e.g. 512 to view)
     * @param rgb         receives {@code [size, size, 3]} uint8 RGB, row-major from the top row, at {@code offset}
     * @param offset      first index written in {@code rgb}
     * @param labels      if non-null, receives {@code [size, size]} {@link SemanticLabel#id()} bytes at {@code labelOffset}
     * @param labelOffset first index written in {@code labels}
     */
    public void render(CoinRunGame game, int size, byte[] rgb, int offset, byte[] labels, int labelOffset) {
        checkTarget(game, size, rgb, offset, labels, labelOffset);
        Entity agent = game.agent();
        double view = centerAgent ? VISIBILITY : CoinRunGame.WIDTH;
        double cx = centerAgent ? agent.x : CoinRunGame.WIDTH * 0.5;
        double cy = centerAgent ? agent.y : CoinRunGame.HEIGHT * 0.5;
        unit = size / view;
        ox = unit * (view * 0.5 - cx);
        oy = unit * (view * 0.5 + cy);
        if (size != sheetSize) {
            sheet = SpriteSheet.forUnit(unit, RENDER_EPS);
            sheetSize = size;
        }
        blit.begin(rgb, offset, labels, labelOffset, size);

        drawBackground(game, size);
        drawCells(game, size);
        for (int i = 0, n = game.entityCount(); i < n; i++) {
            Entity e = game.entity(i);
            if (e.renderZ == 0) {
                drawEntity(game, e);
            }
        }
        if (!hidden[SemanticLabel.ENEMY.ordinal()]) {
            for (int i = 0, n = game.trailCount(); i < n; i++) {
                Entity t = game.trail(i);
                blit.blend(sheet.trail, unit * (t.x - t.rx) + ox, oy - unit * (t.y + t.ry), unit * 2 * t.rx, unit * 2 * t.ry, t.alpha);
            }
        }
        for (int i = 0, n = game.entityCount(); i < n; i++) {
            Entity e = game.entity(i);
            if (e.renderZ == 1) {
                drawEntity(game, e);
            }
        }
        if (paintVelInfo && !hidden[SemanticLabel.VELOCITY_INFO.ordinal()]) {
            drawVelocityInfo(agent, size);
        }
    }

    private static void checkTarget(CoinRunGame game, int size, byte[] rgb, int offset, byte[] labels, int labelOffset) {
        if (game.agent() == null) {
            throw new IllegalStateException("the game has no level yet; call reset(seed) before rendering");
        }
        if (size < 1 || size > 8192) {
            throw new IllegalArgumentException("size " + size + " is out of range; use 1..8192 pixels");
        }
        long pixels = (long) size * size;
        if (offset < 0 || offset + pixels * 3 > rgb.length) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes; a " + size + "x" + size
                + " frame at offset " + offset + " needs " + (offset + pixels * 3));
        }
        if (labels != null && (labelOffset < 0 || labelOffset + pixels > labels.length)) {
            throw new IllegalArgumentException("labels has " + labels.length + " bytes; a " + size + "x" + size
                + " label map at offset " + labelOffset + " needs " + (labelOffset + pixels));
        }
    }

    /** Screen velocity-square grey level, Procgen's {@code to_shade(.5 * v / scale + .5)}. */
    static int velocityShade(float v, float scale) {
        float f = (float) (0.5 * v / scale + 0.5);
        int shade = (int) (f * 255);
        return Math.max(0, Math.min(255, shade));
    }

    /**
     * Procgen's background: black, then the world's picture over the world's rectangle (only
     * visible outside it when walls are hidden).
     */
    private void drawBackground(CoinRunGame game, int size) {
        int x0 = Math.max(0, firstCovered(ox));
        int x1 = Math.min(size, firstCovered(ox + CoinRunGame.WIDTH * unit));
        int y0 = Math.max(0, firstCovered(oy - CoinRunGame.HEIGHT * unit));
        int y1 = Math.min(size, firstCovered(oy));
        boolean covers = x0 == 0 && y0 == 0 && x1 == size && y1 == size;
        boolean hide = hidden[SemanticLabel.BACKGROUND.ordinal()];
        if (hide || !covers) {
            blit.fillBlack();
        }
        if (!hide && x0 < x1 && y0 < y1) {
            int side = (int) Math.ceil(CoinRunGame.WIDTH * unit - 1e-9);
            int index = game.backgroundIndex();
            if (side != backgroundSide) {
                java.util.Arrays.fill(backgrounds, null);
                backgroundSide = side;
            }
            byte[] background = backgrounds[index];
            if (background == null) { // first use of this picture by this renderer: no lookup (or boxing) per level
                background = BackgroundCache.get(index, side);
                backgrounds[index] = background;
            }
            int shift = (int) (game.backgroundOffset() * side);
            int colBase = (int) Math.floor(0.5 - ox) + shift;
            int rowBase = (int) Math.floor(CoinRunGame.HEIGHT * unit - oy + 0.5);
            for (int y = y0; y < y1; y++) {
                int row = Math.min(side - 1, Math.max(0, y + rowBase));
                blit.copyRowWrapped(background, side, row, Math.floorMod(colBase + x0, side), y, x0, x1);
            }
        }
        blit.fillLabels(SemanticLabel.BACKGROUND.id());
    }

    private void drawCells(CoinRunGame game, int size) {
        int xLo = (int) Math.floor((0.5 - ox) / unit - RENDER_EPS);
        int xHi = (int) Math.floor((size - 0.5 - ox) / unit + RENDER_EPS);
        int yLo = (int) Math.floor((oy - size + 0.5) / unit - RENDER_EPS);
        int yHi = (int) Math.floor((oy - 0.5) / unit + RENDER_EPS);
        if (!centerAgent) { // Procgen draws only the world's cells when showing the whole world
            xLo = Math.max(xLo, 0);
            yLo = Math.max(yLo, 0);
            xHi = Math.min(xHi, CoinRunGame.WIDTH - 1);
            yHi = Math.min(yHi, CoinRunGame.HEIGHT - 1);
        }
        int cols = Math.min(xHi - xLo + 1, MAX_SPANS);
        int rows = Math.min(yHi - yLo + 1, MAX_SPANS);
        double span = unit * (1 + 2 * RENDER_EPS);
        for (int i = 0; i < cols; i++) {
            double left = unit * (xLo + i - RENDER_EPS) + ox;
            colStart[i] = firstCovered(left);
            colEnd[i] = firstCovered(left + span);
        }
        for (int j = 0; j < rows; j++) {
            double top = oy - unit * (yLo + j + 1 + RENDER_EPS);
            rowStart[j] = firstCovered(top);
            rowEnd[j] = firstCovered(top + span);
        }
        int theme = Math.floorMod(game.wallTheme(), CoinRunGame.NUM_GROUND_THEMES);
        boolean hideWall = hidden[SemanticLabel.WALL.ordinal()];
        boolean hideLava = hidden[SemanticLabel.LAVA.ordinal()];
        boolean hideCoin = hidden[SemanticLabel.COIN.ordinal()];
        byte wall = SemanticLabel.WALL.id();
        byte lava = SemanticLabel.LAVA.id();
        byte coin = SemanticLabel.COIN.id();
        for (int i = 0; i < cols; i++) { // Procgen's order: x outer, y inner, both ascending
            int x0 = Math.max(0, colStart[i]);
            int x1 = Math.min(size, colEnd[i]);
            if (x0 >= x1) {
                continue;
            }
            int x = xLo + i;
            for (int j = 0; j < rows; j++) {
                int y0 = Math.max(0, rowStart[j]);
                int y1 = Math.min(size, rowEnd[j]);
                if (y0 >= y1) {
                    continue;
                }
                int kind;
                byte label;
                switch (game.cell(x, yLo + j)) {
                    case ObjectType.WALL_MID:
                        if (hideWall) {
                            continue;
                        }
                        kind = SpriteSheet.WALL_MID + theme;
                        label = wall;
                        break;
                    case ObjectType.WALL_TOP:
                        if (hideWall) {
                            continue;
                        }
                        kind = SpriteSheet.WALL_TOP + theme;
                        label = wall;
                        break;
                    case ObjectType.LAVA_MID:
                        if (hideLava) {
                            continue;
                        }
                        kind = SpriteSheet.LAVA_MID;
                        label = lava;
                        break;
                    case ObjectType.LAVA_TOP:
                        if (hideLava) {
                            continue;
                        }
                        kind = SpriteSheet.LAVA_TOP;
                        label = lava;
                        break;
                    case ObjectType.GOAL:
                        if (hideCoin) {
                            continue;
                        }
                        kind = SpriteSheet.COIN;
                        label = coin;
                        break;
                    default: // SPACE and the invisible ENEMY_BARRIER
                        continue;
                }
                SpriteTile tile = sheet.tile(kind, colEnd[i] - colStart[i], rowEnd[j] - rowStart[j]);
                blit.tile(tile, colStart[i], rowStart[j], x0, x1, y0, y1, label);
            }
        }
    }

    private void drawEntity(CoinRunGame game, Entity e) {
        SpriteTexture tex;
        SemanticLabel label;
        double left = unit * (e.x - e.rx) + ox;
        double top = oy - unit * (e.y + e.ry);
        double w = unit * 2 * e.rx;
        double h = unit * 2 * e.ry;
        switch (e.type) {
            case ObjectType.PLAYER:
                label = SemanticLabel.AGENT;
                tex = sheet.agent(e.imageTheme, agentPose(game, e));
                top -= AGENT_EXTEND_UP * h;
                h *= 1 + AGENT_EXTEND_UP;
                break;
            case ObjectType.SAW:
                label = SemanticLabel.SAW;
                tex = sheet.saw(game.curTime() % 2);
                break;
            case ObjectType.ENEMY:
                label = SemanticLabel.ENEMY;
                tex = sheet.enemy(e.imageTheme, game.curTime() / 5 % 2);
                break;
            case ObjectType.CRATE:
                label = SemanticLabel.CRATE;
                tex = sheet.crate(e.imageTheme);
                break;
            default:
                return;
        }
        if (!hidden[label.ordinal()]) {
            blit.texture(tex, left, top, w, h, e.isReflected, label.id());
        }
    }

    /** Procgen's {@code image_for_type(PLAYER)}: standing, or one of two walking frames (the first also in the air). */
    private static int agentPose(CoinRunGame game, Entity agent) {
        if (Math.abs(agent.vx) < .01 && game.lastActionDx() == 0 && game.hasSupport()) {
            return 0;
        }
        return (game.curTime() / 5 % 2 == 0 || !game.hasSupport()) ? 1 : 2;
    }

    private void drawVelocityInfo(Entity agent, int size) {
        float infodim = (float) (size * .2);
        int side = firstCovered(infodim);
        int end = firstCovered(2.0 * infodim);
        byte label = SemanticLabel.VELOCITY_INFO.id();
        blit.fillGrey(0, 0, side, side, velocityShade(agent.vx, CoinRunGame.maxSpeed()), label);
        blit.fillGrey(side, 0, end, side, velocityShade(agent.vy, CoinRunGame.maxJump()), label);
    }
}
