package org.rlvision.agent.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Precision;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.WeightCheck;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.LayerInfo;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.env.EnvSpec;

/**
 * A model on disk: a folder holding {@code model.json} ({@link ModelCard}) and {@code weights.npz}
 * (weights by PyTorch {@code state_dict} key), loaded into an {@link Agent}.
 *
 * <p>Loading checks the format version, the architecture, the layer list, the observation and
 * action spec, the weights file's size and sha256, and every tensor's name and shape before any
 * weight is created, so a bad bundle fails with one sentence and is never half-loaded. Saving
 * writes to a temporary folder and renames it into place.
 */
public final class ModelBundle implements AutoCloseable {
    /** The {@code format} field of {@code model.json}. */
    public static final String FORMAT = "rlvision-model";
    /** The bundle format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** The card's file name. */
    public static final String MODEL_JSON = "model.json";
    /** The weights' file name. */
    public static final String WEIGHTS = "weights.npz";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final ModelCard card;
    private final Agent agent;

    private ModelBundle(Path dir, ModelCard card, Agent agent) {
        this.dir = dir;
        this.card = card;
        this.agent = agent;
    }

    /** The folder it was loaded from. */
    public Path dir() {
        return dir;
    }

    /** The parsed {@code model.json}. */
    public ModelCard card() {
        return card;
    }

    /** The loaded agent (closed with the bundle). */
    public Agent agent() {
        return agent;
    }

    /** Loads a bundle in float32; see {@link #load(Path, Precision)}. */
    public static ModelBundle load(Path dir) throws IOException {
        return load(dir, Precision.FLOAT32);
    }

    /**
     * Loads and checks a bundle.
     *
     * @param dir       the bundle folder
     * @param precision the precision to compute in
     * @return the bundle with its agent
     * @throws IOException              if a file is missing, unreadable, truncated or corrupt
     * @throws IllegalArgumentException if the content does not describe a consistent model
     */
    public static ModelBundle load(Path dir, Precision precision) throws IOException {
        ModelCard card = readCard(dir);
        Path weightsFile = dir.resolve(card.weights().file());
        if (!Files.isRegularFile(weightsFile)) {
            throw new IOException("bundle " + dir + " has no " + card.weights().file() + "; copy the whole bundle folder");
        }
        long size = Files.size(weightsFile);
        if (size != card.weights().bytes()) {
            throw new IOException(weightsFile + " is " + size + " bytes but model.json records " + card.weights().bytes()
                    + "; the file is truncated or was replaced, re-save the bundle");
        }
        String sha = sha256(weightsFile);
        if (!sha.equals(card.weights().sha256())) {
            throw new IOException(weightsFile + " has sha256 " + sha + " but model.json records "
                    + card.weights().sha256() + "; the file is corrupt or was replaced, re-save the bundle");
        }
        StateDict weights = NpzWeights.read(weightsFile);
        ActorCriticNet net = ActorCriticNet.build(card.network());
        WeightCheck.require(net.layout(), weights, card.weights().file());
        return new ModelBundle(dir, card, Agent.of(card.network(), weights, precision));
    }

