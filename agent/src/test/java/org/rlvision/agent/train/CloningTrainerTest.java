package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.DistributionMode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny real training run: the network learns to agree with the expert. */
class CloningTrainerTest {
    @Test
    void behaviourCloningLearnsTheExpertsActionsAndIsReproducible() {
        NetworkConfig network = NetworkConfig.procgen(Architecture.CLEAR_CNN);
        CloningTrainer.Config config = new CloningTrainer.Config(DistributionMode.EASY, true, 0, 12, 4, 0, 0, 1, 0, 64,
                1e-3f, 0.05f, 0.999f, 0.5f, 5);
        List<CloningTrainer.Metric> metrics = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        StateDict trained = new CloningTrainer(network, config).train(null, lines::add, metrics::add, sd -> { });
        assertEquals(4, metrics.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("expert solved 12/12 training levels")), lines.toString());
        double first = metrics.get(0).policyLoss();
        double last = metrics.get(3).policyLoss();
        assertTrue(last < first * 0.8, "cross-entropy to the expert fell from " + first + " to " + last);
        assertTrue(metrics.get(3).accuracy() > 0.6, "agreement " + metrics.get(3).accuracy());
        assertTrue(metrics.get(3).samplesSeen() > metrics.get(0).samplesSeen());
        // the weights changed from the seeded initialisation
        StateDict init = org.rlvision.agent.WeightInit.random(org.rlvision.agent.net.ActorCriticNet.build(network).layout(), 5);
        assertNotEquals(init.get("pi.weight").data()[0], trained.get("pi.weight").data()[0]);
    }
}
