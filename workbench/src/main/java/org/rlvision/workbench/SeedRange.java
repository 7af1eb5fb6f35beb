package org.rlvision.workbench;

import java.util.stream.IntStream;

/**
 * An inclusive range of level seeds written {@code A..B} (or a single seed {@code A}) on the
 * command line, e.g. {@code --seeds 0..15}.
 *
 * @param first first seed
 * @param last  last seed (inclusive)
 */
public record SeedRange(int first, int last) {
    /** Validates the range. */
    public SeedRange {
        if (first < 0 || last < first) {
            throw new UserException("seed range " + first + ".." + last + " is empty or negative; write A..B with 0 <= A <= B");
        }
    }

    /**
     * Parses {@code A..B} or {@code A}.
     *
     * @throws UserException naming the text and the expected form
     */
    public static SeedRange parse(String text) {
        String t = text.trim();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                int v = Integer.parseInt(t);
                return new SeedRange(v, v);
            }
            return new SeedRange(Integer.parseInt(t.substring(0, dots).trim()), Integer.parseInt(t.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new UserException("'" + text + "' is not a seed range; write A..B (e.g. 0..15) or a single seed");
        }
    }

    /** Number of seeds in the range. */
    public int size() {
        return last - first + 1;
    }

    /** The seeds in order. */
    public IntStream seeds() {
        return IntStream.rangeClosed(first, last);
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + ".." + last;
    }
}
