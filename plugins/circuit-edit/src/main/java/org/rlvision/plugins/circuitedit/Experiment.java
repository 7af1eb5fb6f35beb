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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 */
public record Experiment(LevelRange levels, Shard shard, List<Arm> arms, int batch, EnvOptions env, long seed, boolean greedy,
                         String model) {
    /** Copies the arms. */
    public Experiment {
        arms = List.copyOf(arms);
        if (arms.isEmpty() || arms.get(0).kind() != Arm.Kind.ORIGINAL) {
            throw new IllegalArgumentException("the first arm must be the original agent");
        }
    }

    /**
     * The experiment as recorded in the journal's header: everything that decides the outcomes
     * (not the shard, so shards of one experiment have equal descriptions).
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
                e.path("model").asText());
    }

    /** The level seeds this shard plays. */
    public int[] shardLevels() {
        return shard.levels(levels);
    }

    /** The rollout configuration of an arm. */
    public Rollout.Config rolloutConfig(Arm arm) {
        return new Rollout.Config(batch, env, arm.hidden(), seed, greedy);
    }

    /**
     * Plays every (arm, level) of this shard that the journal lacks, arm by arm.
     *
     * @param base     the loaded agent (edited copies are made from it and closed per arm)
     * @param journal  receives each outcome
     * @param progress called with 1 per finished level
     * @return the measured speed over every arm played
     */
    public Rollout.Stats run(Agent base, Journal journal, LongConsumer progress) throws IOException {
        Rollout.Stats total = Rollout.Stats.NONE;
        for (Arm arm : arms) {
            int[] todo = remaining(journal, arm);
            if (todo.length == 0) {
                continue;
            }
            try (ArmModel m = ArmModel.of(base, arm)) {
                Rollout r = new Rollout(rolloutConfig(arm));
                total = total.plus(r.play(m.agent(), m.hooks(), todo, (level, cause, length, ret) -> {
                    journal.append(new LevelOutcome(arm.name(), level, cause, length, ret));
                    progress.accept(1);
                }, Set.of(), null));
            }
        }
        return total;
    }

    /** The levels of this shard the journal does not hold for {@code arm}, in increasing order. */
    public int[] remaining(Journal journal, Arm arm) {
        List<Integer> out = new ArrayList<>();
        for (int level : shardLevels()) {
            if (!journal.has(arm.name(), level)) {
                out.add(level);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
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
}
