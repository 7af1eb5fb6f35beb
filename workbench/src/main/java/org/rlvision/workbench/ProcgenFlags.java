package org.rlvision.workbench;

import org.rlvision.env.EnvOptions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.env.procgen.ProcgenVecEnv;
import org.rlvision.env.procgen.ProcgenWorkerConfig;
import picocli.CommandLine.Option;

import java.util.function.Function;

/** The options choosing and configuring the backend: the Java engine or the real Procgen. */
public final class ProcgenFlags {
    /**
     * Levels an evaluation plays at once on the real game. Each plays in its own Python worker
     * (Procgen's options are per process), about 370 MB each: 64 of them, the Java engine's
     * default, come to about 23 GB and brought in the kernel's OOM killer on a 24 GB machine.
     */
    static final int EVALUATION_SLOTS = 8;
    @Option(names = "--env", paramLabel = "java|procgen", defaultValue = "java",
            description = "Backend: the embedded Java CoinRun or the real Procgen through Python (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--python", paramLabel = "PATH",
            description = "Python interpreter with procgen and py4j for --env procgen (default: $RLVISION_PYTHON, else python3).")
    String python;

    /** True when the real Procgen is asked for. */
    public boolean procgen() {
        return switch (env) {
            case "java" -> false;
            case "procgen" -> true;
            default -> throw new UserException("--env " + env + " is not a backend; use java or procgen");
        };
    }

    /** The worker configuration: the given interpreter or the default one. */
    public ProcgenWorkerConfig workerConfig() {
        ProcgenWorkerConfig c = ProcgenWorkerConfig.defaults();
        return python == null ? c : c.withPython(python);
    }

    /** Levels an evaluation plays at once by default: 64 on the Java engine, {@link #EVALUATION_SLOTS} on the real game. */
    public int evaluationSlots() {
        return procgen() ? EVALUATION_SLOTS : 64;
    }

    /**
     * Makes {@code n} environments of the chosen backend: the Java engine, or the real Procgen in a
     * Python worker (whose failures surface as {@link org.rlvision.env.procgen.ProcgenBridgeException}).
     */
    public Function<EnvOptions, VecEnv> envs(int n) {
        if (!procgen()) {
            return o -> CoinRunVecEnv.create(n, o);
        }
        ProcgenWorkerConfig worker = workerConfig();
        return o -> ProcgenVecEnv.start(n, o, worker);
    }
}
