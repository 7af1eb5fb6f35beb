package org.rlvision.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Activations captured in one forward pass, by layer name, each {@code [B,C,H,W]} (NCHW) for
 * conv layers or {@code [B,N]} for dense layers and heads, after any hook on that layer.
 *
 * @param byLayer the captured layers in network order
 */
public record LayerActivations(Map<String, Tensor> byLayer) {
    /** Copies the map, keeping its order. */
    public LayerActivations {
        byLayer = Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
    }

    /**
     * The activation of {@code layer}.
     *
     * @throws IllegalArgumentException if the layer was not captured
     */
    public Tensor get(String layer) {
        Tensor t = byLayer.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("layer '" + layer + "' was not captured; captured: "
                    + String.join(" ", byLayer.keySet()));
        }
        return t;
    }
}
