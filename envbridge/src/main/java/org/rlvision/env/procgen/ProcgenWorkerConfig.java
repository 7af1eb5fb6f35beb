package org.rlvision.env.procgen;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the Python worker: which interpreter and how long to wait.
 *
 * @param python       the Python interpreter (a command on PATH or a path)
 * @param startTimeout how long start-up (imports, connecting, creating the environments) may take
 * @param callTimeout  how long one step may take before the worker is declared hung
 */
public record ProcgenWorkerConfig(String python, Duration startTimeout, Duration callTimeout) {
    /** Environment variable naming the interpreter when no {@code --python} is given. */
    public static final String PYTHON_ENV = "RLVISION_PYTHON";

    /** Validates the record. */
    public ProcgenWorkerConfig {
        Objects.requireNonNull(python, "python");
        if (python.isBlank()) {
            throw new IllegalArgumentException("the Python interpreter must not be blank; use python3 or a path");
        }
        if (startTimeout.isNegative() || startTimeout.isZero() || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The interpreter from {@code RLVISION_PYTHON}, else {@code python3}; 120 s start-up, 30 s per call. */
    public static ProcgenWorkerConfig defaults() {
        String env = System.getenv(PYTHON_ENV);
        return new ProcgenWorkerConfig(env == null || env.isBlank() ? "python3" : env,
                Duration.ofSeconds(120), Duration.ofSeconds(30));
    }

    /** The same with another interpreter. */
    public ProcgenWorkerConfig withPython(String interpreter) {
        return new ProcgenWorkerConfig(interpreter, startTimeout, callTimeout);
    }

    /** The same with other timeouts. */
    public ProcgenWorkerConfig withTimeouts(Duration start, Duration call) {
        return new ProcgenWorkerConfig(python, start, call);
    }

    /**
     * Why this interpreter cannot run the real game, or empty when it can {@code import procgen,
     * py4j} (checked by running it, within 60 s): for tests and tools that use Procgen when present
     * and say why they skip it otherwise.
     */
    public java.util.Optional<String> unavailableReason() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import procgen, py4j").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return java.util.Optional.of(python + " did not import procgen within 60 s");
            }
            return p.exitValue() == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(python + " cannot import procgen and py4j (set " + PYTHON_ENV + " to an interpreter that can)");
        } catch (java.io.IOException e) {
            return java.util.Optional.of("no Python interpreter '" + python + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted while checking " + python);
        }
    }
}
