package org.rlvision.env;

/**
 * The 15 discrete actions of every Procgen game, in Procgen's order ({@code env.py get_combos}).
 *
 * <p>Actions 0–8 are the 3×3 grid of horizontal × vertical moves; 9–14 are the extra keys
 * (D, A, W, S, Q, E), which in CoinRun stand still. The decoding used by Procgen is
 * {@code dx = a/3 - 1}, {@code dy = a%3 - 1} for the moves.
 */
public enum Action {
    LEFT_DOWN("LEFT+DOWN"),
    LEFT("LEFT"),
    LEFT_UP("LEFT+UP"),
    DOWN("DOWN"),
    NOOP("NOOP"),
    UP("UP"),
    RIGHT_DOWN("RIGHT+DOWN"),
    RIGHT("RIGHT"),
    RIGHT_UP("RIGHT+UP"),
    KEY_D("D"),
    KEY_A("A"),
    KEY_W("W"),
    KEY_S("S"),
    KEY_Q("Q"),
    KEY_E("E");

    /** Number of actions, 15. */
    public static final int COUNT = 15;

    private static final Action[] VALUES = values();

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** Procgen's name for the key combination, e.g. {@code RIGHT+UP}. */
    public String label() {
        return label;
    }

    /** Horizontal direction −1, 0 or +1 (0 for the extra keys). */
    public int dx() {
        return ordinal() >= 9 ? 0 : ordinal() / 3 - 1;
    }

    /** Vertical direction −1, 0 or +1, up positive (0 for the extra keys). */
    public int dy() {
        return ordinal() >= 9 ? 0 : ordinal() % 3 - 1;
    }

    /**
     * The action with this index.
     *
     * @throws IllegalArgumentException naming the bad index and the valid range
     */
    public static Action of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("action " + index + " is out of range; valid actions are 0.." + (COUNT - 1));
        }
        return VALUES[index];
    }

    /**
     * Parses an action by index ("7"), enum name ("RIGHT_UP") or Procgen label ("RIGHT+UP"), ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Action parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return of(Integer.parseInt(t));
        }
        for (Action a : VALUES) {
            if (a.name().equalsIgnoreCase(t) || a.label.equalsIgnoreCase(t)) {
                return a;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Action a : VALUES) {
            known.append(known.length() == 0 ? "" : ", ").append(a.label);
        }
        throw new IllegalArgumentException("unknown action '" + text + "'; use an index 0..14 or one of " + known);
    }
}
