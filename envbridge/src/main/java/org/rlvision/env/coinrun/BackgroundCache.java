package org.rlvision.env.coinrun;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared, bounded cache of painted backgrounds keyed by (index, side): least recently used
 * pictures are dropped once the total exceeds {@link #BUDGET_BYTES} (all 62 backgrounds at the
 * 64×64 observation scale take about 19 MB and always fit).
 */
final class BackgroundCache {
    /** Memory budget for cached pictures, in bytes. */
    static final long BUDGET_BYTES = 160L << 20;

    private static final LinkedHashMap<Long, byte[]> PICTURES = new LinkedHashMap<>(64, 0.75f, true);
    private static long bytes;

    private BackgroundCache() {
    }

    /**
     * The picture of background {@code index} at {@code side × side} pixels, painted on first
     * use ({@code [side, side, 3]} RGB, world top row first; callers must not modify it).
     */
    static synchronized byte[] get(int index, int side) {
        long key = ((long) index << 32) | side;
        byte[] rgb = PICTURES.get(key);
        if (rgb == null) {
            rgb = BackgroundPainter.paint(index, side);
            PICTURES.put(key, rgb);
            bytes += rgb.length;
            Iterator<Map.Entry<Long, byte[]>> it = PICTURES.entrySet().iterator();
            while (bytes > BUDGET_BYTES && PICTURES.size() > 1) {
                Map.Entry<Long, byte[]> eldest = it.next();
                bytes -= eldest.getValue().length;
                it.remove();
            }
        }
        return rgb;
    }
}
