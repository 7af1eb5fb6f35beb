package org.rlvision.plugins.attribution;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.Agent;
import org.rlvision.agent.GradientResult;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.Observations;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EnvSpec;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integrated gradients on real DJL agents: an analytic tiny network, and completeness at 2b. */
class IntegratedGradientsTest {
    static Agent agent;
    static Observations.Frames frames;

    @BeforeAll
    static void setUp() {
        agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 11);
        EnvOptions options = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
                .optStartLevel(50).optNumLevels(100).optRandSeed(3).build();
        try (CoinRunVecEnv env = CoinRunVecEnv.create(6, options)) {
            int[] actions = new int[6];
            java.util.Arrays.fill(actions, 8);
            for (int t = 0; t < 20; t++) {
                env.act(actions);
            }
            frames = new Observations.Frames(6, 64, 64, 3, env.observe().observations().clone());
        }
    }

    @AfterAll
    static void tearDown() {
        agent.close();
    }

    /**
     * The tiny network is the clear CNN at 16×16 with 2 channels per conv layer and dense layers
     * 4 → 3, hosted by a real {@link Agent}; IG runs from {@code fc1} (h, 4 units) to the value
     * {@code V = Σ_i v_i·relu(W2·h + b2)_i + b_v}. Along the path α·h unit i is active where
     * {@code α·z_i + b2_i > 0} ({@code z = W2·h}), so the attribution is exactly
     * {@code h_j/10 · Σ_i (number of active α of unit i) · v_i · W2_ij}. The biases are planted so
     * that unit 0 is active for α ≥ 0.5 (6 of the 10 α), unit 1 always (10) and unit 2 for
     * α ≤ 0.2 (2). Had {@code Agent.gradient} reported the gradient with respect to the unscaled
     * activation, every term would be multiplied by its α and this would fail.
     */
    @Test
    void equalsTheAnalyticAnswerOnATinyLinearReluNetwork() {
        NetworkConfig tiny = new NetworkConfig(Architecture.CLEAR_CNN, 16, 16, 3, 3, List.of(2, 2, 2, 2, 2), List.of(4, 3));
        StateDict w = Agent.random(tiny, 5).stateDict()
                .with("fc1.bias", new Tensor(new int[] {4}, new float[] {0.5f, 0.7f, 0.3f, 0.9f}));
        float[] w2 = {1f, 0.5f, 0f, 0.2f, 0.3f, 0f, 1f, 0f, -1f, -0.5f, -0.2f, 0f};
        float[] v = {1.5f, -0.7f, 2f};
        byte[] pixels = new byte[16 * 16 * 3];
        new SplittableRandom(2).nextBytes(pixels);
        Observations.Frames obs = new Observations.Frames(1, 16, 16, 3, pixels);
        float[] h;
        try (Agent a = Agent.of(tiny, w)) {
            h = a.activations(obs, List.of("fc1")).get("fc1").data();
        }
        double[] z = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                z[i] += (double) w2[i * 4 + j] * h[j];
            }
        }
        assertTrue(z[0] > 0 && z[1] > 0 && z[2] < 0, "the planted signs hold: " + java.util.Arrays.toString(z));
        float[] b2 = {(float) (-0.45 * z[0]), (float) (0.1 * z[1]), (float) (0.25 * -z[2])};
        w = w.with("fc2.weight", new Tensor(new int[] {3, 4}, w2)).with("fc2.bias", new Tensor(new int[] {3}, b2))
                .with("v.weight", new Tensor(new int[] {1, 3}, v)).with("v.bias", new Tensor(new int[] {1}, new float[] {0.3f}));
        int[] active = {6, 10, 2};
        try (Agent a = Agent.of(tiny, w)) {
            LayerAttribution attr = new IntegratedGradients(a, "fc1", AttributedOutput.value(), 10, 8)
                    .attribute(obs, n -> { });
            assertEquals(4, attr.channels());
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int i = 0; i < 3; i++) {
                    expected += active[i] * v[i] * w2[i * 4 + j];
                }
                expected *= h[j] / 10.0;
                assertEquals(expected, attr.values()[j], 1e-5 * (1 + Math.abs(expected)), "attribution of unit " + j);
            }
            assertEquals(0.3f + v[1] * b2[1] + v[2] * b2[2], attr.baseline(), 1e-5,
                    "F(0) = b_v + Σ v_i·relu(b2_i), with units 1 and 2 having b2 > 0");
        }
    }

    /**
     * The former path, kept here as the reference: per batch and α one full {@link Agent#gradient}
     * with a hook scaling the layer by α, attribution {@code a·mean(∇F(α·a))} channels-last.
     */
    private static float[] fullGradientPath(Agent agent, String layer, AttributedOutput output, int steps,
            Observations.Frames obs) {
        float[] mean = null;
        Tensor activation = null;
        for (int i = 1; i <= steps; i++) {
            float alpha = (float) i / steps;
            GradientResult g = agent.gradient(obs, layer, output.function(), Hooks.of(layer, a -> a.mul(alpha)));
            float[] grad = g.activationGradient().data();
            mean = mean == null ? new float[grad.length] : mean;
            for (int j = 0; j < grad.length; j++) {
                mean[j] += grad[j];
            }
            activation = g.activation();
        }
        int b = activation.dim(0);
        int c = activation.dim(1);
        int hw = activation.dim(2) * activation.dim(3);
        float[] out = new float[activation.size()];
        for (int o = 0; o < b; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    int src = (o * c + ch) * hw + p;
                    out[(o * hw + p) * c + ch] = activation.data()[src] * mean[src] / steps;
                }
            }
        }
        return out;
    }

    /**
     * The activation-once path with α copies stacked into calls of 4, 12 and all rows (1, 3 with
     * an uneven last group, and 5 or 10 α per call for batches of 4 and 2) equals the former path
     * within 1e-5 of the largest attribution, outputs included.
     */
    @Test
    void stackedAlphasEqualTheFullGradientPerAlpha() {
        for (AttributedOutput output : List.of(AttributedOutput.value(),
                AttributedOutput.parse("logit-diff:RIGHT-LEFT", EnvSpec.procgen().actions()))) {
            float[] expected = fullGradientPath(agent, "2b", output, 10, frames);
            double largest = 0;
            for (float x : expected) {
                largest = Math.max(largest, Math.abs(x));
            }
            assertTrue(largest > 0, "nonzero attributions to compare");
            PolicyOutput out = agent.evaluate(frames);
            for (int rows : new int[] {4, 12, 1000}) {
                LayerAttribution a = new IntegratedGradients(agent, "2b", output, 10, 4, rows).attribute(frames, n -> { });
                assertEquals(expected.length, a.values().length);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], a.values()[j], 1e-5 * largest, output.name() + ", " + rows + " rows, value " + j);
                }
                if (output.name().equals("value")) {
                    for (int i = 0; i < frames.count(); i++) {
                        assertEquals(out.value(i), a.outputs()[i], 1e-5, "F(x) at α = 1, " + rows + " rows");
                    }
                }
            }
        }
    }

    @Test
    void attributionsSumToTheOutputChangeWithinTheRiemannError() {
        IntegratedGradients coarse = new IntegratedGradients(agent, "2b", AttributedOutput.value(), 2, 64);
        IntegratedGradients fine = new IntegratedGradients(agent, "2b", AttributedOutput.value(), 20, 64);
        LayerAttribution a2 = coarse.attribute(frames, n -> { });
        LayerAttribution a20 = fine.attribute(frames, n -> { });
        PolicyOutput out = agent.evaluate(frames);
        for (int i = 0; i < frames.count(); i++) {
            assertEquals(out.value(i), a20.outputs()[i], 1e-5, "F(x) is the network's value");
        }
        // Measured: 0.287 with 2 steps, 0.026 with 20 (this random agent, these frames).
        assertTrue(a20.completenessGap() < 0.05, "20 steps: gap " + a20.completenessGap());
        assertTrue(a20.completenessGap() < a2.completenessGap() / 3,
                "the right Riemann sum's error shrinks like 1/steps: " + a2.completenessGap() + " -> " + a20.completenessGap());
        assertEquals(32, a20.channels());
        assertEquals(32, a20.height());
        assertEquals(frames.count() * 32 * 32 * 32, a20.values().length);
    }

    @Test
    void anActionGroupsLogProbabilityIsTheLogOfItsActionsTotalProbability() {
        AttributedOutput right = AttributedOutput.parse("actions:right", EnvSpec.procgen().actions());
        LayerAttribution a = new IntegratedGradients(agent, "2b", right, 2, 64).attribute(frames, n -> { });
        PolicyOutput out = agent.evaluate(frames);
        for (int i = 0; i < frames.count(); i++) {
            double total = 0;
            double right3 = 0;
            for (int k = 0; k < 15; k++) {
                double e = Math.exp(out.logit(i, k));
                total += e;
                if (k == 6 || k == 7 || k == 8) {
                    right3 += e;
                }
            }
            assertEquals(Math.log(right3 / total), a.outputs()[i], 1e-5, "log P(RIGHT+DOWN, RIGHT, RIGHT+UP)");
        }
    }
}
