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

/** A tiny real training run: the network learns to agree with the expert, and its return rises. */
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

        // the return it was trained for rises: mean return (10 per coin) on its 12 levels, sampled actions,
        // five seeds each, before and after the 4 epochs
        org.rlvision.env.EnvOptions base = org.rlvision.env.EnvOptions.builder().optDistributionMode(DistributionMode.EASY)
                .optPaintVelInfo(true).build();
        double before = meanReturn(network, init, base);
        double after = meanReturn(network, trained, base);
        System.out.printf("behaviour cloning, 12 easy levels: mean return %.2f before, %.2f after%n", before, after);
        assertTrue(after >= before + 1.5, "mean return went from " + before + " to " + after);
    }

    private static double meanReturn(NetworkConfig network, StateDict weights, org.rlvision.env.EnvOptions base) {
        int coins = 0;
        int episodes = 0;
        try (org.rlvision.agent.Agent agent = org.rlvision.agent.Agent.of(network, weights)) {
            for (long seed = 1; seed <= 5; seed++) {
                Evaluation.Result r = Evaluation.run(agent, o -> org.rlvision.env.coinrun.CoinRunVecEnv.create(1, o), base, 0, 12, 12,
                        org.rlvision.agent.ActionSelection.SAMPLE, seed, () -> { });
                coins += r.successes();
                episodes += r.levels();
            }
        }
        return 10.0 * coins / episodes;
    }
}
