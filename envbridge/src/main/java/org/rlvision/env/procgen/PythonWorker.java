package org.rlvision.env.procgen;

import py4j.GatewayServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * One Python worker process and the Py4J gateway it talks to: starts the interpreter with the
 * bundled worker script, waits for it to connect, sends commands and waits for results with
 * timeouts, and makes sure the process ends (on {@link #close()} and at JVM exit).
 */
final class PythonWorker implements AutoCloseable {
    static final String SCRIPT_RESOURCE = "procgen_worker.py";
    private static final int EXIT_MISSING_MODULES = 3;
    private static final long SLICE_MS = 50;

    private final ProcgenWorkerConfig config;
    private final GatewayEntry entry = new GatewayEntry();
    private final GatewayServer server;
    private final Path script;
    private final Process process;
    private final OutputTail stdout;
    private final OutputTail stderr;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private PythonWorker(ProcgenWorkerConfig config) {
        this.config = config;
        this.script = writeScript();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        this.server = new GatewayServer.GatewayServerBuilder(entry).javaPort(0)
                .javaAddress(InetAddress.getLoopbackAddress()).authToken(token).build();
        server.start(true);
        ProcessBuilder pb = new ProcessBuilder(config.python(), "-u", script.toString());
        Map<String, String> env = pb.environment();
        env.put("RLVISION_PY4J_PORT", Integer.toString(server.getListeningPort()));
        env.put("RLVISION_PY4J_TOKEN", token);
        try {
            this.process = pb.start();
        } catch (IOException e) {
            server.shutdown();
            deleteScript();
            throw new ProcgenBridgeException("cannot run the Python interpreter '" + config.python() + "' ("
                    + e.getMessage() + "); install Python 3 with procgen and py4j (pip install procgen py4j) and pass "
                    + "--python or set " + ProcgenWorkerConfig.PYTHON_ENV + " to it", e);
        }
        this.stdout = new OutputTail(process.getInputStream(), 50, "procgen-worker-stdout");
        this.stderr = new OutputTail(process.getErrorStream(), 50, "procgen-worker-stderr");
        this.shutdownHook = new Thread(this::stopProcess, "procgen-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a worker and waits until it has connected.
     *
     * @throws ProcgenBridgeException naming what is missing (interpreter, py4j, procgen) or how the worker failed
     */
    static PythonWorker start(ProcgenWorkerConfig config) {
        PythonWorker w = new PythonWorker(config);
        try {
            w.awaitHello();
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    private void awaitHello() {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        try {
            while (!entry.awaitHello(SLICE_MS)) {
                if (!process.isAlive()) {
                    throw startFailure();
                }
                if (System.nanoTime() > deadline) {
                    throw new ProcgenBridgeException("the Procgen worker (" + config.python() + ") did not connect within "
                            + config.startTimeout().toSeconds() + " s and was stopped" + tail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcgenBridgeException("interrupted while starting the Procgen worker", e);
        }
    }

    private ProcgenBridgeException startFailure() {
        int status = process.exitValue();
        stdout.awaitEnd(1000);
        stderr.awaitEnd(1000);
        String out = stdout.text();
        int at = out.indexOf("RLVISION_MISSING ");
        if (status == EXIT_MISSING_MODULES && at >= 0) {
            String missing = out.substring(at + "RLVISION_MISSING ".length()).lines().findFirst().orElse("").trim();
            return new ProcgenBridgeException("the Python at '" + config.python() + "' lacks the module(s) "
                    + String.join(", ", missing.split(" ")) + "; install them with: " + config.python() + " -m pip install "
                    + missing + " (or pass --python / set "
                    + ProcgenWorkerConfig.PYTHON_ENV + " to an interpreter that has them)");
        }
        return new ProcgenBridgeException("the Procgen worker (" + config.python() + ") exited with status " + status
                + " during start-up" + tail());
    }

    /**
     * Sends one command and waits for its result.
     *
     * @param json    the command
     * @param timeout how long to wait
     * @return the length of the result the worker wrote into the shared block
     * @throws ProcgenBridgeException if the worker reported an error, died, or did not answer in time
     */
    int call(String json, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the Procgen worker is closed; create a new ProcgenVecEnv");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            entry.send(json);
            while (true) {
                Object r = entry.pollResult(SLICE_MS);
                if (r instanceof Integer length && length >= 0) {
                    return length;
                }
                if (r instanceof GatewayEntry.WorkerError err) {
                    throw new ProcgenBridgeException("the Procgen worker failed: " + err.message());
                }
                if (!process.isAlive()) {
                    stderr.awaitEnd(1000);
                    int status = process.exitValue();
                    close();
                    throw new ProcgenBridgeException("the Procgen worker died (exit status " + status + ") while running "
                            + describe(json) + tail());
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new ProcgenBridgeException("the Procgen worker did not answer " + describe(json) + " within "
                            + timeout.toSeconds() + " s and was stopped" + tail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcgenBridgeException("interrupted while waiting for the Procgen worker", e);
        }
    }

    private static String describe(String json) {
        int at = json.indexOf("\"op\":\"");
        return at < 0 ? "a command" : "'" + json.substring(at + 6, json.indexOf('"', at + 6)) + "'";
    }

    private String tail() {
        String err = stderr.text().strip();
        if (err.isEmpty()) {
            return "";
        }
        String[] lines = err.split("\n");
        int from = Math.max(0, lines.length - 8);
        return "; its stderr ends with:\n  " + String.join("\n  ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /** The OS process id of the worker. */
    long pid() {
        return process.pid();
    }

    /** The worker's Python version (after start). */
    String pythonVersion() {
        return entry.pythonVersion();
    }

    /** The procgen package version the worker imported. */
    String procgenVersion() {
        return entry.procgenVersion();
    }

    /** The process handle, for checks that it ended. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    private void stopProcess() {
        try {
            if (process.isAlive()) {
                entry.pollResult(0); // drop a stale result
                if (entry.pythonVersion() != null) {
                    try {
                        entry.send("{\"op\":\"close\"}");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            server.shutdown();
            deleteScript();
        }
    }

    private static Path writeScript() {
        try (InputStream in = PythonWorker.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the worker script " + SCRIPT_RESOURCE + " is missing from the jar");
            }
            Path p = Files.createTempFile("rlvision-procgen-worker-", ".py");
            Files.write(p, in.readAllBytes());
            return p;
        } catch (IOException e) {
            throw new ProcgenBridgeException("cannot write the Procgen worker script to the temp folder (" + e.getMessage()
                    + "); check java.io.tmpdir is writable", e);
        }
    }

    private void deleteScript() {
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            script.toFile().deleteOnExit();
        }
    }
}
