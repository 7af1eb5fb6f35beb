package org.rlvision.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.agent.net.ParameterSlot;

/**
 * Seeded random weights for an untrained network, drawn in Java so a seed gives the same weights
 * on every machine: PyTorch's default {@code U(−1/√fan_in, 1/√fan_in)} for every weight and bias,
 * with the policy head's weights scaled by 0.01 and its bias zero (as in the article).
 */
public final class WeightInit {
    private WeightInit() {
    }

    /**
     * Draws weights for every parameter of the layout, in layout order.
     *
     * @param layout the network's parameters
     * @param seed   the random seed
     * @return a full state dict
     */
    public static StateDict random(NetworkLayout layout, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, Integer> fanIn = new LinkedHashMap<>();
        for (ParameterSlot p : layout.parameters()) {
            int[] shape = p.shapeArray();
            if (p.key().endsWith(".weight")) {
                int f = 1;
                for (int i = 1; i < shape.length; i++) {
                    f *= shape[i];
                }
                fanIn.put(p.key().substring(0, p.key().length() - ".weight".length()), f);
            }
            String owner = p.key().substring(0, p.key().lastIndexOf('.'));
            int f = fanIn.getOrDefault(owner, 1);
            double bound = 1.0 / Math.sqrt(f);
            boolean policyHead = owner.equals("pi");
            float[] d = new float[Math.toIntExact(p.size())];
            for (int i = 0; i < d.length; i++) {
                double u = (rng.nextDouble() * 2 - 1) * bound;
                d[i] = policyHead ? (p.key().endsWith(".bias") ? 0f : (float) (0.01 * u)) : (float) u;
            }
            out.put(p.key(), new Tensor(shape, d));
        }
        return StateDict.of(out);
    }
}
