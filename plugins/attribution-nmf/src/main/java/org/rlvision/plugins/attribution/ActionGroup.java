package org.rlvision.plugins.attribution;

import java.util.List;
import java.util.Locale;
import org.rlvision.env.Action;
import org.rlvision.plugin.PluginException;

/**
 * The article's action groups for attributing the policy: every Procgen action that moves right,
 * left, up or down, or none of those (NOOP and the extra keys D A W S Q E). A diagonal action
 * belongs to two groups.
 */
public enum ActionGroup {
    /** Actions with a rightward component. */
    RIGHT,
    /** Actions with a leftward component. */
    LEFT,
    /** Actions with an upward component (jumps). */
    UP,
    /** Actions with a downward component. */
    DOWN,
    /** Actions that move in no direction. */
    NONE;

    /** The lower-case name used in options, e.g. {@code right}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if Procgen's action {@code a} belongs to this group. */
    public boolean contains(Action a) {
        return switch (this) {
            case RIGHT -> a.dx() > 0;
            case LEFT -> a.dx() < 0;
            case UP -> a.dy() > 0;
            case DOWN -> a.dy() < 0;
            case NONE -> a.dx() == 0 && a.dy() == 0;
        };
    }

    /**
     * A 0/1 mask over the model's actions, which must be Procgen's, in its order.
     *
     * @throws PluginException if the model's actions are not Procgen's
     */
    public float[] mask(List<String> actionNames) {
        float[] m = new float[actionNames.size()];
        for (int i = 0; i < m.length; i++) {
            Action a;
            try {
                a = Action.parse(actionNames.get(i));
            } catch (IllegalArgumentException e) {
                throw new PluginException("action groups need Procgen's actions, but the model's action " + i + " is '"
                        + actionNames.get(i) + "'; attribute a logit (output=logit:<action>) instead");
            }
            m[i] = contains(a) ? 1f : 0f;
        }
        return m;
    }

    /**
     * The group with this id.
     *
     * @throws PluginException listing the groups
     */
    static ActionGroup parse(String id, String option) {
        for (ActionGroup g : values()) {
            if (g.id().equalsIgnoreCase(id.trim())) {
                return g;
            }
        }
        throw new PluginException("--opt output=" + option + " names action group '" + id
                + "'; use right, left, up, down or none");
    }
}
