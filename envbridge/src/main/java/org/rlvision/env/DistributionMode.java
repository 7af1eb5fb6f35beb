package org.rlvision.env;

import java.util.Locale;

/** Procgen's {@code distribution_mode} for CoinRun: {@code easy} or {@code hard} (Procgen's default). */
public enum DistributionMode {
    /** Procgen's EasyMode (0): one theme, no enemies on platforms. */
    EASY(0),
    /** Procgen's HardMode (1): random agent colour, ground theme and background; enemies on platforms. */
    HARD(1);

    private final int procgenId;

    DistributionMode(int procgenId) {
        this.procgenId = procgenId;
    }

    /** The integer Procgen uses in its options ({@code 0} easy, {@code 1} hard). */
    public int procgenId() {
        return procgenId;
    }

    /** Procgen's option value, {@code "easy"} or {@code "hard"}. */
    public String procgenName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code easy} or {@code hard}, ignoring case. */
    public static DistributionMode parse(String text) {
        for (DistributionMode m : values()) {
            if (m.procgenName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("distribution_mode '" + text + "' is not supported; use easy or hard");
    }
}
