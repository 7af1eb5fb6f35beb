package org.rlvision.workbench;

import org.rlvision.env.procgen.ProcgenWorkerConfig;
import picocli.CommandLine.Option;

/** The options choosing and configuring the backend: the Java engine or the real Procgen. */
public final class ProcgenFlags {
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
}
