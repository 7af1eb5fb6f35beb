package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.rlvision.agent.Agent;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.plugin.PluginException;

/**
 * The circuit-edit experiment: every arm plays every level of this shard once, each outcome
 * appended to the journal as it finishes; levels the journal already holds are skipped.
 *
 * @param levels     the experiment's levels (all shards)
 * @param shard      the part this process plays
 * @param arms       the arms, original first
 * @param batch      slots per forward pass
 * @param env        mode, {@code paint_vel_info}, {@code center_agent}
 * @param seed       the action-sampling seed
 * @param greedy     argmax actions instead of sampling
 * @param model      the base model's weights fingerprint ({@link #fingerprint})
 * @param workers    rollouts running side by side, each on its own thread with its own batch and agent copy
 * @param threads    PyTorch intra-op threads per worker (0: PyTorch's default)
 */
public record Experiment(LevelRange levels, Shard shard, List<Arm> arms, int batch, EnvOptions env, long seed, boolean greedy,
                         String model, int workers, int threads) {
    /** Copies the arms and checks the counts. */
    public Experiment {
        arms = List.copyOf(arms);
        if (arms.isEmpty() || arms.get(0).kind() != Arm.Kind.ORIGINAL) {
            throw new IllegalArgumentException("the first arm must be the original agent");
        }
        if (workers < 1 || threads < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and threads >= 0, got " + workers + " and " + threads);
        }
    }

    /** This experiment played by {@code w} workers of {@code t} threads each (outcomes do not change). */
    public Experiment withWorkers(int w, int t) {
        return new Experiment(levels, shard, arms, batch, env, seed, greedy, model, w, t);
    }

    /**
     * The experiment as recorded in the journal's header: everything that decides the outcomes
     * (not the shard, so shards of one experiment have equal descriptions; not the workers and
     * threads, which do not change outcomes).
     */
    public ObjectNode describe() {
        ObjectNode e = Journal.JSON.createObjectNode();
        e.put("model", model);
        ObjectNode env = e.putObject("environment");
        env.put("distribution_mode", this.env.distributionMode().procgenName());
        env.put("paint_vel_info", this.env.paintVelInfo());
        env.put("center_agent", this.env.centerAgent());
        e.put("levels", levels.toString());
        e.put("seed", seed);
        e.put("actions", greedy ? "greedy" : "sample");
        e.put("batch", batch);
        ArrayNode a = e.putArray("arms");
        for (Arm arm : arms) {
            a.add(Journal.JSON.valueToTree(arm.describe()));
        }
        return e;
    }

    /**
     * The experiment a journal header describes ({@link #describe}), played as {@code shard}: for
     * merging shard journals and re-playing examples without the original options.
     *
     * @throws PluginException if the description is incomplete
     */
    public static Experiment fromDescription(JsonNode e, Shard shard) {
        JsonNode env = e.path("environment");
        if (!e.path("arms").isArray() || env.isMissingNode() || !e.hasNonNull("levels") || !e.hasNonNull("model")) {
            throw new PluginException("the journal's experiment description lacks its arms, environment, levels or model; "
                    + "the journal is damaged");
        }
        EnvOptions options = EnvOptions.builder()
                .optDistributionMode(DistributionMode.parse(env.path("distribution_mode").asText()))
                .optPaintVelInfo(env.path("paint_vel_info").asBoolean())
                .optCenterAgent(env.path("center_agent").asBoolean(true))
                .build();
        return new Experiment(LevelRange.parse(e.path("levels").asText()), shard, ArmParser.fromJson(e.path("arms")),
                e.path("batch").asInt(), options, e.path("seed").asLong(), "greedy".equals(e.path("actions").asText()),
                e.path("model").asText(), 1, 1);
    }

    /** The level seeds this shard plays. */
    public int[] shardLevels() {
        return shard.levels(levels);
    }

    /** The rollout configuration of an arm. */
    public Rollout.Config rolloutConfig(Arm arm) {
        return new Rollout.Config(batch, env, arm.hidden(), seed, greedy, threads);
    }

    /**
     * Plays every (arm, level) of this shard that the journal lacks.
     *
     * <p>{@link #workers} threads each run a rollout of {@link #batch} slots. They go through the
     * arms in order and share one level source per arm, so a worker whose arm has no level left
     * starts the next arm while the other finishes its last levels: the machine idles only at the
     * very end. Each worker evaluates its own copy of an arm's agent (an agent is not thread-safe);
     * copies have the same weights, so they give the same bits.
     *
     * @param base     the loaded agent (edited copies are made from it and closed at the end)
     * @param journal  receives each outcome
     * @param progress called with 1 per finished level
     * @return the measured speed
     */
    public Rollout.Stats run(Agent base, Journal journal, LongConsumer progress) throws IOException {
        List<ArmJob> jobs = new ArrayList<>();
        try {
            long total = 0;
            for (Arm arm : arms) {
                int[] todo = remaining(journal, arm);
                if (todo.length > 0) {
                    // ordered when the arm's first level is handed out, by then the original's lengths are mostly known
                    Rollout.LevelSource source = arm.kind() == Arm.Kind.ORIGINAL ? new Rollout.LevelSource(todo)
                            : new Rollout.LevelSource(() -> longestFirst(todo, originalLengths(journal)));
                    jobs.add(new ArmJob(arm, ArmModel.of(base, arm), source, rolloutConfig(arm)));
                    total += todo.length;
                }
            }
            if (jobs.isEmpty()) {
                return Rollout.Stats.NONE;
            }
            int n = (int) Math.max(1, Math.min(workers, (total + batch - 1) / batch));
            long start = System.nanoTime();
            if (n == 1) {
                Rollout.Stats sum = Rollout.Stats.NONE;
                for (ArmJob job : jobs) {
                    sum = sum.plus(job.play(job.model.agent(), journal, progress));
                }
                return sum.sideBySide(1, System.nanoTime() - start);
            }
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "circuit-edit-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Rollout.Stats>> futures = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    boolean first = w == 0;
                    futures.add(pool.submit(() -> worker(jobs, first, journal, progress)));
                }
                Rollout.Stats sum = Rollout.Stats.NONE;
                Throwable failure = null;
                for (Future<Rollout.Stats> f : futures) {
                    try {
                        sum = sum.plus(f.get());
                    } catch (ExecutionException e) {
                        failure = failure == null ? e.getCause() : failure;
                    } catch (InterruptedException e) {
                        jobs.forEach(j -> j.source.stop());
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while playing levels", e);
                    }
                }
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                if (failure instanceof Error err) {
                    throw err;
                }
                return sum.sideBySide(n, System.nanoTime() - start);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            jobs.forEach(j -> j.model.close());
        }
    }

    /**
     * The levels ordered by the original agent's episode length, longest first, where the journal
     * already holds it (levels without one keep their place at the front): the last levels to start
     * are then short ones, so the batches drain quickly at the end of an arm. Only the order of
     * starting changes, never an outcome.
     */
    static int[] longestFirst(int[] levels, Map<Integer, Integer> originalLength) {
        if (originalLength.isEmpty()) {
            return levels;
        }
        return Arrays.stream(levels).boxed()
                .sorted(Comparator.comparingInt((Integer l) -> -originalLength.getOrDefault(l, Integer.MAX_VALUE))
                        .thenComparingInt(l -> l))
                .mapToInt(Integer::intValue).toArray();
    }

    private static Map<Integer, Integer> originalLengths(Journal journal) {
        Map<Integer, Integer> m = new HashMap<>();
        synchronized (journal) {
            for (LevelOutcome o : journal.outcomes()) {
                if (o.arm().equals(Arm.ORIGINAL)) {
                    m.put(o.level(), o.length());
                }
            }
        }
        return m;
    }

    /** One worker: every arm in order, each until its shared level source runs dry. */
    private Rollout.Stats worker(List<ArmJob> jobs, boolean first, Journal journal, LongConsumer progress) throws IOException {
        Rollout.Stats sum = Rollout.Stats.NONE;
        try {
            for (ArmJob job : jobs) {
                Agent model = job.model.agent();
                try (Agent copy = first ? null : Agent.of(model.config(), model.stateDict(), model.precision())) {
                    sum = sum.plus(job.play(first ? model : copy, journal, progress));
                }
            }
            return sum;
        } catch (IOException | RuntimeException | Error e) {
            jobs.forEach(j -> j.source.stop());
            throw e;
        }
    }

    /** One arm's work: its model, its shared level source and its rollout configuration. */
    private record ArmJob(Arm arm, ArmModel model, Rollout.LevelSource source, Rollout.Config config) {
        Rollout.Stats play(Agent agent, Journal journal, LongConsumer progress) throws IOException {
            return new Rollout(config).play(agent, model.hooks(), source, (level, cause, length, ret) -> {
                synchronized (journal) {
                    journal.append(new LevelOutcome(arm.name(), level, cause, length, ret));
                    progress.accept(1);
                }
            }, Set.of(), null);
        }
    }

    /** The levels of this shard the journal does not hold for {@code arm}, in increasing order. */
    public int[] remaining(Journal journal, Arm arm) {
        return Arrays.stream(shardLevels()).filter(level -> !journal.has(arm.name(), level)).toArray();
    }

    /** Number of (arm, level) outcomes this shard produces. */
    public long shardOutcomes() {
        return (long) arms.size() * shardLevels().length;
    }

    /**
     * The sha256 of an agent's float32 weights (each {@code state_dict} key, shape and values in
     * network order), so a journal is only resumed or merged with the very same model.
     */
    public static String fingerprint(Agent agent) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StateDict sd = agent.stateDict();
            for (Map.Entry<String, Tensor> e : sd.tensors().entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                Tensor t = e.getValue();
                md.update(t.shapeText().getBytes(StandardCharsets.UTF_8));
                ByteBuffer buf = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data());
                md.update(buf);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /** A one-line summary, e.g. {@code 10000 levels 0..9999 × 2 arms, hard, paint_vel_info, batch 64}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d levels %s%s × %d arms, %s%s, %s actions, seed %d, batch %d", shardLevels().length,
                levels, shard.count() > 1 ? " (shard " + shard + ")" : "", arms.size(), env.distributionMode().procgenName(),
                env.paintVelInfo() ? ", paint_vel_info" : "", greedy ? "greedy" : "sampled", seed, batch);
    }

    /** How the levels are played, e.g. {@code 2 workers × 1 thread}. */
    public String layout() {
        return workers + (workers == 1 ? " worker" : " workers") + " × " + (threads == 0 ? "default" : Integer.toString(threads))
                + (threads == 1 ? " thread" : " threads");
    }
}
