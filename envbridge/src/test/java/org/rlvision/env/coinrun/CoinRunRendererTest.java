package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rlvision.env.DistributionMode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoinRunRendererTest {
    private static final int S = 64;
    private static final int RIGHT = 7;
    private static final int NOOP = 4;
    private static final double EPS = CoinRunRenderer.RENDER_EPS;

    // ---- helpers -----------------------------------------------------------------------------

    private static CoinRunGame game(DistributionMode mode, int seed) {
        CoinRunGame g = new CoinRunGame(mode);
        g.reset(seed);
        return g;
    }

    /** One rendered frame: RGB bytes and label ids. */
    private record Frame(int size, byte[] rgb, byte[] labels) {
        int label(int x, int y) {
            return labels[y * size + x];
        }

        int rgbAt(int x, int y) {
            int i = (y * size + x) * 3;
            return ((rgb[i] & 0xFF) << 16) | ((rgb[i + 1] & 0xFF) << 8) | (rgb[i + 2] & 0xFF);
        }

        /** {minX, minY, maxX, maxY} of pixels labelled {@code l}, or null if none. */
        int[] bbox(SemanticLabel l) {
            int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (label(x, y) == l.id()) {
                        b[0] = Math.min(b[0], x);
                        b[1] = Math.min(b[1], y);
                        b[2] = Math.max(b[2], x);
                        b[3] = Math.max(b[3], y);
                    }
                }
            }
            return b[2] < 0 ? null : b;
        }

        int count(SemanticLabel l) {
            int n = 0;
            for (byte b : labels) {
                n += b == l.id() ? 1 : 0;
            }
            return n;
        }
    }

    private static Frame render(CoinRunRenderer r, CoinRunGame g, int size) {
        byte[] rgb = new byte[size * size * 3];
        byte[] labels = new byte[size * size];
        r.render(g, size, rgb, 0, labels, 0);
        return new Frame(size, rgb, labels);
    }

    private static int firstCovered(double edge) {
        return (int) Math.ceil(edge - 0.5);
    }

    /** Procgen's screen x of world x with the agent-centred 13-cell camera. */
    private static double screenX(double unit, double wx, double cx) {
        return unit * (wx - cx + 6.5);
    }

    private static double screenY(double unit, double wy, double cy) {
        return unit * (6.5 - wy + cy);
    }

    private static int countEntities(CoinRunGame g, int type) {
        int n = 0;
        for (int i = 0; i < g.entityCount(); i++) {
            n += g.entity(i).type() == type ? 1 : 0;
        }
        return n;
    }

    private static boolean hasCell(CoinRunGame g, int type) {
        for (int x = 0; x < CoinRunGame.WIDTH; x++) {
            for (int y = 0; y < CoinRunGame.HEIGHT; y++) {
                if (g.cell(x, y) == type) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] goalCell(CoinRunGame g) {
        for (int x = 0; x < CoinRunGame.WIDTH; x++) {
            for (int y = 0; y < CoinRunGame.HEIGHT; y++) {
                if (g.cell(x, y) == ObjectType.GOAL) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("level " + g.levelSeed() + " has no coin");
    }

    /** First hard-mode seed whose level satisfies {@code cond}. */
    private static CoinRunGame findLevel(java.util.function.Predicate<CoinRunGame> cond) {
        for (int seed = 0; seed < 2000; seed++) {
            CoinRunGame g = game(DistributionMode.HARD, seed);
            if (cond.test(g)) {
                return g;
            }
        }
        throw new AssertionError("no level in seeds 0..1999 satisfies the condition");
    }

    // ---- determinism -------------------------------------------------------------------------

    @Test
    void sameStateGivesIdenticalBytes() {
        CoinRunRenderer r = new CoinRunRenderer(true, true);
        CoinRunGame a = game(DistributionMode.HARD, 42);
        CoinRunGame b = game(DistributionMode.HARD, 42);
        for (int t = 0; t < 25; t++) {
            a.step(RIGHT);
            b.step(RIGHT);
        }
        Frame fa = render(r, a, S);
        Frame fa2 = render(r, a, S);
        Frame fb = render(new CoinRunRenderer(true, true), b, S);
        assertArrayEquals(fa.rgb, fa2.rgb);
        assertArrayEquals(fa.labels, fa2.labels);
        assertArrayEquals(fa.rgb, fb.rgb);
        assertArrayEquals(fa.labels, fb.labels);
        // a different size in between must not disturb the cached state
        render(r, a, 512);
        assertArrayEquals(fa.rgb, render(r, a, S).rgb);
    }

    @Test
    void convenienceRenderAndOffsetsMatchTheFullRender() {
        CoinRunGame g = game(DistributionMode.HARD, 7);
        CoinRunRenderer r = new CoinRunRenderer(false, true);
        byte[] plain = new byte[S * S * 3];
        r.render(g, plain, 0);
        byte[] batch = new byte[5 + S * S * 3 * 2];
        r.render(g, batch, 5 + S * S * 3);
        assertArrayEquals(plain, Arrays.copyOfRange(batch, 5 + S * S * 3, batch.length));
        byte[] labels = new byte[3 + S * S];
        byte[] rgb = new byte[S * S * 3];
        r.render(g, S, rgb, 0, labels, 3);
        assertArrayEquals(plain, rgb);
        assertArrayEquals(render(r, g, S).labels, Arrays.copyOfRange(labels, 3, labels.length));
    }

    @Test
    void rejectsBuffersThatAreTooSmall() {
        CoinRunGame g = game(DistributionMode.EASY, 0);
        CoinRunRenderer r = new CoinRunRenderer(false, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.render(g, new byte[S * S * 3], 1));
        assertTrue(e.getMessage().contains("needs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.render(g, S, new byte[S * S * 3], 0, new byte[S * S - 1], 0));
        assertThrows(IllegalStateException.class, () -> r.render(new CoinRunGame(DistributionMode.EASY), new byte[S * S * 3], 0));
    }

    // ---- geometry ----------------------------------------------------------------------------

    @Test
    void agentIsCentredAfterReset() {
        for (DistributionMode mode : DistributionMode.values()) {
            for (int seed : new int[] {0, 1, 2, 42, 99}) {
                CoinRunGame g = game(mode, seed);
                Entity a = g.agent();
                for (int size : new int[] {64, 512}) {
                    Frame f = render(new CoinRunRenderer(false, true), g, size);
                    int[] b = f.bbox(SemanticLabel.AGENT);
                    assertNotNull(b, "agent not drawn for " + mode + " seed " + seed);
                    double unit = size / 13.0;
                    double centre = (b[0] + b[2] + 1) / 2.0;
                    assertEquals(size / 2.0, centre, Math.max(1, unit * 0.05), "agent centre column, seed " + seed);
                    // the sprite's feet touch the bottom of the agent box
                    int expectedBottom = firstCovered(screenY(unit, a.y() - a.ry(), a.y())) - 1;
                    assertEquals(expectedBottom, b[3], "agent bottom row, seed " + seed + " size " + size);
                    assertEquals(firstCovered(size / 2.0 + unit * a.ry()) - 1, b[3]);
                    // and stays within the box horizontally
                    assertTrue(b[0] >= firstCovered(screenX(unit, a.x() - a.rx(), a.x())));
                    assertTrue(b[2] < firstCovered(screenX(unit, a.x() + a.rx(), a.x())));
                }
            }
        }
    }

    @Test
    void coinCellIsDrawnAtItsWorldRectInTheWholeWorldView() {
        int size = 512;
        double unit = size / 64.0;
        for (int seed : new int[] {0, 3, 42}) {
            CoinRunGame g = game(DistributionMode.HARD, seed);
            int[] goal = goalCell(g);
            Frame f = render(new CoinRunRenderer(false, false), g, size);
            int[] b = f.bbox(SemanticLabel.COIN);
            assertNotNull(b);
            int x0 = firstCovered(unit * (goal[0] - EPS));
            int x1 = firstCovered(unit * (goal[0] + 1 + EPS));
            int y0 = firstCovered(unit * (64 - goal[1] - 1 - EPS));
            int y1 = firstCovered(unit * (64 - goal[1] + EPS));
            assertTrue(b[0] >= x0 && b[2] < x1 && b[1] >= y0 && b[3] < y1, "coin outside its cell: " + Arrays.toString(b));
            assertEquals((x0 + x1) / 2.0, (b[0] + b[2] + 1) / 2.0, 1.0);
            assertEquals((y0 + y1) / 2.0, (b[1] + b[3] + 1) / 2.0, 1.0);
            assertTrue(b[2] - b[0] + 1 >= unit * 0.5, "coin too small");
        }
    }

    @Test
    void coinIsDrawnAtTheCameraFormulaPositionWhenInView() {
        CoinRunRenderer r = new CoinRunRenderer(false, true);
        for (int seed = 0; seed < 200; seed++) {
            CoinRunGame g = game(DistributionMode.EASY, seed);
            int[] goal = goalCell(g);
            for (int t = 0; t < 60 && !g.done(); t++) {
                Entity a = g.agent();
                double unit = S / 13.0;
                int x0 = firstCovered(screenX(unit, goal[0] - EPS, a.x()));
                int x1 = firstCovered(screenX(unit, goal[0] + 1 + EPS, a.x()));
                int y0 = firstCovered(screenY(unit, goal[1] + 1 + EPS, a.y()));
                int y1 = firstCovered(screenY(unit, goal[1] - EPS, a.y()));
                boolean agentFar = Math.abs(a.x() - (goal[0] + 0.5)) > 2.5 || Math.abs(a.y() - (goal[1] + 0.5)) > 2.5;
                if (x0 >= 0 && x1 <= S && y0 >= 0 && y1 <= S && agentFar) {
                    Frame f = render(r, g, S);
                    int[] b = f.bbox(SemanticLabel.COIN);
                    assertNotNull(b, "coin in view but not drawn, seed " + seed);
                    assertTrue(b[0] >= x0 && b[2] < x1 && b[1] >= y0 && b[3] < y1,
                        "coin pixels " + Arrays.toString(b) + " outside its cell [" + x0 + "," + x1 + ")x[" + y0 + "," + y1 + ")");
                    assertEquals((x0 + x1) / 2.0, (b[0] + b[2] + 1) / 2.0, 1.0);
                    assertEquals((y0 + y1) / 2.0, (b[1] + b[3] + 1) / 2.0, 1.0);
                    return;
                }
                g.step(t % 8 < 5 ? 8 : RIGHT); // run right, jumping
            }
        }
        throw new AssertionError("no easy level brought the coin into view");
    }

    @Test
    void wallFillsTheViewLeftOfTheWorld() {
        for (int seed : new int[] {0, 5, 42}) {
            CoinRunGame g = game(DistributionMode.HARD, seed);
            Frame f = render(new CoinRunRenderer(false, true), g, S);
            double unit = S / 13.0;
            int worldLeft = firstCovered(screenX(unit, 0 - EPS, g.agent().x()));
            assertTrue(worldLeft > 20, "x = 0 should be about 5 cells left of centre");
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < worldLeft; x++) {
                    assertEquals(SemanticLabel.WALL.id(), f.label(x, y), "pixel " + x + "," + y + " seed " + seed);
                }
            }
            // the agent stands on the floor: the row below its feet is wall
            int[] b = f.bbox(SemanticLabel.AGENT);
            assertEquals(SemanticLabel.WALL.id(), f.label(32, b[3] + 2));
        }
    }

    @Test
    void wholeWorldViewShowsEveryEntity() {
        CoinRunGame g = findLevel(l -> countEntities(l, ObjectType.ENEMY) > 0 && countEntities(l, ObjectType.CRATE) > 0);
        Frame f = render(new CoinRunRenderer(false, false), g, 256);
        for (SemanticLabel l : EnumSet.of(SemanticLabel.AGENT, SemanticLabel.ENEMY, SemanticLabel.CRATE,
            SemanticLabel.COIN, SemanticLabel.WALL, SemanticLabel.BACKGROUND)) {
            assertTrue(f.count(l) > 0, l + " missing");
        }
        // each crate covers its whole cell (crates are opaque boxes)
        double unit = 4;
        for (int i = 0; i < g.entityCount(); i++) {
            Entity e = g.entity(i);
            if (e.type() == ObjectType.CRATE) {
                int x = firstCovered(unit * e.x());
                int y = firstCovered(unit * (64 - e.y()));
                assertEquals(SemanticLabel.CRATE.id(), f.label(x, y), "crate centre");
            }
        }
    }

    // ---- labels agree with pixels ------------------------------------------------------------

    /**
     * Renders with and without {@code hidden}: pixels that change must all be labelled
     * {@code hidden} in the full render, and (nearly) all pixels so labelled must change.
     */
    private static void assertHidingChangesExactlyLabelledPixels(CoinRunGame g, boolean velInfo, boolean center,
                                                                 int size, SemanticLabel hidden) {
        Frame full = render(new CoinRunRenderer(velInfo, center), g, size);
        Frame without = render(new CoinRunRenderer(velInfo, center, EnumSet.of(hidden)), g, size);
        int labelled = 0;
        int unchangedLabelled = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean isHidden = full.label(x, y) == hidden.id();
                boolean changed = full.rgbAt(x, y) != without.rgbAt(x, y);
                if (isHidden) {
                    labelled++;
                    if (!changed) {
                        unchangedLabelled++;
                    }
                    assertTrue(without.label(x, y) != hidden.id(), "hidden " + hidden + " still labelled at " + x + "," + y);
                } else {
                    assertFalse(changed, "pixel " + x + "," + y + " changed but is labelled "
                        + SemanticLabel.fromId(full.labels[y * size + x]) + ", not " + hidden);
                    assertEquals(full.label(x, y), without.label(x, y));
                }
            }
        }
        assertTrue(labelled > 0, "no " + hidden + " pixels in the test frame");
        assertTrue(unchangedLabelled <= labelled * 0.02,
            unchangedLabelled + " of " + labelled + " " + hidden + " pixels kept their colour when hidden");
    }

    @Test
    void hidingSawsChangesExactlyTheSawPixels() {
        CoinRunGame g = findLevel(l -> countEntities(l, ObjectType.SAW) > 0);
        assertHidingChangesExactlyLabelledPixels(g, false, false, 256, SemanticLabel.SAW);
        // and in the agent's view, on a level with a saw close to the start
        CoinRunGame near = findLevel(l -> {
            for (int i = 0; i < l.entityCount(); i++) {
                if (l.entity(i).type() == ObjectType.SAW && l.entity(i).x() < 7.5 && l.entity(i).y() < 8) {
                    return true;
                }
            }
            return false;
        });
        assertHidingChangesExactlyLabelledPixels(near, true, true, S, SemanticLabel.SAW);
    }

    @Test
    void hidingOtherClassesChangesExactlyTheirPixels() {
        CoinRunGame g = findLevel(l -> countEntities(l, ObjectType.ENEMY) > 0 && countEntities(l, ObjectType.CRATE) > 0);
        for (SemanticLabel l : EnumSet.of(SemanticLabel.ENEMY, SemanticLabel.CRATE, SemanticLabel.AGENT,
            SemanticLabel.COIN, SemanticLabel.WALL)) {
            assertHidingChangesExactlyLabelledPixels(g, false, false, 256, l);
        }
        CoinRunGame lava = findLevel(l -> hasCell(l, ObjectType.LAVA_TOP));
        assertHidingChangesExactlyLabelledPixels(lava, false, false, 256, SemanticLabel.LAVA);
        CoinRunGame moving = game(DistributionMode.HARD, 2);
        for (int t = 0; t < 6; t++) {
            moving.step(RIGHT);
        }
        assertHidingChangesExactlyLabelledPixels(moving, true, true, S, SemanticLabel.AGENT);
        assertHidingChangesExactlyLabelledPixels(moving, true, true, S, SemanticLabel.VELOCITY_INFO);
        assertHidingChangesExactlyLabelledPixels(moving, true, true, S, SemanticLabel.WALL);
    }

    @Test
    void hiddenEnemiesLeaveNoTrails() {
        CoinRunGame g = findLevel(l -> countEntities(l, ObjectType.ENEMY) > 0);
        for (int t = 0; t < 4; t++) {
            g.step(NOOP);
        }
        assertTrue(g.trailCount() > 0);
        Frame without = render(new CoinRunRenderer(false, false, EnumSet.of(SemanticLabel.ENEMY)), g, 256);
        Frame reference = render(new CoinRunRenderer(false, false, EnumSet.of(SemanticLabel.ENEMY)), game(DistributionMode.HARD, g.levelSeed()), 256);
        // with enemies hidden, only the (moved) agent may differ from the reset frame, never the trails
        for (int i = 0; i < without.labels.length; i++) {
            if (without.labels[i] != SemanticLabel.AGENT.id() && reference.labels[i] != SemanticLabel.AGENT.id()) {
                assertEquals(reference.rgbAt(i % 256, i / 256), without.rgbAt(i % 256, i / 256), "pixel " + i);
            }
        }
    }

    @Test
    void trailsBlendWithoutChangingLabels() {
        CoinRunGame g = findLevel(l -> countEntities(l, ObjectType.ENEMY) > 1);
        for (int t = 0; t < 3; t++) {
            g.step(NOOP);
        }
        int size = 512;
        Frame f = render(new CoinRunRenderer(false, false), g, size);
        Frame under = render(new CoinRunRenderer(false, false, EnumSet.of(SemanticLabel.ENEMY)), g, size);
        int single = 0;
        int changed = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (f.label(x, y) == SemanticLabel.ENEMY.id() || f.rgbAt(x, y) == under.rgbAt(x, y)) {
                    continue;
                }
                changed++;
                assertEquals(under.label(x, y), f.label(x, y), "a trail changed the label at " + x + "," + y);
                double wx = (x + 0.5) / 8;
                double wy = 64 - (y + 0.5) / 8;
                int near = 0;
                Entity inner = null;
                for (int i = 0; i < g.trailCount(); i++) {
                    Entity t = g.trail(i);
                    double dx = (wx - t.x()) / t.rx();
                    double dy = (wy - t.y()) / t.ry();
                    double d2 = dx * dx + dy * dy;
                    near += d2 <= 1.3 ? 1 : 0;
                    inner = d2 <= 0.6 ? t : inner;
                }
                assertTrue(near > 0, "pixel " + x + "," + y + " changed away from every trail");
                for (int shift = 0; shift <= 16; shift += 8) {
                    int before = under.rgbAt(x, y) >> shift & 0xFF;
                    int after = f.rgbAt(x, y) >> shift & 0xFF;
                    assertTrue(after >= before, "trails only whiten");
                    if (near == 1 && inner != null) {
                        assertEquals(before * (1 - inner.alpha()) + 255 * inner.alpha(), after, 1.0, "blend at " + x + "," + y);
                    }
                }
                single += near == 1 && inner != null ? 1 : 0;
            }
        }
        assertTrue(changed > 0 && single > 0, "trails not visible: " + changed + " changed, " + single + " checked");
    }

    @Test
    void hiddenWallsShowProcgensBlackOutsideTheWorld() {
        CoinRunGame g = game(DistributionMode.HARD, 42);
        Frame f = render(new CoinRunRenderer(false, true, EnumSet.of(SemanticLabel.WALL)), g, S);
        int worldLeft = firstCovered(screenX(S / 13.0, 0, g.agent().x()));
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < worldLeft; x++) {
                assertEquals(0, f.rgbAt(x, y), "pixel " + x + "," + y);
                assertEquals(SemanticLabel.BACKGROUND.id(), f.label(x, y));
            }
        }
        assertTrue(f.rgbAt(worldLeft + 1, 5) != 0, "the world's background starts at x = 0");
        assertEquals(0, f.count(SemanticLabel.WALL));
    }

    @Test
    void renderingAllocatesNothingPerFrame() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean bean) || !bean.isThreadAllocatedMemorySupported()) {
            return; // cannot measure on this JVM
        }
        CoinRunGame g = game(DistributionMode.HARD, 42);
        CoinRunRenderer r = new CoinRunRenderer(true, true);
        byte[] rgb = new byte[S * S * 3];
        byte[] labels = new byte[S * S];
        for (int i = 0; i < 5000; i++) {
            r.render(g, S, rgb, 0, labels, 0);
        }
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            r.render(g, S, rgb, 0, labels, 0);
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        System.out.println("CoinRunRenderer: " + allocated + " bytes allocated by 10000 renders");
        assertTrue(allocated < 10_000, allocated + " bytes allocated by 10000 renders");
    }

    // ---- velocity squares --------------------------------------------------------------------

    @Test
    void velocitySquaresShowProcgenShades() {
        CoinRunGame g = game(DistributionMode.HARD, 42);
        for (int t = 0; t < 4; t++) {
            g.step(RIGHT);
        }
        Entity a = g.agent();
        assertTrue(a.vx() > 0, "agent should be moving right");
        Frame f = render(new CoinRunRenderer(true, true), g, S);
        int s1 = Math.max(0, Math.min(255, (int) ((float) (0.5 * a.vx() / 0.5f + 0.5) * 255)));
        int s2 = Math.max(0, Math.min(255, (int) ((float) (0.5 * a.vy() / 1.5f + 0.5) * 255)));
        assertTrue(s1 > 128);
        assertEquals(s1 * 0x010101, f.rgbAt(2, 2));
        assertEquals(s2 * 0x010101, f.rgbAt((int) (0.2 * S) + 2, 2));
        // square extents: 0.2 * 64 = 12.8 px, pixel centres inside
        assertEquals(SemanticLabel.VELOCITY_INFO.id(), f.label(12, 12));
        assertEquals(SemanticLabel.VELOCITY_INFO.id(), f.label(25, 12));
        assertEquals(s2 * 0x010101, f.rgbAt(13, 0));
        assertTrue(f.label(26, 0) != SemanticLabel.VELOCITY_INFO.id());
        assertTrue(f.label(0, 13) != SemanticLabel.VELOCITY_INFO.id());
        assertEquals(13 * 26, f.count(SemanticLabel.VELOCITY_INFO));
        // falling: vertical shade below grey
        CoinRunGame air = game(DistributionMode.HARD, 42);
        air.step(8);
        air.step(NOOP);
        air.step(NOOP);
        Frame fa = render(new CoinRunRenderer(true, true), air, S);
        assertEquals(CoinRunRenderer.velocityShade(air.agent().vy(), 1.5f) * 0x010101, fa.rgbAt(15, 5));
    }

    @Test
    void velocityShadeClampsAndTruncates() {
        assertEquals(127, CoinRunRenderer.velocityShade(0f, 0.5f));
        assertEquals(255, CoinRunRenderer.velocityShade(0.5f, 0.5f));
        assertEquals(0, CoinRunRenderer.velocityShade(-0.5f, 0.5f));
        assertEquals(255, CoinRunRenderer.velocityShade(3f, 0.5f));
        assertEquals(0, CoinRunRenderer.velocityShade(-3f, 0.5f));
        assertEquals(191, CoinRunRenderer.velocityShade(0.25f, 0.5f));
    }

    // ---- art variety -------------------------------------------------------------------------

    @Test
    void backgroundsDifferByIndexAndSpaceOnesAreDark() {
        Set<Integer> hashes = new HashSet<>();
        double platform = 0;
        double space = 0;
        int side = (int) Math.ceil(64 * 64 / 13.0); // the world at the observation scale
        for (int i = 0; i < CoinRunGame.NUM_BACKGROUNDS; i++) {
            byte[] bg = BackgroundCache.get(i, side);
            assertTrue(hashes.add(Arrays.hashCode(bg)), "background " + i + " repeats another");
            double mean = 0;
            for (byte b : bg) {
                mean += b & 0xFF;
            }
            mean /= bg.length;
            if (i >= BackgroundPainter.NUM_PLATFORM) {
                space += mean / 13;
            } else if (i > 0) {
                platform += mean / 48;
            }
        }
        assertTrue(space < 60 && platform > 100, "space " + space + " platform " + platform);
    }

    @Test
    void groundThemesAndAgentColoursAreDistinct() {
        SpriteSheet sheet = SpriteSheet.forUnit(S / 13.0, EPS);
        Set<Integer> colours = new HashSet<>();
        for (int t = 0; t < CoinRunGame.NUM_GROUND_THEMES; t++) {
            SpriteTile top = sheet.tile(SpriteSheet.WALL_TOP + t, 5, 5);
            assertTrue(colours.add(Arrays.hashCode(top.rgb)), "ground theme " + t);
        }
        Set<Integer> agents = new HashSet<>();
        for (int c = 0; c < CoinRunGame.NUM_AGENT_THEMES; c++) {
            assertTrue(agents.add(Arrays.hashCode(sheet.agent(c, 0).argb)));
        }
        Set<Integer> enemies = new HashSet<>();
        for (int k = 0; k < CoinRunGame.NUM_ENEMY_THEMES; k++) {
            assertTrue(enemies.add(Palette.ENEMY[k]), "enemy colour " + k);
            assertTrue(enemies.add(Arrays.hashCode(sheet.enemy(k, 0).argb)));
        }
    }

    // ---- preview PNGs (only with -Drender.preview[=dir]) ------------------------------------

    @Test
    @EnabledIfSystemProperty(named = "render.preview", matches = ".*")
    void writesPreviewPngs() throws IOException {
        String prop = System.getProperty("render.preview");
        File dir = prop.isBlank() || prop.equals("true")
            ? new File(System.getProperty("java.io.tmpdir"), "render-check") : new File(prop);
        assertTrue(dir.isDirectory() || dir.mkdirs(), "cannot create " + dir);
        preview(dir, DistributionMode.EASY, 0, 0);
        preview(dir, DistributionMode.EASY, 1, 30);
        preview(dir, DistributionMode.HARD, 2, 0);
        preview(dir, DistributionMode.HARD, 2, 30);
        preview(dir, DistributionMode.HARD, 42, 0);
        preview(dir, DistributionMode.HARD, 42, 30);
        for (int seed : new int[] {3, 7, 11, 19}) {
            preview(dir, DistributionMode.HARD, seed, 0);
        }
        CoinRunGame whole = game(DistributionMode.HARD, 42);
        writePng(render(new CoinRunRenderer(false, false), whole, 512), 1, new File(dir, "world_hard_seed42_512.png"), false);
        writePng(render(new CoinRunRenderer(false, false), whole, 512), 1, new File(dir, "world_hard_seed42_512_labels.png"), true);
        CoinRunGame vel = game(DistributionMode.HARD, 2);
        for (int t = 0; t < 8; t++) {
            vel.step(8);
        }
        writePng(render(new CoinRunRenderer(true, true), vel, 64), 4, new File(dir, "velinfo_hard_seed2_64x4.png"), false);
        writePng(gallery(), 1, new File(dir, "gallery_512.png"), false);
        writePng(gallery(), 1, new File(dir, "gallery_512_labels.png"), true);
        BufferedImage bgs = new BufferedImage(8 * 64, 8 * 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < CoinRunGame.NUM_BACKGROUNDS; i++) {
            byte[] bg = BackgroundPainter.paint(i, 64);
            for (int p = 0; p < 64 * 64; p++) {
                bgs.setRGB((i % 8) * 64 + p % 64, (i / 8) * 64 + p / 64,
                    ((bg[3 * p] & 0xFF) << 16) | ((bg[3 * p + 1] & 0xFF) << 8) | (bg[3 * p + 2] & 0xFF));
            }
        }
        ImageIO.write(bgs, "png", new File(dir, "backgrounds_all.png"));
        System.out.println("preview PNGs written to " + dir.getAbsolutePath());
    }

    private static void preview(File dir, DistributionMode mode, int seed, int rightSteps) throws IOException {
        CoinRunGame g = game(mode, seed);
        for (int t = 0; t < rightSteps && !g.done(); t++) {
            g.step(RIGHT);
        }
        String name = String.format(Locale.ROOT, "coinrun_%s_seed%d_t%03d%s", mode.procgenName(), seed, rightSteps,
            rightSteps > 0 ? "right" : "");
        CoinRunRenderer r = new CoinRunRenderer(false, true);
        writePng(render(r, g, 64), 1, new File(dir, name + "_64.png"), false);
        writePng(render(r, g, 64), 4, new File(dir, name + "_64x4.png"), false);
        writePng(render(r, g, 512), 1, new File(dir, name + "_512.png"), false);
        writePng(render(r, g, 64), 4, new File(dir, name + "_64x4_labels.png"), true);
    }

    /**
     * A hand-built level showing every sprite in one agent-centred 512×512 view: crates, coin and
     * saws on the top ledge, the 9 enemies on the middle one, the 5 agent colours on the lowest,
     * ground and lava below; the six vertical strips use the six ground themes.
     */
    private static Frame gallery() {
        int size = 512;
        CoinRunGame g = game(DistributionMode.HARD, 5);
        g.entities.clear();
        g.trails.clear();
        Arrays.fill(g.grid, ObjectType.SPACE);
        g.fillElem(0, 0, 64, 30, ObjectType.WALL_MID);
        g.fillElem(0, 30, 64, 1, ObjectType.WALL_TOP);
        g.fillElem(34, 27, 4, 3, ObjectType.LAVA_MID);
        g.fillElem(34, 30, 4, 1, ObjectType.LAVA_TOP);
        for (int row : new int[] {32, 35, 37}) {
            g.fillElem(26, row, 14, 1, ObjectType.WALL_TOP);
        }
        g.setCell(33, 38, ObjectType.GOAL);
        g.agent = g.entities.add().init(32.5f, 33.5787f, 0, 0, 0.5f, 0.5787f, ObjectType.PLAYER);
        g.agent.renderZ = 1;
        g.agent.imageTheme = 2;
        g.hasSupport = true;
        g.curTime = 0;
        int[] xs = {28, 30, 34, 36};
        for (int c = 0; c < 4; c++) {
            Entity a = g.entities.add().init(xs[c] + 0.5f, 33.5787f, 0, 0, 0.5f, 0.5787f, ObjectType.PLAYER);
            a.renderZ = 1;
            a.imageTheme = c < 2 ? c : c + 1;
        }
        for (int k = 0; k < 9; k++) {
            Entity e = g.addEntity(26.9f + 1.4f * k, 36.5f, 0, 0, 0.5f, ObjectType.ENEMY);
            e.imageTheme = k;
            e.renderZ = 1;
        }
        for (int k = 0; k < 4; k++) {
            g.addEntity(27.5f + k, 38.5f, 0, 0, 0.5f, ObjectType.CRATE).imageTheme = k;
        }
        g.addEntity(36.5f, 38.5f, 0, 0, 0.5f, ObjectType.SAW);
        g.addEntity(37.5f, 38.5f, 0, 0, 0.5f, ObjectType.SAW);
        CoinRunRenderer r = new CoinRunRenderer(false, true);
        byte[] rgb = new byte[size * size * 3];
        byte[] labels = new byte[size * size];
        byte[] rgbT = new byte[size * size * 3];
        byte[] labT = new byte[size * size];
        for (int t = 0; t < CoinRunGame.NUM_GROUND_THEMES; t++) {
            g.wallTheme = t;
            g.backgroundIndex = t * 12;
            r.render(g, size, rgbT, 0, labT, 0);
            int from = t * size / 6;
            int to = (t + 1) * size / 6;
            for (int y = 0; y < size; y++) {
                System.arraycopy(rgbT, (y * size + from) * 3, rgb, (y * size + from) * 3, (to - from) * 3);
                System.arraycopy(labT, y * size + from, labels, y * size + from, to - from);
            }
        }
        return new Frame(size, rgb, labels);
    }

    private static void writePng(Frame f, int scale, File file, boolean labels) throws IOException {
        int n = f.size * scale;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int sx = x / scale;
                int sy = y / scale;
                int c = labels ? SemanticLabel.fromId(f.labels[sy * f.size + sx]).displayRgb() : f.rgbAt(sx, sy);
                img.setRGB(x, y, c);
            }
        }
        ImageIO.write(img, "png", file);
    }
}
