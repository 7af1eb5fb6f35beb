package org.rlvision.env.coinrun;

import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seed-faithfulness against the real game. The golden files were produced by the real Procgen
 * 0.10.7 CoinRun (C++ built from openai/procgen@37b521d without FMA contraction, as the pip
 * wheels are): {@code procgen-levels.tsv} has 442 levels (easy and hard, seeds 0..199,
 * 1,000,000..1,000,019 and 2,147,483,000) as themes, entity count, the next raw draw of the
 * level RNG after generation (proving the same number of draws) and a SHA-256 of the layout;
 * {@code procgen-traces.txt.gz} has the agent's exact float position and velocity after each of
 * 300 steps for 50 levels (30 hard, 20 easy) under {@link org.rlvision.env.FidelityActions}, with Procgen's done/complete flags.
 */
class ProcgenGoldenTest {

    @Test
    void levelsMatchProcgenCellForCellAndDrawForDraw() throws IOException {
        int checked = 0;
        for (String line : lines("procgen-levels.tsv", false)) {
            String[] f = line.split("\t");
            DistributionMode mode = DistributionMode.parse(f[0]);
            int seed = (int) Long.parseLong(f[1]);
            CoinRunGame g = new CoinRunGame(mode);
            g.reset(seed);
            String where = mode + " seed " + seed;
            assertEquals(f[2], Integer.toHexString(Float.floatToIntBits(g.backgroundOffset())), where + ": bg_pct_x");
            assertEquals(Integer.parseInt(f[3]), g.backgroundIndex(), where + ": background");
            assertEquals(Integer.parseInt(f[4]), g.agent().imageTheme(), where + ": agent theme");
            assertEquals(Integer.parseInt(f[5]), g.wallTheme(), where + ": ground theme");
            assertEquals(Integer.parseInt(f[6]), g.entityCount(), where + ": entity count");
            assertEquals(f[8], sha256(canonical(g)), () -> where + ": layout differs from Procgen's\n" + LevelAscii.draw(g));
            assertEquals(Long.parseLong(f[7]), g.rng.randint() & 0xffffffffL, where + ": number of random draws differs");
            checked++;
        }
        assertEquals(442, checked);
    }

    @Test
    void trajectoriesMatchProcgenBitForBit() throws IOException {
        List<String> rows = lines("procgen-traces.txt.gz", true);
        CoinRunGame g = null;
        String current = "";
        org.rlvision.env.FidelityActions actions = null;
        int steps = 0;
        int episodes = 0;
        int coins = 0;
        for (String row : rows) {
            String[] f = row.split(" ");
            String key = f[0] + " " + f[1];
            int seed = Integer.parseInt(f[1]);
            if (!key.equals(current)) {
                current = key;
                g = new CoinRunGame(DistributionMode.parse(f[0]));
                g.reset(seed);
                actions = new org.rlvision.env.FidelityActions(seed + 1);
            }
            int action = actions.next();
            assertEquals(Integer.parseInt(f[3]), action, "action generator");
            g.step(action);
            boolean done = g.done();
            boolean complete = g.levelComplete();
            if (done) {
                episodes++;
                coins += complete ? 1 : 0;
                g.reset(seed); // num_levels=1: Procgen replays the same level
            }
            String where = key + " step " + f[2];
            assertEquals(f[4] + " " + f[5] + " " + f[6] + " " + f[7] + " " + f[8] + " " + f[9],
                    bits(g.agent().x()) + " " + bits(g.agent().y()) + " " + bits(g.agent().vx()) + " "
                            + bits(g.agent().vy()) + " " + (done ? 1 : 0) + " " + (complete ? 1 : 0),
                    where + ": agent x y vx vy (float bits) done complete");
            steps++;
        }
        assertEquals(50 * 300, steps);
        assertTrue(episodes > 30 && coins > 10, "the traces exercise endings: " + episodes + " episodes, " + coins + " coins");
    }

    private static String bits(float v) {
        return Integer.toHexString(Float.floatToIntBits(v));
    }

    /** The canonical layout string the golden hashes were computed from (see procgen-levels.tsv). */
    static String canonical(CoinRunGame g) {
        StringBuilder c = new StringBuilder();
        for (int y = CoinRunGame.HEIGHT - 1; y >= 0; y--) {
            for (int x = 0; x < CoinRunGame.WIDTH; x++) {
                c.append(g.cell(x, y)).append(x == CoinRunGame.WIDTH - 1 ? '/' : ',');
            }
        }
        c.append('|');
        for (int i = 0; i < g.entityCount(); i++) {
            Entity e = g.entity(i);
            c.append(e.type).append(',').append(f6(e.x)).append(',').append(f6(e.y)).append(',').append(f6(e.vx))
                    .append(',').append(f6(e.vy)).append(',').append(f6(e.rx)).append(',').append(f6(e.ry))
                    .append(',').append(e.imageTheme).append(';');
        }
        return c.toString();
    }

    private static String f6(float v) {
        return String.format(Locale.ROOT, "%.6f", (double) v);
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String resource, boolean gzip) throws IOException {
        InputStream raw = ProcgenGoldenTest.class.getResourceAsStream(resource);
        if (raw == null) {
            fail("missing test resource " + resource);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
        }
        return out;
    }
}
