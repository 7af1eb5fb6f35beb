package org.rlvision.agent.bundle;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlvision.agent.Agent;

/**
 * Where a model came from: who produced it and when, its seed, how it was trained, which input
 * files went in (with sha256) and the software versions involved (maths differ by platform).
 *
 * @param producer  what made it, e.g. {@code rlvision train} or {@code npz import}
 * @param createdAt ISO-8601 UTC time
 * @param seed      the random seed, if any
 * @param training  how it was trained, or null for an untrained or imported model
 * @param inputs    files it was made from
 * @param versions  workbench, DJL, PyTorch, Java, OS and architecture versions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String producer, String createdAt, Long seed, Training training, List<Input> inputs, Map<String, String> versions) {
    /** Copies the collections. */
    public Provenance {
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("provenance needs a producer, e.g. 'rlvision train'");
        }
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        versions = versions == null ? Map.of() : Map.copyOf(versions);
    }

    /** A provenance stamped now with the running versions. */
    public static Provenance now(String producer, Long seed, Training training, List<Input> inputs) {
        return new Provenance(producer, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), seed, training,
                inputs, currentVersions());
    }

    /** The versions of this process: workbench, DJL, PyTorch, Java, OS, CPU architecture, device. */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        String wb = Agent.class.getPackage().getImplementationVersion();
        v.put("workbench", wb == null ? "dev" : wb);
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        v.put("arch", System.getProperty("os.arch"));
        v.put("device", "cpu");
        return v;
    }

    /**
     * How a model was trained.
     *
     * @param command            the command line that trained it
     * @param environmentOptions the environment options (Procgen names), e.g. {@code distribution_mode=hard}
     * @param startLevel         first training level
     * @param numLevels          number of training levels (0 = unbounded)
     * @param steps              environment steps trained for
     * @param seed               the training seed
     * @param successRate        measured fraction of levels completed, in [0,1], or null
     * @param evaluation         how {@code successRate} was measured, e.g. {@code 1000 test levels}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(
            String command,
            Map<String, String> environmentOptions,
            Integer startLevel,
            Integer numLevels,
            Long steps,
            Long seed,
            Double successRate,
            String evaluation) {
        /** Copies the options and checks the rate. */
        public Training {
            environmentOptions = environmentOptions == null ? Map.of() : Map.copyOf(environmentOptions);
            if (successRate != null && !(successRate >= 0 && successRate <= 1)) {
                throw new IllegalArgumentException("successRate must be in [0,1], got " + successRate);
            }
        }
    }

    /**
     * A file a model was made from.
     *
     * @param role   what it was, e.g. {@code weights}
     * @param path   where it was read
     * @param sha256 its hash, lower-case hex
     */
    public record Input(String role, String path, String sha256) {
        /** An input file with its sha256 computed now. */
        public static Input of(String role, java.nio.file.Path file) throws java.io.IOException {
            return new Input(role, file.toAbsolutePath().toString(), ModelBundle.sha256(file));
        }
    }
}
