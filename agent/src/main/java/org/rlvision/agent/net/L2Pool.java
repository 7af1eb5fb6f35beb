package org.rlvision.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The L2 pooling of the clear CNN: {@code sqrt(avgpool2x2(x²) + 1e-8)} with stride 2, mapping
 * {@code [B,C,H,W]} to {@code [B,C,H/2,W/2]}.
 */
public final class L2Pool {
    /** The constant added under the square root, as in the article. */
    public static final double EPSILON = 1e-8;

    private L2Pool() {
    }

    /**
     * Pools {@code x} ({@code [B,C,H,W]}, H and W even) to {@code [B,C,H/2,W/2]}.
     *
     * @param x activations, any floating type
     * @return the pooled activations, attached to {@code x}'s manager
     */
    public static NDArray apply(NDArray x) {
        NDArray mean = Pool.avgPool2d(x.square(), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        return mean.add(EPSILON).sqrt();
    }
}
