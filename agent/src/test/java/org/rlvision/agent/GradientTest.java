package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;

/**
 * Gradients against central finite differences, in float64 so the differences are exact to ~1e-10.
 * Outputs for the differences are read in double precision through hooks on {@code pi} and {@code v}.
 */
class GradientTest {
    private static Agent clear;
    private static Agent impala;
    private static Observations.Pixels obs;

    @BeforeAll
    static void load() {
        clear = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT64);
        impala = Fixtures.formulaAgent(Architecture.IMPALA_CNN, Precision.FLOAT64);
        obs = Observations.pixelsOf(Fixtures.frames(2));
    }

    @AfterAll
    static void close() {
        clear.close();
        impala.close();
    }

    /** A host-side definition of each output function, independent of the NDArray one. */
    private record Scalar(OutputFunction f, ToDoubleBiFunction<double[], Double> onHost) {
    }

    private static double logSoftmax(double[] logits, int a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double s = 0;
        for (double l : logits) {
            s += Math.exp(l - max);
        }
        return logits[a] - max - Math.log(s);
    }

    private static final List<Scalar> SCALARS = List.of(
            new Scalar(OutputFunction.value(), (l, v) -> v),
            new Scalar(OutputFunction.logit(7), (l, v) -> l[7]),
            new Scalar(OutputFunction.logitDifference(7, 1), (l, v) -> l[7] - l[1]),
            new Scalar(OutputFunction.logProb(4), (l, v) -> logSoftmax(l, 4)));

    /** f for example {@code b}, computed on the host from float64 logits and value read by hooks. */
    private static double f(Agent agent, Observations x, Hooks extra, Scalar s, int b) {
        double[][] logits = new double[1][];
        double[][] values = new double[1][];
        Hooks h = extra.and("pi", a -> {
            logits[0] = a.toDoubleArray();
            return a;
        }).and("v", a -> {
            values[0] = a.toDoubleArray();
            return a;
        });
        agent.evaluate(x, h);
        int n = logits[0].length / values[0].length;
        double[] row = java.util.Arrays.copyOfRange(logits[0], b * n, (b + 1) * n);
        return s.onHost().applyAsDouble(row, values[0][b]);
    }

    /** Coordinates to check: a seeded sample plus the largest-gradient one. */
    private static int[] coordinates(Tensor g, int count, long seed) {
        Random r = new Random(seed);
        int[] idx = new int[count + 1];
        for (int i = 0; i < count; i++) {
            idx[i] = r.nextInt(g.size());
        }
        int best = 0;
        for (int i = 1; i < g.size(); i++) {
            if (Math.abs(g.data()[i]) > Math.abs(g.data()[best])) {
                best = i;
            }
        }
        idx[count] = best;
        return idx;
    }

    private static void assertMatchesFiniteDifferences(Agent agent, String layer, Scalar s) {
        GradientResult g = agent.gradient(obs, layer, s.f());
        double scale = Fixtures.maxAbs(g.activationGradient());
        assertTrue(scale > 0, "gradient at " + layer + " is all zeros (the non-leaf pitfall)");
        int perExample = g.activation().stride0();
        for (int j : coordinates(g.activationGradient(), 6, layer.hashCode())) {
            int b = j / perExample;
            double eps = 1e-6;
            double[] bump = new double[g.activation().size()];
            bump[j] = eps;
            Hooks plus = Hooks.of(layer, a -> a.add(a.getManager().create(bump, a.getShape())));
            Hooks minus = Hooks.of(layer, a -> a.sub(a.getManager().create(bump, a.getShape())));
            double fd = (f(agent, obs, plus, s, b) - f(agent, obs, minus, s, b)) / (2 * eps);
            double err = Math.abs(fd - g.activationGradient().data()[j]);
            assertTrue(err <= 1e-5 * scale + 1e-12, s.f().describe() + " d/d" + layer + "[" + j + "]: analytic "
                    + g.activationGradient().data()[j] + " vs finite difference " + fd);
        }
        assertInputMatches(agent, s, g.inputGradient());
    }

    private static void assertInputMatches(Agent agent, Scalar s, Tensor gx) {
        double scale = Fixtures.maxAbs(gx);
        assertTrue(scale > 0, "input gradient is all zeros");
        int perExample = gx.stride0();
        for (int j : coordinates(gx, 6, 99)) {
            int b = j / perExample;
            float[] up = obs.data().clone();
            float[] down = obs.data().clone();
            up[j] = (float) (up[j] + 1e-5);
            down[j] = (float) (down[j] - 1e-5);
            double step = (double) up[j] - down[j];
            double fd = (f(agent, Observations.pixels(up, 64, 64, 3), Hooks.none(), s, b)
                    - f(agent, Observations.pixels(down, 64, 64, 3), Hooks.none(), s, b)) / step;
            double err = Math.abs(fd - gx.data()[j]);
            assertTrue(err <= 1e-5 * scale + 1e-12, s.f().describe() + " d/dx[" + j + "]: analytic " + gx.data()[j]
                    + " vs finite difference " + fd);
        }
    }

    @Test
    void clearCnnGradientsTo2bAndInputMatchFiniteDifferences() {
        for (Scalar s : SCALARS) {
            assertMatchesFiniteDifferences(clear, "2b", s);
        }
    }

    @Test
    void clearCnnGradientsToOtherLayers() {
        assertMatchesFiniteDifferences(clear, "1a", SCALARS.get(0));
        assertMatchesFiniteDifferences(clear, "fc2", SCALARS.get(3));
    }

    @Test
    void impalaGradientsMatchFiniteDifferences() {
        assertMatchesFiniteDifferences(impala, "res2a", SCALARS.get(0));
        assertMatchesFiniteDifferences(impala, "conv3", SCALARS.get(1));
    }

    @Test
    void gradientOfLogProbWithRespectToLogitsIsOneHotMinusSoftmax() {
        GradientResult g = clear.gradient(obs, "pi", OutputFunction.logProb(3));
        Tensor logits = g.activation();
        for (int b = 0; b < 2; b++) {
            double[] row = new double[15];
            for (int k = 0; k < 15; k++) {
                row[k] = logits.get(b, k);
            }
            for (int k = 0; k < 15; k++) {
                double expected = (k == 3 ? 1 : 0) - Math.exp(logSoftmax(row, k));
                assertEquals(expected, g.activationGradient().get(b, k), 1e-6);
            }
        }
    }

    @Test
    void valueGradientAtThePolicyHeadIsZeroButReachesTheInput() {
        GradientResult g = clear.gradient(obs, "pi", OutputFunction.value());
        assertEquals(0, Fixtures.maxAbs(g.activationGradient()));
        Tensor direct = clear.inputGradient(obs, OutputFunction.value(), Hooks.none());
        assertTrue(Fixtures.maxAbsDiff(direct, g.inputGradient()) <= 1e-6 * Fixtures.maxAbs(direct));
    }

    @Test
    void splitAndUnsplitInputGradientsAgree() {
        for (String layer : List.of("1a", "3a", "fc1", "v")) {
            Tensor split = clear.gradient(obs, layer, OutputFunction.logit(2)).inputGradient();
            Tensor whole = clear.inputGradient(obs, OutputFunction.logit(2), Hooks.none());
            assertTrue(Fixtures.maxAbsDiff(split, whole) <= 1e-6 * Fixtures.maxAbs(whole), layer);
        }
    }

    @Test
    void perExampleActionsAndBatchedRowsAreIndependent() {
        Tensor both = clear.inputGradient(obs, OutputFunction.logProbOf(new int[] {4, 9}), Hooks.none());
        float[] second = java.util.Arrays.copyOfRange(obs.data(), 64 * 64 * 3, 2 * 64 * 64 * 3);
        Tensor alone = clear.inputGradient(Observations.pixels(second, 64, 64, 3), OutputFunction.logProb(9), Hooks.none());
        float[] row = java.util.Arrays.copyOfRange(both.data(), 64 * 64 * 3, 2 * 64 * 64 * 3);
        assertArrayEquals(alone.data(), row, (float) (1e-6 * Fixtures.maxAbs(alone)));
        assertArrayEquals(new int[] {2, 64, 64, 3}, both.shape());
    }

    @Test
    void gradientThroughAHookedLayerUsesTheHookedNetwork() {
        Hooks zero = Hooks.of("2a", ActivationHook.zeroChannels(0, 1, 2));
        GradientResult g = clear.gradient(obs, "1a", OutputFunction.value(), zero);
        // finite difference through the hooked network at the top-gradient coordinate
        int j = coordinates(g.activationGradient(), 0, 1)[0];
        double[] bump = new double[g.activation().size()];
        bump[j] = 1e-6;
        Hooks plus = zero.and("1a", a -> a.add(a.getManager().create(bump, a.getShape())));
        Hooks minus = zero.and("1a", a -> a.sub(a.getManager().create(bump, a.getShape())));
        Scalar v = SCALARS.get(0);
        int b = j / g.activation().stride0();
        double fd = (f(clear, obs, plus, v, b) - f(clear, obs, minus, v, b)) / 2e-6;
        assertEquals(fd, g.activationGradient().data()[j], 1e-5 * Math.abs(fd));
    }

    @Test
    void outputFunctionsMustGiveOneScalarPerExample() {
        OutputFunction bad = (logits, values) -> logits;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clear.gradient(obs, "2b", bad));
        assertEquals("output function 'custom' must give one scalar per observation, shape [2], but gave (2, 15)",
                e.getMessage());
        // the failed call released the engine's single gradient collector
        NDArray[] seen = new NDArray[1];
        clear.gradient(obs, "2b", OutputFunction.value(), Hooks.of("2b", a -> seen[0] = a));
        assertTrue(seen[0] != null);
        e = assertThrows(IllegalArgumentException.class, () -> clear.gradient(obs, "2c", OutputFunction.value()));
        assertEquals("no layer '2c'; known: 1a 2a 2b 3a 4a fc1 fc2 pi v", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> clear.gradient(obs, "2b", OutputFunction.logit(15)));
        assertEquals("action 15 is out of range; the network has actions 0..14", e.getMessage());
    }
}
