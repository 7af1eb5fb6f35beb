package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlvision.agent.Agent;
import org.rlvision.agent.IntraOpThreads;
import org.rlvision.agent.Observations;

/**
 * The agent's batched-inference throughput alone, measured in the same process right before the
 * experiment, so the loop's frames per second can be set against it under the same conditions
 * (other load on a shared machine changes both alike).
 *
 * <p>Two layouts are timed on one batch of pseudo-random frames: as the agent benchmark does (one
 * caller, PyTorch's default threads), and as the experiment plays (its workers side by side, each
 * with its own agent copy and thread count). The reference is the faster of the two.
 *
 * @param benchFps   frames per second of one caller with PyTorch's default threads (median call)
 * @param workersFps frames per second of the workers together
 */
public record ForwardReference(double benchFps, double workersFps) {
    /** Nothing measured. */
    public static final ForwardReference NONE = new ForwardReference(0, 0);

    /** The faster layout's frames per second. */
    public double best() {
        return Math.max(benchFps, workersFps);
    }

    /**
     * Times both layouts for about {@code seconds} each; {@code seconds <= 0} measures nothing.
     *
     * @param agent   the agent
     * @param batch   frames per forward pass
     * @param seconds time per layout
     * @param workers the experiment's workers
     * @param threads the experiment's threads per worker
     */
    @SuppressWarnings("try") // IntraOpThreads only restores the thread count when closed
    public static ForwardReference measure(Agent agent, int batch, double seconds, int workers, int threads) {
        if (seconds <= 0) {
            return NONE;
        }
        Observations obs = frames(agent, batch);
        double bench = batch * 1e9 / medianCall(agent, obs, seconds);
        double together;
        if (workers <= 1) {
            try (IntraOpThreads t = IntraOpThreads.use(threads)) {
                together = batch * 1e9 / medianCall(agent, obs, seconds);
            }
        } else {
            together = concurrent(agent, obs, seconds, workers, threads);
        }
        return new ForwardReference(bench, together);
    }

    @SuppressWarnings("try")
    private static double concurrent(Agent agent, Observations obs, double seconds, int workers, int threads) {
        List<Agent> copies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int w = 0; w < workers; w++) {
                copies.add(Agent.of(agent.config(), agent.stateDict(), agent.precision()));
            }
            long warmEnd = System.nanoTime() + (long) (Math.min(1.0, seconds / 3) * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            for (Agent a : copies) {
                futures.add(pool.submit(() -> {
                    try (IntraOpThreads t = IntraOpThreads.use(threads)) {
                        while (System.nanoTime() < warmEnd) {
                            a.evaluate(obs);
                        }
                        long end = warmEnd + (long) (seconds * 1e9);
                        long calls = 0;
                        while (System.nanoTime() < end) {
                            a.evaluate(obs);
                            calls++;
                        }
                        return new long[] {calls, System.nanoTime()};
                    }
                }));
            }
            long calls = 0;
            long last = warmEnd;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                calls += r[0];
                last = Math.max(last, r[1]);
            }
            return calls * obs.count() * 1e9 / (last - warmEnd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException("timing the forward pass failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            copies.forEach(Agent::close);
        }
    }

    /** The median time of one call in nanoseconds, after a warm-up. */
    private static double medianCall(Agent agent, Observations obs, double seconds) {
        long warm = System.nanoTime() + (long) (Math.min(1.0, seconds / 3) * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
            agent.evaluate(obs);
        }
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 5) {
            long t0 = System.nanoTime();
            agent.evaluate(obs);
            times.add(System.nanoTime() - t0);
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static Observations frames(Agent agent, int batch) {
        var c = agent.config();
        byte[] d = new byte[batch * c.observationBytes()];
        SplittableRandom r = new SplittableRandom(batch);
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) r.nextInt(256);
        }
        return new Observations.Frames(batch, c.height(), c.width(), c.channels(), d);
    }
}
