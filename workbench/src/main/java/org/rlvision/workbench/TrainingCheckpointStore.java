package org.rlvision.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import org.rlvision.agent.Agent;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.NpzWeights;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.train.OptimizerState;
import org.rlvision.agent.train.TrainingCheckpoint;
import org.rlvision.env.EnvSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training checkpoint folder {@code OUT.checkpoint/}: the weights as an ordinary model bundle
 * (so a checkpoint can be evaluated or used with {@code --init}), Adam's moments
 * ({@code adam-m.npz}, {@code adam-v.npz}) and {@code progress.json} (where the run stands, how
 * many metric lines belong to it, the settings it was started with). Replaced whole after every
 * epoch or update through a {@link FolderSwap}.
 */
final class TrainingCheckpointStore {
    /** The {@code format} field of {@code progress.json}. */
    static final String FORMAT = "rlvision-train-checkpoint";
    private static final String PROGRESS = "progress.json";

    /** A checkpoint read back: the trainer's part, how many metric lines it covers, the run's settings. */
    record Saved(TrainingCheckpoint checkpoint, int metricLines, Map<String, String> settings) {
    }

    private final Path dir;

    TrainingCheckpointStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes a checkpoint, replacing the previous one.
     *
     * @param environment the training environment in Procgen's names, recorded in the checkpoint's
     *                    {@code model.json} so that commands playing the checkpoint use it by default
     */
    void save(NetworkConfig network, TrainingCheckpoint c, int metricLines, Map<String, String> settings, String command,
              Map<String, String> environment) {
        FolderSwap swap = new FolderSwap(dir);
        try (Agent a = Agent.of(network, c.weights())) {
            Path tmp = swap.begin();
            ModelBundle.save(tmp, a, EnvSpec.procgen().actions(), Provenance.now("rlvision train (checkpoint)", null,
                    new Provenance.Training(command, environment, null, null, c.position().samplesSeen(), null, null, null), List.of()));
            NpzWeights.write(tmp.resolve("adam-m.npz"), c.optimizer().firstMoments());
            NpzWeights.write(tmp.resolve("adam-v.npz"), c.optimizer().secondMoments());
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("format", FORMAT);
            progress.put("formatVersion", 1);
            progress.put("position", c.position());
            progress.put("adamStep", c.optimizer().step());
            progress.put("metricLines", metricLines);
            progress.put("settings", settings);
            Files.writeString(tmp.resolve(PROGRESS), Json.write(progress));
            swap.commit();
        } catch (IOException e) {
            throw new UserException("cannot write the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads the checkpoint (falling back to a complete {@code .new} folder a kill left behind). */
    Saved load(NetworkConfig network) {
        Path from = new FolderSwap(dir).latest(PROGRESS);
        if (!Files.isDirectory(from)) {
            throw new UserException("--resume: no checkpoint at " + dir + "; train without --resume first");
        }
        if (!Files.isRegularFile(from.resolve(PROGRESS))) {
            throw new UserException("--resume: " + from + " has no " + PROGRESS + " (it was written by an older rlvision without "
                    + "Adam's state); start a new run with --init " + from);
        }
        try {
            JsonNode p = Json.mapper().readTree(from.resolve(PROGRESS).toFile());
            if (!FORMAT.equals(p.path("format").asText())) {
                throw new UserException(from.resolve(PROGRESS) + ": field format is '" + p.path("format").asText() + "', expected "
                        + FORMAT);
            }
            TrainingCheckpoint.Position position = Json.mapper().treeToValue(p.get("position"), TrainingCheckpoint.Position.class);
            StateDict weights;
            try (ModelBundle b = ModelBundle.load(from)) {
                if (!b.agent().config().equals(network)) {
                    throw new UserException(from + " holds a " + b.agent().config().architecture().id() + " model; resume with --arch "
                            + b.agent().config().architecture().id());
                }
                weights = b.agent().stateDict();
            }
            OptimizerState adam = new OptimizerState(p.path("adamStep").asLong(), NpzWeights.read(from.resolve("adam-m.npz")),
                    NpzWeights.read(from.resolve("adam-v.npz")));
            Map<String, String> settings = new LinkedHashMap<>();
            p.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            return new Saved(new TrainingCheckpoint(position, weights, adam), p.path("metricLines").asInt(), settings);
        } catch (IOException e) {
            throw new UserException("--resume: cannot read the checkpoint " + from + ": " + e.getMessage(), e);
        }
    }
}
