package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlvision.env.coinrun.SemanticLabel;

/**
 * One arm of the experiment: the original agent, an edited agent, or the original agent in a
 * control environment whose observations leave some classes undrawn. Every arm plays every level.
 *
 * @param name   the arm's name: {@code original}, the edit as written, or the control's name
 * @param kind   which of the three
 * @param edits  the edits applied, in order (empty for the original and controls)
 * @param hidden classes not drawn (still in the game), e.g. {@code SAW} for invisible saws
 */
public record Arm(String name, Kind kind, List<Edit> edits, Set<SemanticLabel> hidden) {
    /** The name of the unedited arm. */
    public static final String ORIGINAL = "original";

    /** What an arm is. */
    public enum Kind {
        /** The agent as loaded. */
        ORIGINAL,
        /** The agent with edits. */
        EDIT,
        /** The agent as loaded, in an environment with hidden classes. */
        CONTROL
    }

    /** Copies the collections. */
    public Arm {
        edits = List.copyOf(edits);
        hidden = hidden.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hidden));
    }

    /** The original agent. */
    public static Arm original() {
        return new Arm(ORIGINAL, Kind.ORIGINAL, List.of(), Set.of());
    }

    /** The arm as JSON-ready values (name, kind, edits, hidden classes), as recorded in journals. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> e = new ArrayList<>();
        edits.forEach(x -> e.add(x.describe()));
        m.put("edits", e);
        m.put("hidden", EnumSet.copyOf(hidden.isEmpty() ? EnumSet.noneOf(SemanticLabel.class) : hidden).stream().map(Enum::name).toList());
        return m;
    }

    /** A file-name-safe form of the name, e.g. {@code project-2b-nmf-saw}. */
    public String slug() {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "arm" : s.length() > 60 ? s.substring(0, 60) : s;
    }
}
