package org.rlvision.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Activation hooks by layer name, applied in forward passes; immutable.
 *
 * @param byLayer hook per layer name
 */
public record Hooks(Map<String, ActivationHook> byLayer) {
    private static final Hooks NONE = new Hooks(Map.of());

    /** Copies the map. */
    public Hooks {
        byLayer = Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
    }

    /** No hooks. */
    public static Hooks none() {
        return NONE;
    }

    /** One hook on one layer. */
    public static Hooks of(String layer, ActivationHook hook) {
        return new Hooks(Map.of(layer, hook));
    }

    /** These hooks plus {@code hook} on {@code layer}, chained after any hook already there. */
    public Hooks and(String layer, ActivationHook hook) {
        Map<String, ActivationHook> m = new LinkedHashMap<>(byLayer);
        m.merge(layer, hook, ActivationHook::andThen);
        return new Hooks(m);
    }

    /** True if no layer is hooked. */
    public boolean isEmpty() {
        return byLayer.isEmpty();
    }
}
