package org.rlvision.env.procgen;

import org.rlvision.env.EnvOptions;
import org.rlvision.env.EnvSpec;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;

import java.util.Map;

/**
 * The real Procgen CoinRun behind the {@link VecEnv} API: a Python worker runs
 * {@code ProcgenGym3Env(num, env_name="coinrun", ...)} with the same options as the Java engine
 * and hands the JVM one block per step (rewards, first flags, infos, observations) through a
 * memory-mapped file, with one Py4J call per step for control (loopback, ephemeral port, auth
 * token). Episode ends carry {@code COMPLETE}, {@code NOT_COMPLETE} or {@code TIMEOUT},
 * since Procgen cannot tell deaths apart.
 *
 * <p>Needs a Python with {@code procgen}, {@code py4j} and {@code numpy}
 * ({@code pip install procgen py4j}); the interpreter comes from the config ({@code --python},
 * {@code RLVISION_PYTHON}, else {@code python3}). Close it (or let the JVM exit) to end the worker.
 */
public final class ProcgenVecEnv implements VecEnv {
    private static final EnvSpec SPEC = EnvSpec.procgen();

    private final int numEnvs;
    private EnvOptions options;
    private final ProcgenWorkerConfig config;
    private final PythonWorker worker;
    private final StepBatch batch;
    private final SharedBlock block;
    private StepDecoder decoder;
    private final StringBuilder command = new StringBuilder(16 + 4 * 64);

    private ProcgenVecEnv(int numEnvs, EnvOptions options, ProcgenWorkerConfig config) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be at least 1, got " + numEnvs);
        }
        this.numEnvs = numEnvs;
        this.options = options;
        this.config = config;
        this.batch = new StepBatch(numEnvs, SPEC);
        this.decoder = new StepDecoder(numEnvs, SPEC.observationBytes());
        this.block = new SharedBlock(StepDecoder.blockSize(numEnvs, SPEC.observationBytes()));
        try {
            this.worker = PythonWorker.start(config);
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
        try {
            int length = worker.call(createCommand(numEnvs, options), config.startTimeout());
            decoder.decode(block.buffer(), length, batch, false);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a worker and creates {@code numEnvs} Procgen CoinRun environments.
     *
     * @throws ProcgenBridgeException if Python, py4j or procgen is missing, or the worker fails
     */
    public static ProcgenVecEnv start(int numEnvs, EnvOptions options, ProcgenWorkerConfig config) {
        return new ProcgenVecEnv(numEnvs, options, config);
    }

    /** Starts with the default interpreter ({@code RLVISION_PYTHON} or {@code python3}). */
    public static ProcgenVecEnv start(int numEnvs, EnvOptions options) {
        return start(numEnvs, options, ProcgenWorkerConfig.defaults());
    }

    private String createCommand(int n, EnvOptions o) {
        return createCommand(n, o, block.path().toString(), block.size());
    }

    /** The JSON command that makes the worker create its environments: Procgen's kwargs, verbatim. */
    static String createCommand(int numEnvs, EnvOptions options, String shmPath, int shmSize) {
        StringBuilder sb = new StringBuilder("{\"op\":\"create\",\"num\":").append(numEnvs)
                .append(",\"shm\":\"").append(shmPath.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\"shm_size\":").append(shmSize).append(",\"options\":{");
        boolean firstField = true;
        for (Map.Entry<String, Object> e : options.toProcgenKwargs().entrySet()) {
            sb.append(firstField ? "" : ",").append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            sb.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
            firstField = false;
        }
        return sb.append("}}").toString();
    }

    @Override
    public int numEnvs() {
        return numEnvs;
    }

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public EnvOptions options() {
        return options;
    }

    @Override
    public StepBatch observe() {
        return batch;
    }

    @Override
    public void act(int[] actions) {
        if (actions.length != numEnvs) {
            throw new IllegalArgumentException("act() needs one action per environment: got " + actions.length
                    + " actions for " + numEnvs + " environments");
        }
        command.setLength(0);
        command.append("{\"op\":\"act\",\"actions\":[");
        for (int i = 0; i < numEnvs; i++) {
            int a = actions[i];
            if (a < 0 || a >= SPEC.numActions()) {
                throw new IllegalArgumentException("action " + a + " for environment " + i
                        + " is out of range; valid actions are 0.." + (SPEC.numActions() - 1));
            }
            command.append(i == 0 ? "" : ",").append(a);
        }
        command.append("]}");
        decoder.decode(block.buffer(), worker.call(command.toString(), config.callTimeout()), batch, true);
    }

    /**
     * Re-creates the environments in the same worker with other options (e.g. another
     * {@code start_level}), which is much faster than starting a new worker.
     */
    public void reconfigure(EnvOptions newOptions) {
        int length = worker.call(createCommand(numEnvs, newOptions), config.startTimeout());
        decoder = new StepDecoder(numEnvs, SPEC.observationBytes());
        decoder.decode(block.buffer(), length, batch, false);
        options = newOptions;
    }

    @Override
    public boolean reconfigureInPlace(EnvOptions newOptions) {
        reconfigure(newOptions);
        return true;
    }

    /**
     * Procgen's own speed inside the worker: {@code steps} batched steps of uniform random actions
     * ({@code act} + {@code observe}, nothing sent to the JVM), in environment steps per second.
     * The reference the bridge's throughput is compared with.
     */
    public double workerStepsPerSecond(int steps, int seed) {
        worker.call("{\"op\":\"bench\",\"steps\":" + steps + ",\"seed\":" + seed + "}",
                config.callTimeout().multipliedBy(Math.max(1, steps / 100)));
        double seconds = block.buffer().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble(0);
        return (double) steps * numEnvs / seconds;
    }

    /** Python and procgen versions reported by the worker, for provenance. */
    public String workerVersions() {
        return "python " + worker.pythonVersion() + ", procgen " + worker.procgenVersion();
    }

    /** The worker's process, e.g. to check it ended after {@link #close()}. */
    public ProcessHandle workerProcess() {
        return worker.handle();
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            block.close();
        }
    }
}
