package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Observations;
import org.rlvision.agent.Tensor;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;

/**
 * The kernel projection equals the activation-space projection where theory says so: between
 * {@code 2a} and {@code 2b} only a linear convolution sits (zero padding stays zero under P), so
 * projecting v out of 2b's kernel slices equals projecting it out of 2a's activation; across the
 * L2 pool between {@code 2b} and {@code 3a} (the article's case) it is only an approximation.
 */
class EditEquivalenceTest {
    static Agent agent;
    static Observations frames;

    @BeforeAll
    static void setUp() {
        agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 11);
        int n = 8;
        byte[] obs = new byte[n * 64 * 64 * 3];
        CoinRunRenderer r = new CoinRunRenderer(true, true);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            CoinRunGame g = new CoinRunGame(DistributionMode.HARD);
            g.reset(100 + i);
            for (int t = 0; t < 15 && !g.done(); t++) {
                g.step(rnd.nextInt(15));
            }
            r.render(g, obs, i * 64 * 64 * 3);
        }
        frames = Observations.frames(obs, 64, 64, 3);
    }

    @AfterAll
    static void close() {
        agent.close();
    }

    static float[] direction(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(0, 1);
        }
        return v;
    }

    /** Largest |a−b| relative to the largest |a|, on the activation of {@code layer}. */
    static double relativeDifference(Arm a, Arm b, String layer) {
        try (ArmModel ma = ArmModel.of(agent, a); ArmModel mb = ArmModel.of(agent, b)) {
            Tensor x = ma.agent().activations(frames, List.of(layer), ma.hooks()).get(layer);
            Tensor y = mb.agent().activations(frames, List.of(layer), mb.hooks()).get(layer);
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < x.data().length; i++) {
                diff = Math.max(diff, Math.abs(x.data()[i] - y.data()[i]));
                scale = Math.max(scale, Math.abs(x.data()[i]));
            }
            assertTrue(scale > 0, "the activation is not all zero");
            return diff / scale;
        }
    }

    static Arm arm(String edit) {
        return ArmParser.forOption(ArmParserTest.LAYOUT, "").parse(edit, "").get(1);
    }

    static Arm armWithDirection(String kind, String layer, float[] v) {
        Edit e = kind.equals("project") ? new Edit.KernelProjection(layer, new Direction(v, "test"), kind + ":" + layer)
                : new Edit.ActivationProjection(layer, new Direction(v, "test"), kind + ":" + layer);
        return new Arm(kind, Arm.Kind.EDIT, List.of(e), java.util.Set.of());
    }

    @Test
    void kernelProjectionAt2aEqualsActivationProjectionAt2a() {
        float[] v = direction(3);
        double d = relativeDifference(armWithDirection("project", "2a", v), armWithDirection("act-project", "2a", v), "2b");
        assertTrue(d < 1e-5, "2b activations agree to float rounding, got relative difference " + d);
        double logits = relativeDifference(armWithDirection("project", "2a", v), armWithDirection("act-project", "2a", v), "pi");
        assertTrue(logits < 1e-4, "and so do the logits: " + logits);
        double changed = relativeDifference(armWithDirection("act-project", "2a", v), Arm.original(), "2b");
        assertTrue(changed > 1e-2, "while the edit itself changes 2b: " + changed);
    }

    @Test
    void kernelAblationEqualsActivationAblation() {
        double d = relativeDifference(arm("ablate:2a:3:17:30"), arm("act-ablate:2a:3:17:30"), "2b");
        assertTrue(d < 1e-6, "zeroing kernel slices equals zeroing the channels: " + d);
        assertTrue(relativeDifference(arm("act-ablate:2a:3:17:30"), Arm.original(), "2b") > 1e-3, "the ablation changes 2b");
    }

    @Test
    void acrossTheL2PoolTheKernelEditIsOnlyAnApproximation() {
        float[] v = direction(4);
        double edit = relativeDifference(armWithDirection("project", "2b", v), armWithDirection("act-project", "2b", v), "3a");
        double none = relativeDifference(armWithDirection("project", "2b", v), Arm.original(), "3a");
        assertTrue(edit > 1e-3, "an L2 pool sits between 2b and 3a, so the two edits differ: " + edit);
        assertTrue(none > 1e-3, "and the edit does change 3a: " + none);
    }

    @Test
    void zeroDirectionsPlayTheOriginalAgentItself() {
        try (ArmModel zero = ArmModel.of(agent, armWithDirection("project", "2b", new float[32]));
             ArmModel real = ArmModel.of(agent, armWithDirection("project", "2b", direction(1)))) {
            assertSame(agent, zero.agent(), "no copy, no change");
            assertTrue(zero.hooks().isEmpty());
            assertNotSame(agent, real.agent());
        }
    }
}
