package org.rlvision.plugins.attribution;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlvision.env.Action;
import org.rlvision.env.EnvSpec;
import org.rlvision.plugin.PluginException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing the output option and the action groups. */
class AttributedOutputTest {
    static final List<String> ACTIONS = EnvSpec.procgen().actions();

    @Test
    void parsesEveryFormIntoACanonicalName() {
        assertEquals("value", AttributedOutput.parse("value", ACTIONS).name());
        assertEquals("logit:RIGHT+UP", AttributedOutput.parse("logit:8", ACTIONS).name());
        assertEquals("logit:RIGHT+UP", AttributedOutput.parse("logit:right+up", ACTIONS).name());
        assertEquals("logit:RIGHT+UP", AttributedOutput.parse("logit:RIGHT_UP", ACTIONS).name());
        assertEquals("logit-diff:RIGHT-LEFT", AttributedOutput.parse("logit-diff:RIGHT-LEFT", ACTIONS).name());
        assertEquals("logit-diff:RIGHT-LEFT", AttributedOutput.parse("logit-diff:7-1", ACTIONS).name());
        assertEquals("actions:up", AttributedOutput.parse("actions:UP", ACTIONS).name());
    }

    @Test
    void badValuesNameTheOptionAndTheAcceptedForms() {
        PluginException e = assertThrows(PluginException.class, () -> AttributedOutput.parse("entropy", ACTIONS));
        assertTrue(e.getMessage().contains("--opt output=entropy") && e.getMessage().contains("logit-diff:<a>-<b>"), e.getMessage());
        e = assertThrows(PluginException.class, () -> AttributedOutput.parse("logit:JUMP", ACTIONS));
        assertTrue(e.getMessage().contains("'JUMP'") && e.getMessage().contains("0..14"), e.getMessage());
        e = assertThrows(PluginException.class, () -> AttributedOutput.parse("actions:sideways", ACTIONS));
        assertTrue(e.getMessage().contains("right, left, up, down or none"), e.getMessage());
        assertThrows(PluginException.class, () -> AttributedOutput.parse("value:1", ACTIONS));
        assertThrows(PluginException.class, () -> AttributedOutput.parse("logit-diff:RIGHT", ACTIONS));
    }

    @Test
    void actionGroupsFollowTheMovesOfProcgensActions() {
        // LEFT+DOWN LEFT LEFT+UP DOWN NOOP UP RIGHT+DOWN RIGHT RIGHT+UP D A W S Q E
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, ActionGroup.RIGHT.mask(ACTIONS));
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, ActionGroup.LEFT.mask(ACTIONS));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, ActionGroup.UP.mask(ACTIONS));
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, ActionGroup.DOWN.mask(ACTIONS));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, ActionGroup.NONE.mask(ACTIONS));
        assertTrue(ActionGroup.NONE.contains(Action.KEY_Q));
        assertThrows(PluginException.class, () -> ActionGroup.UP.mask(List.of("jump", "run")));
    }
}
