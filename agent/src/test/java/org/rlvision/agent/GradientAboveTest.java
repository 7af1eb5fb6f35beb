package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;

/**
 * {@link Agent#gradientAbove} against {@link Agent#gradient}: the same {@code ∂f/∂activation} from
 * the layers above alone, at the layer's own activation and at scaled ones, with hooks above.
 */
class GradientAboveTest {
    private static Agent clear;
    private static Agent impala;
    private static Observations.Frames frames;

    @BeforeAll
    static void load() {
        clear = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 7);
        impala = Agent.random(NetworkConfig.procgen(Architecture.IMPALA_CNN), 8);
        frames = Fixtures.frames(3);
    }

    @AfterAll
    static void close() {
        clear.close();
        impala.close();
    }

    private static final List<OutputFunction> FUNCTIONS = List.of(OutputFunction.value(), OutputFunction.logProb(4),
            OutputFunction.logitDifference(7, 1));

    /** |a − b| ≤ 1e-6·(1 + max|b|) elementwise, with equal shapes. */
    private static void assertClose(Tensor expected, Tensor actual, String what) {
        double bound = 1e-6 * (1 + Fixtures.maxAbs(expected));
        double diff = Fixtures.maxAbsDiff(expected, actual);
        assertTrue(diff <= bound, what + ": max |difference| " + diff + " > " + bound);
    }

    /** max |a − b| > 1% of max |a|: far beyond rounding. */
    private static void assertDiffer(Tensor a, Tensor b, String what) {
        double diff = Fixtures.maxAbsDiff(a, b);
        assertTrue(diff > 0.01 * Fixtures.maxAbs(a), what + " differ by only " + diff + " (max |a| " + Fixtures.maxAbs(a) + ")");
    }

    private static void assertMatchesGradient(Agent agent, String layer) {
        for (OutputFunction f : FUNCTIONS) {
            GradientResult full = agent.gradient(frames, layer, f);
            LayerGradient above = agent.gradientAbove(layer, full.activation(), f);
            assertEquals(layer, above.layer());
            assertArrayEquals(full.activation().shape(), above.gradient().shape());
            assertClose(full.outputs(), above.outputs(), layer + " " + f.describe() + " outputs");
            assertClose(full.activationGradient(), above.gradient(), layer + " " + f.describe() + " gradient");
            assertTrue(Fixtures.maxAbs(above.gradient()) > 0, layer + " " + f.describe() + ": a nonzero gradient to compare");
        }
    }

    @Test
    void clearCnnEqualsTheFullGradientAtEveryTrunkLayer() {
        for (String layer : List.of("1a", "2a", "2b", "3a", "4a", "fc1", "fc2")) {
            assertMatchesGradient(clear, layer);
        }
    }

    @Test
    void impalaEqualsTheFullGradientAtConvResidualAndDenseLayers() {
        for (String layer : List.of("conv1", "res1b", "res2a", "res3b", "fc1")) {
            assertMatchesGradient(impala, layer);
        }
    }

    /**
     * Rows {@code [a; 0.5·a]} in one call give, row by row, the gradient of the full network with a
     * hook scaling the layer by 1 and by 0.5: the gradient is taken at the given activation (the
     * integrated-gradients path), and stacked rows do not interact.
     */
    @Test
    void aStackOfScaledActivationsGivesTheGradientAtEachScale() {
        OutputFunction f = OutputFunction.value();
        Tensor a = clear.activations(frames, List.of("2b")).get("2b");
        int per = a.stride0();
        float[] stacked = new float[2 * a.size()];
        for (int i = 0; i < a.size(); i++) {
            stacked[i] = a.data()[i];
            stacked[a.size() + i] = 0.5f * a.data()[i];
        }
        int[] shape = a.shape();
        shape[0] *= 2;
        LayerGradient both = clear.gradientAbove("2b", new Tensor(shape, stacked), f);
        GradientResult one = clear.gradient(frames, "2b", f);
        GradientResult half = clear.gradient(frames, "2b", f, Hooks.of("2b", x -> x.mul(0.5f)));
        float[] g = both.gradient().data();
        assertClose(one.activationGradient(), new Tensor(a.shape(), java.util.Arrays.copyOfRange(g, 0, a.size())), "α = 1 rows");
        assertClose(half.activationGradient(), new Tensor(a.shape(), java.util.Arrays.copyOfRange(g, a.size(), 2 * a.size())),
                "α = 0.5 rows");
        assertDiffer(one.activationGradient(), half.activationGradient(), "the value is not linear in 2b, so the two scales");
        assertEquals(2 * frames.count(), both.outputs().size());
        assertEquals(per * 2 * frames.count(), g.length);
    }

    @Test
    void hooksAboveTheLayerStillApply() {
        OutputFunction f = OutputFunction.logProb(4);
        Hooks hooks = Hooks.of("3a", ActivationHook.zeroChannels(0, 1, 2, 3, 4, 5, 6, 7)).and("fc1", x -> x.mul(0.7f));
        GradientResult plain = clear.gradient(frames, "2b", f);
        GradientResult hooked = clear.gradient(frames, "2b", f, hooks);
        LayerGradient above = clear.gradientAbove("2b", hooked.activation(), f, hooks);
        assertClose(hooked.activationGradient(), above.gradient(), "hooked gradient");
        assertClose(hooked.outputs(), above.outputs(), "hooked outputs");
        assertDiffer(plain.activationGradient(), above.gradient(), "with and without the hooks, the gradients");
    }

    @Test
    void badLayersShapesAndHooksAreRefusedInOneSentence() {
        Tensor a = clear.activations(frames, List.of("2b")).get("2b");
        OutputFunction f = OutputFunction.value();
        String unknown = assertThrows(IllegalArgumentException.class, () -> clear.gradientAbove("9z", a, f)).getMessage();
        assertTrue(unknown.contains("no layer '9z'") && unknown.contains("2b"), unknown);
        String head = assertThrows(IllegalArgumentException.class, () -> clear.gradientAbove("v", a, f)).getMessage();
        assertEquals("gradientAbove needs a trunk layer but 'v' is a head; use fc2 or a layer below it", head);
        String wrongLayer = assertThrows(IllegalArgumentException.class, () -> clear.gradientAbove("3a", a, f)).getMessage();
        assertEquals("the activation for layer '3a' is [3,32,32,32] but must be [B,32,16,16] with a batch size B >= 1", wrongLayer);
        Tensor flat = new Tensor(new int[] {3 * 32, 32, 32}, a.data());
        String rank = assertThrows(IllegalArgumentException.class, () -> clear.gradientAbove("2b", flat, f)).getMessage();
        assertTrue(rank.startsWith("the activation for layer '2b' is [96,32,32] but must be [B,32,32,32]"), rank);
        Tensor empty = Tensor.zeros(0, 32, 32, 32);
        String none = assertThrows(IllegalArgumentException.class, () -> clear.gradientAbove("2b", empty, f)).getMessage();
        assertTrue(none.contains("B >= 1"), none);
        String below = assertThrows(IllegalArgumentException.class,
                () -> clear.gradientAbove("2b", a, f, Hooks.of("2a", x -> x.mul(2f)))).getMessage();
        assertTrue(below.startsWith("the hook on layer '2a' is not above layer '2b'"), below);
        String same = assertThrows(IllegalArgumentException.class,
                () -> clear.gradientAbove("2b", a, f, Hooks.of("2b", x -> x.mul(2f)))).getMessage();
        assertTrue(same.startsWith("the hook on layer '2b' is not above layer '2b'"), same);
    }

    /**
     * 150 calls on 16 observations at {@code 2b} handle over 6 MB of arrays each (the activation,
     * its gradient, 3a's output; 1 GB in all); with every array freed when its call returns,
     * resident memory grows by far less.
     */
    @Test
    void repeatedCallsRunInFlatMemory() throws Exception {
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isReadable(status), "resident memory is read from /proc (Linux)");
        Tensor a = clear.activations(Fixtures.frames(16), List.of("2b")).get("2b");
        OutputFunction f = OutputFunction.value();
        for (int i = 0; i < 20; i++) {
            clear.gradientAbove("2b", a, f);
        }
        long before = residentKb(status);
        for (int i = 0; i < 150; i++) {
            clear.gradientAbove("2b", a, f);
        }
        long grown = residentKb(status) - before;
        assertTrue(grown < 200_000, "resident memory grew by " + grown + " kB over 150 calls");
    }

    private static long residentKb(Path status) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in " + status);
    }
}
