package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkLayout;

class InterventionTest {
    private static Agent clear;
    private static Agent clear64;
    private static Agent impala;
    private static final Observations OBS = Fixtures.frames(3);

    @BeforeAll
    static void load() {
        clear = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32);
        clear64 = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT64);
        impala = Fixtures.formulaAgent(Architecture.IMPALA_CNN, Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        clear.close();
        clear64.close();
        impala.close();
    }

    private static float[] direction(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static void assertSameOutputs(PolicyOutput a, PolicyOutput b, double tol) {
        double d = Math.max(Fixtures.maxAbsDiff(a.logits(), b.logits()), Fixtures.maxAbsDiff(a.values(), b.values()));
        assertTrue(d <= tol, "outputs differ by " + d);
    }

    @Test
    void zeroingAChannelByHookEqualsZeroingThatInputChannelOfTheNextKernel() {
        for (Agent agent : List.of(clear, clear64)) {
            PolicyOutput hooked = agent.evaluate(OBS, Hooks.of("2a", ActivationHook.zeroChannels(5, 17)));
            try (Agent edited = agent.withWeightEdit(WeightEdit.zeroInputChannels("2b", 5, 17))) {
                assertSameOutputs(hooked, edited.evaluate(OBS), agent.precision() == Precision.FLOAT64 ? 1e-12 : 1e-5);
            }
            assertNotEquals(hooked.logits(), agent.evaluate(OBS).logits(), "the intervention changes the outputs");
        }
        PolicyOutput hooked = impala.evaluate(OBS, Hooks.of("res1b", ActivationHook.zeroChannels(3)));
        try (Agent edited = impala.withWeightEdit(WeightEdit.zeroInputChannels("conv2", 3))) {
            assertSameOutputs(hooked, edited.evaluate(OBS), 1e-4);
        }
    }

    @Test
    void projectingOutADirectionByHookEqualsHiltonsKernelEdit() {
        float[] v = direction(32, 1);
        PolicyOutput hooked = clear64.evaluate(OBS, Hooks.of("2a", ActivationHook.projectOut(v)));
        try (Agent edited = clear64.withWeightEdit(WeightEdit.projectInputDirection("2b", v))) {
            assertSameOutputs(hooked, edited.evaluate(OBS), 1e-6);
        }
        // across the L2 pool (the article's 2b -> 3a edit) the two are close, not equal
        float[] oneHot = new float[32];
        oneHot[9] = 1;
        PolicyOutput viaHook = clear64.evaluate(OBS, Hooks.of("2b", ActivationHook.projectOut(oneHot)));
        try (Agent edited = clear64.withWeightEdit(WeightEdit.projectInputDirection("3a", oneHot))) {
            PolicyOutput viaEdit = edited.evaluate(OBS);
            double d = Fixtures.maxAbsDiff(viaHook.logits(), viaEdit.logits());
            assertTrue(d > 0 && d < 1e-3 * Fixtures.maxAbs(viaHook.logits()), "difference " + d);
        }
    }

    @Test
    void kernelEditLeftMultipliesEveryInputChannelSliceByTheProjection() {
        float[] v = direction(32, 2);
        NetworkLayout layout = clear.layout();
        StateDict before = clear.stateDict();
        StateDict after = WeightEdit.projectInputDirection("3a", v).apply(before, layout);
        Tensor w = before.get("conv3a.weight");
        Tensor e = after.get("conv3a.weight");
        double n2 = 0;
        for (float x : v) {
            n2 += x * x;
        }
        for (int o = 0; o < 32; o += 7) {
            for (int i = 0; i < 5; i += 2) {
                for (int j = 0; j < 5; j += 3) {
                    for (int c = 0; c < 32; c++) {
                        double pw = 0;   // (P w)_c = sum_d (delta_cd - v_c v_d / |v|^2) w_d
                        for (int d = 0; d < 32; d++) {
                            pw += ((c == d ? 1 : 0) - v[c] * v[d] / n2) * w.get(o, d, i, j);
                        }
                        assertEquals(pw, e.get(o, c, i, j), 1e-6);
                    }
                }
            }
        }
        for (String k : before.keys()) {
            if (!k.equals("conv3a.weight")) {
                assertEquals(before.get(k), after.get(k), k + " is untouched");
            }
        }
        // a dense kernel reading a flattened [32,4,4] activation: each of the 16 positions is projected
        Tensor fc = WeightEdit.projectInputDirection("fc1", v).apply(before, layout).get("fc1.weight");
        for (int o = 0; o < 256; o += 51) {
            for (int s = 0; s < 16; s++) {
                double dot = 0;
                for (int c = 0; c < 32; c++) {
                    dot += v[c] * fc.get(o, c * 16 + s);
                }
                assertEquals(0, dot, 1e-5);
            }
        }
    }

    @Test
    void editsNeverMutateTheOriginal() {
        StateDict before = clear.stateDict();
        PolicyOutput out = clear.evaluate(OBS);
        try (Agent edited = clear.withWeightEdit(WeightEdit.projectInputDirection("3a", direction(32, 3))
                .andThen(WeightEdit.zeroInputChannels("fc2", 0, 1, 2)))) {
            assertNotEquals(before, edited.stateDict());
        }
        assertEquals(before, clear.stateDict());
        assertEquals(out.logits(), clear.evaluate(OBS).logits());
    }

    @Test
    void hooksRewriteActivationsAsDefined() {
        Tensor plain = clear.activations(OBS, List.of("2b")).get("2b");
        float[] v = direction(32, 4);
        double n2 = 0;
        for (float x : v) {
            n2 += (double) x * x;
        }
        Tensor zeroed = clear.activations(OBS, List.of("2b"), Hooks.of("2b", ActivationHook.zeroChannels(3))).get("2b");
        Tensor projected = clear.activations(OBS, List.of("2b"), Hooks.of("2b", ActivationHook.projectOut(v))).get("2b");
        Tensor added = clear.activations(OBS, List.of("2b"), Hooks.of("2b", ActivationHook.addDirection(v, 0.5f))).get("2b");
        for (int b = 0; b < 3; b++) {
            for (int y = 0; y < 32; y += 5) {
                for (int x = 0; x < 32; x += 3) {
                    double dot = 0;
                    for (int c = 0; c < 32; c++) {
                        dot += v[c] * plain.get(b, c, y, x);
                    }
                    for (int c = 0; c < 32; c++) {
                        float a = plain.get(b, c, y, x);
                        assertEquals(c == 3 ? 0f : a, zeroed.get(b, c, y, x));
                        assertEquals(a - v[c] * dot / n2, projected.get(b, c, y, x), 1e-5);
                        assertEquals(a + 0.5 * v[c], added.get(b, c, y, x), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void badInterventionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clear.evaluate(OBS, Hooks.of("2c", ActivationHook.zeroChannels(0))));
        assertEquals("no layer '2c'; known: 1a 2a 2b 3a 4a fc1 fc2 pi v", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.evaluate(OBS, Hooks.of("1a", ActivationHook.zeroChannels(16))));
        assertEquals("channel 16 is outside 0..15 of an activation with 16 channels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.evaluate(OBS, Hooks.of("1a", ActivationHook.projectOut(new float[32]))));
        assertTrue(e.getMessage().startsWith("a direction must be a non-zero finite vector"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.evaluate(OBS, Hooks.of("1a", ActivationHook.projectOut(direction(32, 5)))));
        assertEquals("a direction of length 32 does not match an activation of shape (3, 16, 64, 64) (channels on axis 1); "
                + "use one value per channel", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.evaluate(OBS, Hooks.of("2a", a -> a.get("0:1"))));
        assertEquals("the hook on layer '2a' changed its shape from (3, 32, 32, 32) to (1, 32, 32, 32); "
                + "hooks must keep the shape", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.withWeightEdit(WeightEdit.projectInputDirection("3a", direction(16, 6))));
        assertEquals("layer '3a' reads 32 input channels (from '2b') but the direction has length 16; "
                + "give one value per channel", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> impala.withWeightEdit(WeightEdit.zeroInputChannels("res2a", 0)));
        assertTrue(e.getMessage().startsWith("layer 'res2a' has a skip connection"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> clear.withWeightEdit(WeightEdit.zeroInputChannels("1a", 3)));
        assertEquals("input channel 3 of layer '1a' is outside 0..2", e.getMessage());
    }
}
