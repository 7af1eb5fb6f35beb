package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.LayerInfo;
import org.rlvision.agent.net.NetworkConfig;

class AgentTest {

    @Test
    void capturesAnySetOfLayersInOnePassWithTheLayoutsShapes() {
        for (Architecture a : Architecture.values()) {
            try (Agent agent = Fixtures.formulaAgent(a, Precision.FLOAT32)) {
                Observations obs = Fixtures.frames(2);
                LayerActivations all = agent.activations(obs, agent.layerNames());
                assertEquals(agent.layerNames(), List.copyOf(all.byLayer().keySet()));
                for (LayerInfo l : agent.layout().layers()) {
                    assertArrayEquals(l.batchShape(2), all.get(l.name()).shape(), l.name());
                }
                PolicyOutput out = agent.evaluate(obs);
                assertEquals(out.logits(), all.get("pi"));
                assertArrayEquals(out.values().data(), all.get("v").data());
                // a subset, asked for out of order, comes back in network order
                LayerActivations some = agent.activations(obs, List.of("v", agent.layerNames().get(1)));
                assertEquals(List.of(agent.layerNames().get(1), "v"), List.copyOf(some.byLayer().keySet()));
                assertEquals(all.get("v"), some.get("v"));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> some.get("pi"));
                assertTrue(e.getMessage().startsWith("layer 'pi' was not captured"), e.getMessage());
            }
        }
    }

    @Test
    void clearCnnActivationsArePostReluAndImpalaResidualsAreNot() {
        try (Agent clear = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32);
                Agent impala = Fixtures.formulaAgent(Architecture.IMPALA_CNN, Precision.FLOAT32)) {
            LayerActivations c = clear.activations(Fixtures.frames(1), List.of("1a", "2b", "fc2"));
            for (Tensor t : c.byLayer().values()) {
                float min = Float.MAX_VALUE;
                int zeros = 0;
                for (float x : t.data()) {
                    min = Math.min(min, x);
                    zeros += x == 0 ? 1 : 0;
                }
                assertEquals(0f, min);
                assertTrue(zeros > 0 && zeros < t.size());
            }
            Tensor res = impala.activations(Fixtures.frames(1), List.of("res2a")).get("res2a");
            float min = Float.MAX_VALUE;
            for (float x : res.data()) {
                min = Math.min(min, x);
            }
            assertTrue(min < 0, "the residual stream carries negative values");
        }
    }

    @Test
    void examplesInABatchAreIndependentAndFramesEqualPixels() {
        try (Agent agent = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32)) {
            Observations.Frames three = Fixtures.frames(3);
            PolicyOutput batch = agent.evaluate(three);
            byte[] second = java.util.Arrays.copyOfRange(three.data(), 64 * 64 * 3, 2 * 64 * 64 * 3);
            PolicyOutput alone = agent.evaluate(Observations.frames(second, 64, 64, 3));
            for (int k = 0; k < 15; k++) {
                assertEquals(batch.logit(1, k), alone.logit(0, k), 1e-5);
            }
            assertEquals(batch.value(1), alone.value(0), 1e-5);
            PolicyOutput pixels = agent.evaluate(Observations.pixelsOf(three));
            assertTrue(Fixtures.maxAbsDiff(batch.logits(), pixels.logits()) < 1e-5);
        }
    }

    @Test
    void precisionsAgree() {
        try (Agent f32 = Fixtures.formulaAgent(Architecture.IMPALA_CNN, Precision.FLOAT32);
                Agent f64 = f32.withPrecision(Precision.FLOAT64)) {
            PolicyOutput a = f32.evaluate(Fixtures.frames(2));
            PolicyOutput b = f64.evaluate(Fixtures.frames(2));
            double scale = Fixtures.maxAbs(b.logits());
            assertTrue(Fixtures.maxAbsDiff(a.logits(), b.logits()) < 1e-5 * scale);
            assertEquals(Precision.FLOAT64, f64.precision());
            assertEquals(f32.stateDict().get("conv1.weight"), f64.stateDict().get("conv1.weight"));
        }
    }

    @Test
    void randomInitIsSeededAndShapedLikePyTorchDefaults() {
        NetworkConfig c = NetworkConfig.procgen(Architecture.CLEAR_CNN);
        try (Agent a = Agent.random(c, 5); Agent b = Agent.random(c, 5); Agent d = Agent.random(c, 6)) {
            assertEquals(a.stateDict(), b.stateDict());
            assertTrue(!a.stateDict().equals(d.stateDict()));
            Tensor w = a.stateDict().get("conv2b.weight");
            double bound = 1 / Math.sqrt(32 * 25);
            double max = Fixtures.maxAbs(w);
            assertTrue(max <= bound && max > 0.95 * bound, "max " + max + " vs bound " + bound);
            Tensor pi = a.stateDict().get("pi.weight");
            assertTrue(Fixtures.maxAbs(pi) <= 0.01 / Math.sqrt(512));
            assertEquals(0, Fixtures.maxAbs(a.stateDict().get("pi.bias")));
        }
    }

    @Test
    void wrongInputsAndClosedAgentsAreNamed() {
        Agent agent = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> agent.evaluate(Observations.frames(new byte[32 * 32 * 3], 32, 32, 3)));
        assertEquals("observations are 32x32x3 but the network expects 64x64x3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Observations.frames(new byte[100], 64, 64, 3));
        assertEquals("observation data of length 100 is not a whole number of 64x64x3 observations", e.getMessage());
        agent.close();
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> agent.evaluate(Fixtures.frames(1)));
        assertEquals("this agent is closed; load the model again", s.getMessage());
    }
}