    /**
     * Reads and checks {@code model.json} alone (format, architecture, layers, spec), without
     * touching the weights.
     *
     * @throws IOException              if the file is missing or not JSON
     * @throws IllegalArgumentException if it is inconsistent
     */
    public static ModelCard readCard(Path dir) throws IOException {
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) {
            throw new IOException("no " + MODEL_JSON + " in " + dir + "; a model bundle is a folder with "
                    + MODEL_JSON + " and " + WEIGHTS);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(json + " is not valid JSON (" + e.getOriginalMessage() + "); re-save the bundle", e);
        }
        if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
            throw new IllegalArgumentException(json + " is not a model card: its format is '"
                    + (tree == null ? "" : tree.path("format").asText()) + "', expected '" + FORMAT + "'");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(json + " has format version " + version + " but this workbench reads version "
                    + FORMAT_VERSION + "; use a matching workbench or re-save the bundle");
        }
        ModelCard card;
        try {
            card = JSON.treeToValue(tree, ModelCard.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException(json + " is not a valid model card: " + msg, e);
        }
        if (card.network() == null || card.weights() == null || card.observation() == null) {
            throw new IllegalArgumentException(json + " lacks the 'network', 'observation' or 'weights' section; re-save the bundle");
        }
        checkConsistent(card, json);
        return card;
    }

    private static void checkConsistent(ModelCard card, Path json) {
        NetworkConfig c = card.network();
        NetworkLayout layout = ActorCriticNet.build(c).layout();
        String net = "the " + c.architecture().id() + " network";
        List<LayerInfo> expected = layout.layers();
        for (int i = 0; i < Math.max(expected.size(), card.layers().size()); i++) {
            LayerInfo want = i < expected.size() ? expected.get(i) : null;
            LayerInfo got = i < card.layers().size() ? card.layers().get(i) : null;
            if (want == null || got == null || !want.name().equals(got.name())) {
                throw new IllegalArgumentException(json + " lists layers " + names(card.layers()) + " but " + net
                        + " has " + names(expected) + "; the architecture field and the layer list disagree");
            }
            if (!want.shape().equals(got.shape())) {
                throw new IllegalArgumentException(json + " says layer '" + got.name() + "' has shape " + got.shape()
                        + " but " + net + " gives " + want.shape());
            }
        }
        ModelCard.ObservationSpec o = card.observation();
        if (o.height() != c.height() || o.width() != c.width() || o.channels() != c.channels()) {
            throw new IllegalArgumentException(json + " declares observations " + o.height() + "x" + o.width() + "x"
                    + o.channels() + " but its network reads " + c.height() + "x" + c.width() + "x" + c.channels());
        }
        if (card.actions().size() != c.numActions()) {
            throw new IllegalArgumentException(json + " names " + card.actions().size() + " actions but its network has "
                    + c.numActions() + " logits");
        }
    }

    private static String names(List<LayerInfo> layers) {
        return layers.stream().map(LayerInfo::name).toList().toString();
    }

    /**
     * Writes an agent as a bundle folder, atomically: into a temporary sibling folder that is then
     * renamed to {@code dir}.
     *
     * @param dir        the bundle folder; must not exist or be empty
     * @param agent      the model
     * @param actions    action names in logit order (e.g. from {@code EnvSpec.actions()})
     * @param provenance where the model came from
     * @return the card written
     * @throws IOException if {@code dir} holds files or writing fails
     */
    public static ModelCard save(Path dir, Agent agent, List<String> actions, Provenance provenance) throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(target + " already exists and is not empty; choose a new folder or delete it");
                }
            }
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp");
        try {
            Path weights = tmp.resolve(WEIGHTS);
            StateDict sd = agent.stateDict();
            NpzWeights.write(weights, sd);
            NetworkConfig c = agent.config();
            ModelCard card = new ModelCard(FORMAT, FORMAT_VERSION, c,
                    ModelCard.ObservationSpec.uint8(c.height(), c.width(), c.channels()), actions,
                    agent.layout().layers(),
                    new ModelCard.WeightsInfo(WEIGHTS, sha256(weights), Files.size(weights), sd.size(), sd.parameterCount()),
                    provenance);
            checkConsistent(card, target.resolve(MODEL_JSON));
            JSON.writeValue(tmp.resolve(MODEL_JSON).toFile(), card);
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return card;
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Imports PyTorch-style weights from an {@code .npz} file into a new agent, checking every
     * tensor ({@link WeightCheck}).
     *
     * @param file   the {@code .npz}, keys such as {@code conv1a.weight}
     * @param config the architecture the weights belong to
     * @return a float32 agent
     * @throws IOException              if the file is unreadable, truncated or holds non-float arrays
     * @throws IllegalArgumentException naming a missing, extra or mis-shaped tensor
     */
    public static Agent importNpz(Path file, NetworkConfig config) throws IOException {
        StateDict weights = NpzWeights.read(file);
        WeightCheck.require(ActorCriticNet.build(config).layout(), weights, file.getFileName().toString());
        return Agent.of(config, weights);
    }

    /** Writes an agent's weights as an {@code .npz} keyed by {@code state_dict} names (float32). */
    public static void exportNpz(Agent agent, Path file) throws IOException {
        NpzWeights.write(file, agent.stateDict());
    }

    /**
     * Checks that this model can play an environment: same observation size and the same
     * action names in the same order.
     *
     * @throws IllegalArgumentException naming the first difference
     */
    public void requireCompatible(EnvSpec spec) {
        ModelCard.ObservationSpec o = card.observation();
        if (o.height() != spec.height() || o.width() != spec.width() || o.channels() != spec.channels()) {
            throw new IllegalArgumentException("the model reads " + o.height() + "x" + o.width() + "x" + o.channels()
                    + " observations but the environment renders " + spec.height() + "x" + spec.width() + "x"
                    + spec.channels());
        }
        if (!card.actions().equals(spec.actions())) {
            throw new IllegalArgumentException("the model's actions " + card.actions()
                    + " differ from the environment's " + spec.actions() + "; use the environment it was trained on");
        }
    }

    /** The lower-case hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Closes the agent. */
    @Override
    public void close() {
        agent.close();
    }
}
