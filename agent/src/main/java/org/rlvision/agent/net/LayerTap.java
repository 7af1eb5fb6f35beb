package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;

/**
 * Sees every layer's output during a forward pass and returns what flows on: the same array
 * (capture), a rewritten one (intervention) or a detached copy (splitting for gradients).
 */
@FunctionalInterface
public interface LayerTap {
    /** A tap that changes nothing. */
    LayerTap IDENTITY = (index, name, activation) -> activation;

    /**
     * Called once per layer, in network order.
     *
     * @param index      the layer's position in {@link ActorCriticNet#layerNames()}
     * @param name       the layer's name
     * @param activation its output, {@code [B,C,H,W]} or {@code [B,N]}
     * @return the array the rest of the network consumes, same shape
     */
    NDArray onLayer(int index, String name, NDArray activation);
}
