package org.rlvision.agent.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stages a model was trained through: its bundle, the bundle whose weights it started from
 * (its provenance's {@value #INITIAL_WEIGHTS} input, matched by sha256 among the bundles under
 * some folders), that bundle's own start, and so on back to a model trained from random weights
 * or to a start that is not among them. Each {@code model.json} records only its own stage; the
 * lineage joins them into the whole recipe.
 *
 * @param stages     oldest first; the last is the model asked about
 * @param unresolved the oldest stage's starting weights when no bundle searched has them, else null
 *                   (null too when the oldest stage started from random weights)
 */
public record ModelLineage(List<Stage> stages, Provenance.Input unresolved) {
    /** The role {@code rlvision train} gives the weights a stage started from. */
    public static final String INITIAL_WEIGHTS = "initial weights";

    /** Copies the list. */
    public ModelLineage {
        stages = List.copyOf(stages);
    }

    /**
     * One stage: a bundle and its card.
     *
     * @param dir  the bundle folder
     * @param card its {@code model.json}
     */
    public record Stage(Path dir, ModelCard card) {
        /** The weights this stage started from, or null for a model trained from random weights (or not trained). */
        public Provenance.Input initialWeights() {
            Provenance p = card.provenance();
            if (p == null) {
                return null;
            }
            return p.inputs().stream().filter(i -> INITIAL_WEIGHTS.equals(i.role())).findFirst().orElse(null);
        }

        /** The training command's {@code --stage} ({@code expert-bc}, {@code ppo}, …), or {@code -} if none is recorded. */
        public String stageName() {
            String command = card.provenance() == null || card.provenance().training() == null ? null
                    : card.provenance().training().command();
            if (command == null) {
                return "-";
            }
            String[] words = command.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("--stage")) {
                    return words[i + 1];
                }
                if (words[i].startsWith("--stage=")) {
                    return words[i].substring("--stage=".length());
                }
            }
            return words.length > 1 && words[1].equals("train") ? "all" : "-";
        }
    }

    /**
     * Follows {@code model}'s starting weights back through the bundles found under {@code among}
     * (any depth up to 4; folders that do not exist are skipped).
     *
     * @throws IOException if {@code model} is not a bundle or a {@code model.json} found cannot be read
     */
    public static ModelLineage of(Path model, List<Path> among) throws IOException {
        Map<String, Path> bySha = new LinkedHashMap<>();
        for (Path root : among) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> cards;
            try (Stream<Path> s = Files.walk(root, 4)) {
                cards = s.filter(p -> p.getFileName().toString().equals(ModelBundle.MODEL_JSON) && Files.isRegularFile(p))
                        .sorted().toList();
            }
            for (Path json : cards) {
                ModelCard c = ModelBundle.readCard(json.getParent());
                if (c.weights() != null && c.weights().sha256() != null) {
                    bySha.putIfAbsent(c.weights().sha256(), json.getParent());
                }
            }
        }
        List<Stage> newestFirst = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Stage stage = new Stage(model, ModelBundle.readCard(model));
        Provenance.Input unresolved = null;
        while (true) {
            newestFirst.add(stage);
            seen.add(stage.card().weights().sha256());
            Provenance.Input start = stage.initialWeights();
            if (start == null) {
                break;
            }
            Path parent = bySha.get(start.sha256());
            if (parent == null || seen.contains(start.sha256())) {
                unresolved = start;
                break;
            }
            stage = new Stage(parent, ModelBundle.readCard(parent));
        }
        Collections.reverse(newestFirst);
        return new ModelLineage(newestFirst, unresolved);
    }

    /** Environment steps (or cloning samples) over all stages, as each records them. */
    public long totalSteps() {
        long sum = 0;
        for (Stage s : stages) {
            Provenance p = s.card().provenance();
            if (p != null && p.training() != null && p.training().steps() != null) {
                sum += p.training().steps();
            }
        }
        return sum;
    }
}
