package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.WeightInit;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A minibatch trained in passes of {@link TrainableNet#MICRO_BATCH} rows gets the gradient of the
 * whole minibatch: the passes' mean losses weighted by their share of the rows add up to the mean
 * over all rows, so their gradients do too (up to float rounding).
 */
class MicroBatchTest {
    private static final NetworkConfig NET = NetworkConfig.procgen(Architecture.CLEAR_CNN);

    @Test
    void passesOfRowsAddUpToTheWholeMinibatchsGradient() {
        int batch = 600; // passes of 256, 256 and 88 rows
        SplittableRandom rng = new SplittableRandom(3);
        byte[] frames = new byte[batch * 64 * 64 * 3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (byte) rng.nextInt(256);
        }
        int[] actions = new int[batch];
        float[] oldLogp = new float[batch];
        float[] oldValues = new float[batch];
        float[] adv = new float[batch];
        float[] ret = new float[batch];
        for (int i = 0; i < batch; i++) {
            actions[i] = rng.nextInt(15);
            oldLogp[i] = (float) (-2.7 + 0.5 * rng.nextDouble());
            oldValues[i] = (float) rng.nextDouble();
            adv[i] = (float) rng.nextGaussian();
            ret[i] = (float) (10 * rng.nextDouble());
        }
        PpoLoss ppo = new PpoLoss(0.2f, 0.5f, 0.01f);
        StateDict w = WeightInit.random(ActorCriticNet.build(NET).layout(), 5);
        try (TrainableNet net = new TrainableNet(NET, w, 5e-4f, 0.5f)) {
            TrainableNet.RowsLoss loss = (l, v, offset, count, scope) ->
                    ppo.of(l, v, actions, oldLogp, oldValues, adv, ret, offset, count, scope, null);
            StateDict whole = net.gradient(frames, batch, batch, loss);
            StateDict passes = net.gradient(frames, batch, TrainableNet.MICRO_BATCH, loss);
            StateDict again = net.gradient(frames, batch, batch, loss); // the gradient was zeroed in between
            double maxAbs = 0;
            double maxDiff = 0;
            double maxRepeat = 0;
            for (String key : whole.keys()) {
                float[] a = whole.get(key).data();
                float[] b = passes.get(key).data();
                float[] c = again.get(key).data();
                assertEquals(a.length, b.length, key);
                for (int i = 0; i < a.length; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(a[i]));
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                    maxRepeat = Math.max(maxRepeat, Math.abs(a[i] - c[i]));
                }
            }
            assertTrue(maxAbs > 1e-3, "the loss has a gradient: " + maxAbs);
            assertTrue(maxDiff <= 1e-5 * maxAbs, "passes differ from the whole minibatch by " + maxDiff + " (max |g| " + maxAbs + ")");
            assertTrue(maxRepeat <= 1e-5 * maxAbs, "the gradient is zeroed between steps: " + maxRepeat);
        }
    }

    @Test
    void aNonFiniteGradientIsRefusedWithoutTouchingTheWeightsAndTheNextStepIsClean() {
        byte[] frames = new byte[4 * 64 * 64 * 3];
        java.util.Arrays.fill(frames, (byte) 40);
        StateDict w = WeightInit.random(ActorCriticNet.build(NET).layout(), 6);
        try (TrainableNet net = new TrainableNet(NET, w, 5e-4f, 0.5f)) {
            NonFiniteLossException x = org.junit.jupiter.api.Assertions.assertThrows(NonFiniteLossException.class,
                    () -> net.step(frames, 4, (l, v, scope) -> l.sum().mul(Float.NaN)));
            // the logits' NaN reaches every parameter but the value head's, whose gradient is 0
            String policyHead = ActorCriticNet.build(NET).layout().parameters().stream()
                    .filter(p -> p.layer().equals("pi")).findFirst().orElseThrow().key();
            assertTrue(x.getMessage().contains("not finite in ") && x.getMessage().contains(policyHead + " (NaN)"), x.getMessage());
            assertTrue(x.getMessage().matches(".*largest finite: v\\.(weight|bias) 0\\.0\\)$"), x.getMessage());
            StateDict after = net.snapshot();
            for (String key : w.keys()) {
                assertTrue(java.util.Arrays.equals(w.get(key).data(), after.get(key).data()), key + " changed by a refused step");
            }
            assertEquals(0, net.optimizerState().step(), "Adam took no step");
            try (TrainableNet unclipped = new TrainableNet(NET, w, 5e-4f, 0f)) { // refused without clipping too
                org.junit.jupiter.api.Assertions.assertThrows(NonFiniteLossException.class,
                        () -> unclipped.step(frames, 4, (l, v, scope) -> l.sum().mul(Float.POSITIVE_INFINITY)));
            }
            // the refused gradient was cleared: a finite step now equals the same step on a fresh net
            net.step(frames, 4, (l, v, scope) -> l.sum().add(v.sum()));
            try (TrainableNet fresh = new TrainableNet(NET, w, 5e-4f, 0.5f)) {
                fresh.step(frames, 4, (l, v, scope) -> l.sum().add(v.sum()));
                StateDict a = net.snapshot();
                StateDict b = fresh.snapshot();
                for (String key : w.keys()) {
                    assertTrue(java.util.Arrays.equals(a.get(key).data(), b.get(key).data()), key + " carries the refused gradient");
                }
            }
        }
    }
}
