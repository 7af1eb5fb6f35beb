package org.rlvision.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.net.ParameterSlot;

/**
 * Deterministic weights and frames shared with the Python reference ({@code src/test/python/reference_nets.py}).
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The Procgen-sized config of an architecture. */
    public static NetworkConfig config(Architecture a) {
        return NetworkConfig.procgen(a);
    }

    /** {@code hash_uniform(i, k)} of reference_nets.py: a value in [-1, 1). */
    static double hashUniform(long i, long k) {
        long m = 0xFFFFFFFFL;
        long h = ((i + 1) * 2654435761L + (k + 1) * 0x9E3779B9L) & m;
        h ^= h >>> 15;
        h = (h * 2246822519L) & m;
        h ^= h >>> 13;
        return h / 4294967296.0 * 2.0 - 1.0;
    }

    /** {@code formula_weights} of reference_nets.py for this config. */
    public static StateDict formulaWeights(NetworkConfig config) {
        List<ParameterSlot> slots = ActorCriticNet.build(config).layout().parameters();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < slots.size(); k++) {
            ParameterSlot p = slots.get(k);
            int[] shape = p.shapeArray();
            int fanIn = 1;
            for (int d = 1; d < shape.length; d++) {
                fanIn *= shape[d];
            }
            double scale = p.key().endsWith(".weight") ? Math.sqrt(6.0 / fanIn) : 0.01;
            float[] data = new float[Math.toIntExact(p.size())];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (scale * hashUniform(i, k));
            }
            out.put(p.key(), new Tensor(shape, data));
        }
        return StateDict.of(out);
    }

    /** {@code formula_observations} of reference_nets.py: B frames of 64×64×3. */
    public static Observations.Frames frames(int batch) {
        byte[] d = new byte[batch * 64 * 64 * 3];
        for (int i = 0; i < d.length; i++) {
            long h = ((i + 1L) * 2654435761L) & 0xFFFFFFFFL;
            d[i] = (byte) ((h >>> 16) & 0xFF);
        }
        return new Observations.Frames(batch, 64, 64, 3, d);
    }

    /** An agent with formula weights. */
    public static Agent formulaAgent(Architecture a, Precision p) {
        NetworkConfig c = config(a);
        return Agent.of(c, formulaWeights(c), p);
    }

    /** Largest absolute difference between two equally shaped tensors. */
    public static double maxAbsDiff(Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes differ: " + a.shapeText() + " vs " + b.shapeText());
        }
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return m;
    }

    /** Largest absolute value. */
    public static double maxAbs(Tensor a) {
        double m = 0;
        for (float x : a.data()) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
