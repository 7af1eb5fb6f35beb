package org.rlvision.workbench;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.env.procgen.ProcgenBridgeException;
import org.rlvision.env.procgen.ProcgenVecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code rlvision env bench}: single-threaded steps per second of the Java CoinRun, rendering
 * included, for 1 and 64 environments in easy and hard mode, with bytes allocated per step and
 * the ratio to Procgen's measured speed on the reference machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure single-threaded steps/s of the Java CoinRun (rendering included) and bytes allocated per step.",
                "Ratios compare with the real Procgen CoinRun on the 2-core reference machine "
                        + "(easy mode, one thread: 25,000 steps/s with 1 env, 36,000 with 64).",
                "With --env procgen: steps/s through the Py4J bridge, compared with Procgen's own speed "
                        + "measured in the same Python worker right after."})
public final class EnvBenchCommand implements Callable<Integer> {
    /** Procgen 0.10.7 CoinRun steps/s on the reference machine, easy mode, one thread (issue #2). */
    static final double PROCGEN_1_ENV = 25_000;
    /** The same with 64 environments. */
    static final double PROCGEN_64_ENVS = 36_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ProcgenFlags backend;

    @Option(names = "--envs", split = ",", defaultValue = "1,64", description = "Environment counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> envCounts;

    @Option(names = "--modes", split = ",", defaultValue = "easy,hard", description = "Distribution modes (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--seconds", defaultValue = "3", description = "Measured seconds per case, after 1 s of warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "0", description = "rand_seed of the environments and seed of the random actions (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--min-ratio", description = "Exit with status 1 if any case is slower than this multiple of Procgen.")
    Double minRatio;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    /** One measured case. */
    record Case(String env, String mode, int envs, long steps, double seconds, double stepsPerSecond,
                double bytesPerStep, long episodes, String reference, Double referenceStepsPerSecond, Double ratio) {
    }

    @Override
    public Integer call() {
        if (seconds <= 0 || seconds > 600) {
            throw new UserException("--seconds " + seconds + " is out of range; use a value in (0, 600]");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Case> cases = new ArrayList<>();
        for (String m : modes) {
            DistributionMode mode = EnvFlags.parseMode("--modes", m);
            for (int n : envCounts) {
                if (n < 1 || n > 4096) {
                    throw new UserException("--envs " + n + " is out of range; use 1..4096");
                }
                Case c = backend.procgen() ? measureProcgen(mode, n) : measure(mode, n);
                cases.add(c);
                if (!json) {
                    out.printf(Locale.ROOT, "%-7s %-4s %4d envs: %,10.0f steps/s  %6.2f us/step  %5.1f B/step  %s%n",
                            c.env, c.mode, c.envs, c.stepsPerSecond, 1e6 / c.stepsPerSecond, c.bytesPerStep,
                            c.ratio == null ? "" : String.format(Locale.ROOT, "%.2fx %s (%,.0f steps/s)", c.ratio,
                                    c.reference, c.referenceStepsPerSecond));
                    out.flush();
                }
            }
        }
        boolean ok = minRatio == null || cases.stream().allMatch(c -> c.ratio == null || c.ratio >= minRatio);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cases", cases);
            m.put("threads", 1);
            m.put("cpu", cpuName());
            m.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(m));
        } else if (minRatio != null) {
            out.println(ok ? "all cases at least " + minRatio + "x Procgen" : "FAILED: a case is below " + minRatio + "x Procgen");
        }
        return ok ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    private Case measure(DistributionMode mode, int numEnvs) {
        EnvOptions options = EnvOptions.builder().optDistributionMode(mode).optRandSeed(seed).build();
        try (CoinRunVecEnv env = CoinRunVecEnv.create(numEnvs, options)) {
            Double ref = numEnvs == 1 ? Double.valueOf(PROCGEN_1_ENV) : numEnvs == 64 ? Double.valueOf(PROCGEN_64_ENVS) : null;
            if (mode != DistributionMode.EASY) {
                ref = null;
            }
            return timed("java", env, mode, numEnvs, ref == null ? null : "Procgen", ref);
        }
    }

    private Case measureProcgen(DistributionMode mode, int numEnvs) {
        EnvOptions options = EnvOptions.builder().optDistributionMode(mode).optRandSeed(seed).build();
        try (ProcgenVecEnv env = ProcgenVecEnv.start(numEnvs, options, backend.workerConfig())) {
            Case bridged = timed("procgen", env, mode, numEnvs, null, null);
            int refSteps = (int) Math.max(100, Math.min(200_000, bridged.steps() / numEnvs));
            double own = env.workerStepsPerSecond(refSteps, seed);
            return new Case(bridged.env(), bridged.mode(), numEnvs, bridged.steps(), bridged.seconds(),
                    bridged.stepsPerSecond(), bridged.bytesPerStep(), bridged.episodes(), "Procgen in Python", own,
                    bridged.stepsPerSecond() / own);
        } catch (ProcgenBridgeException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private Case timed(String backendName, VecEnv env, DistributionMode mode, int numEnvs, String refName, Double ref) {
        int[] actionTable = new int[1 << 16];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < actionTable.length; i++) {
            actionTable[i] = rnd.nextInt(15);
        }
        int[] actions = new int[numEnvs];
        int cursor = 0;
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            cursor = fill(actions, actionTable, cursor);
            env.act(actions);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long bytes0 = threads.getThreadAllocatedBytes(tid);
        long steps = 0;
        long episodes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int k = 0; k < 16; k++) {
                cursor = fill(actions, actionTable, cursor);
                env.act(actions);
                StepBatch s = env.observe();
                for (int i = 0; i < numEnvs; i++) {
                    if (s.first()[i]) {
                        episodes++;
                    }
                }
            }
            steps += 16L * numEnvs;
            now = System.nanoTime();
        } while (now < end);
        long bytes = threads.getThreadAllocatedBytes(tid) - bytes0;
        double secs = (now - start) / 1e9;
        double sps = steps / secs;
        return new Case(backendName, mode.procgenName(), numEnvs, steps, secs, sps, (double) bytes / steps, episodes,
                refName, ref, ref == null ? null : sps / ref);
    }

    private static int fill(int[] actions, int[] table, int cursor) {
        for (int i = 0; i < actions.length; i++) {
            actions[i] = table[cursor];
            cursor = (cursor + 1) & (table.length - 1);
        }
        return cursor;
    }

    private static String cpuName() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
