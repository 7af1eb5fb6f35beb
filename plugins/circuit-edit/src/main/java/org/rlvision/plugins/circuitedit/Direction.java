package org.rlvision.plugins.circuitedit;

import java.util.Arrays;

/**
 * A direction in a layer's channel space (one value per channel) that an edit removes, with where
 * it came from.
 *
 * @param values one value per channel of the layer; all zero means "no direction", which edits treat as the identity
 * @param source what it is, e.g. {@code nmf:saw = factor 3 'saw' (IoU 0.430)}
 */
public record Direction(float[] values, String source) {
    /** Checks the values are finite and copies them. */
    public Direction {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a direction needs at least one value");
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("direction " + source + " has a non-finite value " + v);
            }
        }
        values = values.clone();
        source = source == null ? "" : source;
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of channels. */
    public int length() {
        return values.length;
    }

    /** True if every value is zero: projecting it out changes nothing. */
    public boolean isZero() {
        for (float v : values) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Direction d && Arrays.equals(values, d.values) && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + source.hashCode();
    }

    @Override
    public String toString() {
        return source + " " + Arrays.toString(values);
    }
}
