package org.rlvision.plugins.circuitedit;

import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.Observations;

/**
 * The agent's batched-inference throughput alone, measured as the agent benchmark does (a warm-up,
 * then timed forward passes of one batch of pseudo-random frames; the median call), so the
 * experiment loop's frames per second can be set against it in the same process and conditions.
 */
public final class ForwardReference {
    private ForwardReference() {
    }

    /**
     * Frames per second of {@code agent.evaluate} at {@code batch}, over about {@code seconds}.
     *
     * @return the median call's frames per second, or 0 if {@code seconds <= 0}
     */
    public static double measure(Agent agent, Hooks hooks, int batch, double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        int side = agent.config().height();
        byte[] d = new byte[batch * side * agent.config().width() * agent.config().channels()];
        SplittableRandom r = new SplittableRandom(batch);
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) r.nextInt(256);
        }
        Observations obs = new Observations.Frames(batch, side, agent.config().width(), agent.config().channels(), d);
        long warm = System.nanoTime() + (long) (Math.min(1.0, seconds / 3) * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
            agent.evaluate(obs, hooks);
        }
        java.util.List<Long> times = new java.util.ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 5) {
            long t0 = System.nanoTime();
            agent.evaluate(obs, hooks);
            times.add(System.nanoTime() - t0);
        }
        java.util.Collections.sort(times);
        return batch * 1e9 / times.get(times.size() / 2);
    }
}
