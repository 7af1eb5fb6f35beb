package org.rlvision.agent.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.Observations;
import org.rlvision.agent.OutputFunction;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.train.TrainableNet;

/**
 * Measures frames per second of batched inference (batch 1, 64, 256), of gradients (value
 * w.r.t. the input, and w.r.t. a layer plus the input) for both architectures and of one training
 * step of the clear CNN (forward, backward and Adam on a 2,048-row minibatch in passes of 256 rows, as
 * PPO runs it), with the process's minor page faults per call,
 * and writes a table. Run it with {@code THP_MEM_ALLOC_ENABLE=1} and without to see what libtorch's
 * huge pages change (docs/benchmarks.md).
 *
 * <p>Usage: {@code AgentBench [output-file] [seconds-per-case]} (defaults {@code /tmp/agent-bench.txt}, 3).
 * Each case runs for about that long after a one-second warm-up; the table gives the median and
 * the best of the timed calls, since other load on a 2-core machine stalls single calls.
 */
public final class AgentBench {
    private AgentBench() {
    }

    /** One measured case: frames per second from per-call times. */
    private record Result(String arch, String what, int batch, double medianFps, double bestFps, int calls, long faultsPerCall) {
    }

    /** Runs the benchmark; see the class comment for arguments. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/agent-bench.txt");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        String loadBefore = loadAverage();
        List<Result> results = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            try (Agent agent = Agent.random(NetworkConfig.procgen(a), 1)) {
                String layer = a == Architecture.CLEAR_CNN ? "2b" : "res2a";
                for (int batch : new int[] {1, 64, 256}) {
                    Observations obs = frames(batch);
                    results.add(measure(a, "forward (logits+value)", batch, seconds, () -> agent.evaluate(obs)));
                }
                for (int batch : new int[] {1, 64, 256}) {
                    Observations obs = frames(batch);
                    results.add(measure(a, "dV/dinput", batch, seconds,
                            () -> agent.inputGradient(obs, OutputFunction.value(), Hooks.none())));
                }
                Observations obs = frames(64);
                results.add(measure(a, "dV/d" + layer + " + dV/dinput", 64, seconds,
                        () -> agent.gradient(obs, layer, OutputFunction.value())));
            }
        }
        NetworkConfig clear = NetworkConfig.procgen(Architecture.CLEAR_CNN);
        try (Agent init = Agent.random(clear, 1);
             TrainableNet net = new TrainableNet(clear, init.stateDict(), 1e-6f, 0.5f)) {
            int batch = 2048; // PPO's minibatch, in passes of TrainableNet.MICRO_BATCH rows as PPO runs it
            byte[] d = ((Observations.Frames) frames(batch)).data();
            results.add(measure(Architecture.CLEAR_CNN, "PPO train step (passes)", batch, seconds,
                    () -> net.step(d, batch, (l, v, offset, rows, scope) -> l.logSoftmax(1).sum().add(v.square().sum()).div(rows))));
        }
        StringBuilder t = new StringBuilder();
        t.append("# rlvision agent benchmark (DJL ").append(Engine.getDjlVersion()).append(", PyTorch ")
                .append(Engine.getEngine("PyTorch").getVersion()).append(", Java ").append(System.getProperty("java.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, float32, ")
                .append("channels-last input, THP_MEM_ALLOC_ENABLE=").append(System.getenv().getOrDefault("THP_MEM_ALLOC_ENABLE", "unset"))
                .append(")\n");
        t.append("# load average before: ").append(loadBefore).append("; after: ").append(loadAverage()).append('\n');
        t.append(String.format(Locale.ROOT, "%-11s %-26s %6s %12s %12s %6s %14s%n", "arch", "case", "batch", "median fps",
                "best fps", "calls", "faults/call"));
        for (Result r : results) {
            t.append(String.format(Locale.ROOT, "%-11s %-26s %6d %12.0f %12.0f %6d %14s%n", r.arch(), r.what(), r.batch(),
                    r.medianFps(), r.bestFps(), r.calls(), r.faultsPerCall() < 0 ? "n/a" : String.valueOf(r.faultsPerCall())));
        }
        Files.writeString(out, t.toString());
        System.out.print(t);
        System.out.println("written to " + out);
    }

    private static Result measure(Architecture a, String what, int batch, double seconds, Runnable call) {
        // warm-up: oneDNN builds its kernels per shape and glibc tunes its mmap threshold over the first calls
        long warm = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 5 || System.nanoTime() < warm; i++) {
            call.run();
        }
        List<Double> times = new ArrayList<>();
        long faults = minorFaults();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 5) {
            long t0 = System.nanoTime();
            call.run();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        long faultsPerCall = faults < 0 ? -1 : (minorFaults() - faults) / times.size();
        Collections.sort(times);
        return new Result(a.id(), what, batch, batch / times.get(times.size() / 2), batch / times.get(0), times.size(), faultsPerCall);
    }

    /** Pseudo-random uint8 frames; convolution speed does not depend on the pixel values. */
    private static Observations frames(int batch) {
        byte[] d = new byte[batch * 64 * 64 * 3];
        SplittableRandom r = new SplittableRandom(batch);
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) r.nextInt(256);
        }
        return Observations.frames(d, 64, 64, 3);
    }

    /** The process's minor page faults so far (Linux {@code /proc/self/stat}, field 10), or -1 where unknown. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // the command name may hold spaces
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
