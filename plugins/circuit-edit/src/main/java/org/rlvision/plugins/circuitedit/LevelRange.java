package org.rlvision.plugins.circuitedit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlvision.plugin.PluginException;

/**
 * The level seeds an experiment plays, {@code first..last} inclusive (option {@code levels}).
 *
 * @param first the first level seed, ≥ 0
 * @param last  the last level seed, ≥ first
 */
public record LevelRange(int first, int last) {
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*(?:\\.\\.\\s*(\\d+)\\s*)?");

    /** Checks the bounds. */
    public LevelRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a level range needs 0 <= first <= last, got " + first + ".." + last);
        }
    }

    /**
     * Parses {@code A..B} or a single seed {@code A}.
     *
     * @throws PluginException naming the option and the expected form
     */
    public static LevelRange parse(String text) {
        Matcher m = RANGE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new PluginException("--opt levels=" + text + " is not a level range; write FIRST..LAST, e.g. levels=0..9999");
        }
        try {
            int a = Integer.parseInt(m.group(1));
            int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
            if (b < a) {
                throw new PluginException("--opt levels=" + text + " ends before it starts; write FIRST..LAST with FIRST <= LAST");
            }
            return new LevelRange(a, b);
        } catch (NumberFormatException e) {
            throw new PluginException("--opt levels=" + text + " has a seed above " + Integer.MAX_VALUE + "; level seeds are 0.."
                    + Integer.MAX_VALUE, e);
        }
    }

    /** Number of levels. */
    public int size() {
        return last - first + 1;
    }

    /** True if {@code level} is in the range. */
    public boolean contains(int level) {
        return level >= first && level <= last;
    }

    /** The seed at {@code position} (0-based). */
    public int level(int position) {
        return first + position;
    }

    /** The position of a seed in the range. */
    public int position(int level) {
        return level - first;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + ".." + last;
    }
}
