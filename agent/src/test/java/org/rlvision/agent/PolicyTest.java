package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;
import org.rlvision.env.StepBatch;

class PolicyTest {

    @Test
    void greedyTakesTheHighestLogit() {
        try (Agent agent = Fixtures.formulaAgent(Architecture.IMPALA_CNN, Precision.FLOAT32)) {
            ActResult r = agent.policy(ActionSelection.GREEDY, 0).act(Fixtures.frames(4));
            for (int i = 0; i < 4; i++) {
                int best = 0;
                for (int k = 1; k < 15; k++) {
                    if (r.output().logit(i, k) > r.output().logit(i, best)) {
                        best = k;
                    }
                }
                assertEquals(best, r.action(i));
            }
        }
    }

    @Test
    void samplingIsReproducibleUnderASeed() {
        try (Agent agent = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32)) {
            Observations obs = Fixtures.frames(32);
            Policy p1 = agent.policy(ActionSelection.SAMPLE, 11);
            Policy p2 = agent.policy(ActionSelection.SAMPLE, 11);
            Policy p3 = agent.policy(ActionSelection.SAMPLE, 12);
            for (int step = 0; step < 3; step++) {
                int[] a = p1.act(obs).actions();
                assertArrayEquals(a, p2.act(obs).actions());
                assertFalse(Arrays.equals(a, p3.act(obs).actions()));
            }
        }
    }

    /** With zero policy weights the logits are the bias, so the sampling frequencies are known. */
    @Test
    void samplingFollowsTheSoftmax() {
        NetworkConfig c = NetworkConfig.procgen(Architecture.CLEAR_CNN);
        float[] bias = {2f, 1f, 0f, -1f, 0.5f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, -3f};
        try (Agent base = Agent.random(c, 1);
                Agent agent = base.withWeightEdit((w, layout) -> w.with("pi.weight", Tensor.zeros(15, 512))
                        .with("pi.bias", new Tensor(new int[] {15}, bias)))) {
            double z = 0;
            for (float b : bias) {
                z += Math.exp(b);
            }
            int[] counts = new int[15];
            int n = 0;
            Policy p = agent.policy(ActionSelection.SAMPLE, 3);
            Observations obs = Fixtures.frames(250);
            for (int rep = 0; rep < 8; rep++) {
                for (int a : p.act(obs).actions()) {
                    counts[a]++;
                    n++;
                }
            }
            for (int k = 0; k < 15; k++) {
                double pk = Math.exp(bias[k]) / z;
                double sd = Math.sqrt(n * pk * (1 - pk));
                assertTrue(Math.abs(counts[k] - n * pk) < 4.5 * sd, "action " + k + ": " + counts[k] + " vs " + n * pk);
            }
        }
    }

    @Test
    void actsOnAnEnvironmentStep() {
        try (Agent agent = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32)) {
            StepBatch step = new StepBatch(2, EnvSpec.procgen());
            Observations.Frames frames = Fixtures.frames(2);
            System.arraycopy(frames.data(), 0, step.writer().observations(), 0, frames.data().length);
            Policy p = agent.policy(ActionSelection.GREEDY, 0);
            assertArrayEquals(p.act(frames).actions(), p.act(step).actions());
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * Each act/gradient call frees its arrays: the number of live NDArrays in the engine is the same
     * after hundreds of batches, and resident memory does not grow with the batch count.
     */
    @Test
    void memoryStaysFlatOverManyBatches() throws IOException {
        NDManager system = Engine.getEngine("PyTorch").newBaseManager().getParentManager();
        try (Agent agent = Fixtures.formulaAgent(Architecture.CLEAR_CNN, Precision.FLOAT32)) {
            Observations obs = Fixtures.frames(8);
            Policy p = agent.policy(ActionSelection.SAMPLE, 0);
            // warm-up runs the very workload measured below, so first-use allocations (allocator
            // arenas, kernel caches of each code path) happen before the measurement
            for (int i = 0; i < 300; i++) {
                p.act(obs);
            }
            for (int i = 0; i < 60; i++) {
                agent.gradient(obs, "2b", OutputFunction.value());
                agent.activations(obs, List.of("1a", "2b"));
            }
            int arrays = system.getManagedArrays().size();
            long before = rssKb();
            for (int i = 0; i < 300; i++) {
                p.act(obs);
            }
            for (int i = 0; i < 60; i++) {
                agent.gradient(obs, "2b", OutputFunction.value());
                agent.activations(obs, List.of("1a", "2b"));
            }
            assertEquals(arrays, system.getManagedArrays().size(), "live NDArrays");
            long grown = rssKb() - before;
            // malloc noise is about +-40 MiB; leaking even just the float inputs would add > 110 MiB,
            // leaking the activations over 1 GiB
            assertTrue(grown < 100 * 1024, "resident memory grew by " + grown + " KiB");
        }
    }
}
