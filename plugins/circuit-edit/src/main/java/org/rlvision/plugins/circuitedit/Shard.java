package org.rlvision.plugins.circuitedit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlvision.plugin.PluginException;

/**
 * Which part of the levels this process plays (option {@code shard=i/n}): the levels at positions
 * {@code p} of the range with {@code p mod n = i}, so every shard gets a like mix of early and late
 * seeds and the {@code n} shards together cover the range exactly once.
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count the number of shards, ≥ 1
 */
public record Shard(int index, int count) {
    /** The whole range in one shard. */
    public static final Shard ALL = new Shard(0, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    /** Checks the bounds. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard needs 0 <= index < count, got " + index + "/" + count);
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws PluginException naming the option and the expected form
     */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new PluginException("--opt shard=" + text + " is not a shard; write INDEX/COUNT with 0 <= INDEX < COUNT, e.g. shard=0/4");
        }
        try {
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n < 1 || i >= n) {
                throw new PluginException("--opt shard=" + text + " is out of range; the index counts from 0, so use 0/" + Math.max(1, n)
                        + " .. " + (Math.max(1, n) - 1) + "/" + Math.max(1, n));
            }
            return new Shard(i, n);
        } catch (NumberFormatException e) {
            throw new PluginException("--opt shard=" + text + " has a number too large; write e.g. shard=0/4", e);
        }
    }

    /** True if the level at this position of the range belongs to this shard. */
    public boolean owns(int position) {
        return position % count == index;
    }

    /** The level seeds of {@code range} this shard plays, in increasing order. */
    public int[] levels(LevelRange range) {
        int n = (range.size() - index + count - 1) / count;
        int[] out = new int[Math.max(0, n)];
        for (int k = 0; k < out.length; k++) {
            out[k] = range.level(index + k * count);
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
