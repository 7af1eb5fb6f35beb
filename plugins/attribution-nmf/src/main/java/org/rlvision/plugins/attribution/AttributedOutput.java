package org.rlvision.plugins.attribution;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Locale;
import org.rlvision.agent.OutputFunction;
import org.rlvision.plugin.PluginException;

/**
 * What the attribution explains, parsed from the plugin's {@code output} option: {@code value}
 * (the default), {@code logit:<action>}, {@code logit-diff:<a>-<b>} or {@code actions:<group>}
 * (the log-probability of an {@link ActionGroup}); actions are given by name ({@code RIGHT+UP})
 * or index ({@code 8}).
 *
 * @param name     the canonical text, e.g. {@code logit:RIGHT+UP}, used in reports and {@code factors.json}
 * @param function the differentiable per-observation scalar
 */
public record AttributedOutput(String name, OutputFunction function) {
    /** The forms the option accepts, for messages. */
    public static final String FORMS = "value, logit:<action>, logit-diff:<a>-<b> or actions:<right|left|up|down|none>";

    /** The value estimate V(x). */
    public static AttributedOutput value() {
        return new AttributedOutput("value", OutputFunction.value());
    }

    /**
     * Parses the option.
     *
     * @param text        the option's value
     * @param actionNames the model's actions in logit order
     * @throws PluginException naming the option, the bad value and the accepted forms
     */
    public static AttributedOutput parse(String text, List<String> actionNames) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String kind = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : t.substring(colon + 1).trim();
        switch (kind) {
            case "value":
                if (colon < 0) {
                    return value();
                }
                break;
            case "logit": {
                int a = action(arg, actionNames, text);
                return new AttributedOutput("logit:" + actionNames.get(a), OutputFunction.logit(a));
            }
            case "logit-diff": {
                int dash = arg.indexOf('-');
                if (dash > 0) {
                    int a = action(arg.substring(0, dash), actionNames, text);
                    int b = action(arg.substring(dash + 1), actionNames, text);
                    return new AttributedOutput("logit-diff:" + actionNames.get(a) + "-" + actionNames.get(b),
                            OutputFunction.logitDifference(a, b));
                }
                break;
            }
            case "actions": {
                ActionGroup g = ActionGroup.parse(arg, text);
                return new AttributedOutput("actions:" + g.id(), groupLogProb(g.mask(actionNames)));
            }
            default:
                break;
        }
        throw new PluginException("--opt output=" + text + " is not an output; use " + FORMS);
    }

    private static int action(String s, List<String> names, String option) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(t);
            if (i < names.size()) {
                return i;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(t) || names.get(i).replace('+', '_').equalsIgnoreCase(t)) {
                return i;
            }
        }
        throw new PluginException("--opt output=" + option + " names action '" + s + "', which the model does not have; use "
                + "an index 0.." + (names.size() - 1) + " or one of " + String.join(" ", names));
    }

    /**
     * {@code log Σ_{a∈G} π(a|x) = logsumexp(logits_G) − logsumexp(logits)}, shifted by the row
     * maximum for stability (the shift cancels, in value and in gradient).
     */
    private static OutputFunction groupLogProb(float[] mask) {
        return (logits, values) -> {
            if (logits.getShape().get(1) != mask.length) {
                throw new IllegalArgumentException("the action group has " + mask.length + " actions but the logits have "
                        + logits.getShape().get(1));
            }
            NDArray shifted = logits.sub(logits.max(new int[] {1}, true));
            NDArray e = shifted.exp();
            NDArray m = logits.getManager().create(mask).toType(logits.getDataType(), false).reshape(1, mask.length);
            return e.mul(m).sum(new int[] {1}).log().sub(e.sum(new int[] {1}).log());
        };
    }
}
