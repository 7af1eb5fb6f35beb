package org.rlvision.agent.train;

/**
 * Which actions DAgger accepts in a state the learner visits (the learner is trained to put its
 * probability on that set).
 */
public enum DaggerLabels {
    /** The expert's own action and those whose plans come within one running step of it ({@code CoinRunExpert.decide}). */
    NEAR_BEST,
    /** Every action after which the expert can still play on safely ({@code CoinRunExpert.decideSafe}). */
    SAFE,
    /** Every action after which a short look-ahead still finds a way to stay alive, however slow. */
    ALIVE;

    /** Parses {@code near-best} or {@code safe}. */
    public static DaggerLabels parse(String s) {
        return switch (s) {
            case "near-best" -> NEAR_BEST;
            case "safe" -> SAFE;
            case "alive" -> ALIVE;
            default -> throw new IllegalArgumentException("DAgger labels '" + s + "' are not known; use near-best, safe or alive");
        };
    }

    /** The command-line spelling. */
    public String id() {
        return switch (this) {
            case NEAR_BEST -> "near-best";
            case SAFE -> "safe";
            case ALIVE -> "alive";
        };
    }
}
