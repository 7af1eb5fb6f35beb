package org.rlvision.workbench;

import org.rlvision.env.Action;

import java.util.ArrayList;
import java.util.List;

/**
 * A scripted action sequence written as comma-separated actions with optional repeat counts,
 * e.g. {@code RIGHT*20,RIGHT+UP,RIGHT*8,NOOP*3} (names, enum names or indices 0..14).
 */
public final class ActionScript {
    private ActionScript() {
    }

    /**
     * Parses the script into action indices.
     *
     * @throws UserException naming the bad element
     */
    public static int[] parse(String script) {
        List<Integer> out = new ArrayList<>();
        for (String part : script.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int repeat = 1;
            int star = p.lastIndexOf('*');
            if (star >= 0) {
                try {
                    repeat = Integer.parseInt(p.substring(star + 1).trim());
                } catch (NumberFormatException e) {
                    throw new UserException("'" + p + "' in the action script has a bad repeat count; write ACTION*N, e.g. RIGHT*20");
                }
                if (repeat < 0) {
                    throw new UserException("'" + p + "' has a negative repeat count");
                }
                p = p.substring(0, star).trim();
            }
            Action a;
            try {
                a = Action.parse(p);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            for (int i = 0; i < repeat; i++) {
                out.add(a.ordinal());
            }
        }
        if (out.isEmpty()) {
            throw new UserException("the action script '" + script + "' has no actions; e.g. RIGHT*20,RIGHT+UP");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
