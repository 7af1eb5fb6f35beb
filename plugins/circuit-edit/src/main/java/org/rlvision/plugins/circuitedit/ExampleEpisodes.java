package org.rlvision.plugins.circuitedit;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvSpec;
import org.rlvision.plugin.AtomicWrite;
import org.rlvision.plugin.PluginContext;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.RunInfo;
import org.rlvision.trajectories.RunWriter;

/**
 * Replayable examples of what an edit broke: levels where the edited agent died and the original
 * solved the level, re-played with both agents and written as run folders that
 * {@code rlvision replay} opens ({@code episodes/<arm>/edited} and {@code episodes/<arm>/original}),
 * plus a PNG strip of each death (top: edited, bottom: original at the same steps).
 *
 * <p>Levels are chosen deterministically: first those that died by the cause the edit raised most
 * (largest z), then by any other death, each in level order.
 */
public final class ExampleEpisodes {
    private static final int STRIP_FRAMES = 8;
    private static final int STRIP_SCALE = 2;

    private ExampleEpisodes() {
    }

    /**
     * One example.
     *
     * @param arm            the edited arm
     * @param level          the level seed
     * @param editedCause    how the edited agent's episode ended
     * @param editedLength   its steps
     * @param originalLength the original agent's steps (it solved the level)
     * @param editedRun      run folder of the edited episodes, relative to the report folder
     * @param originalRun    run folder of the original episodes, relative to the report folder
     * @param episode        the episode index inside both run folders
     * @param strip          the PNG strip, relative to the report folder
     */
    public record Example(String arm, int level, EndCause editedCause, int editedLength, int originalLength, String editedRun,
                          String originalRun, int episode, String strip) {
    }

    /**
     * Picks up to {@code perArm} levels per edited arm.
     *
     * @return by arm name, the chosen levels in order
     */
    public static Map<String, List<Integer>> choose(List<Arm> arms, ExperimentResult result, List<LevelOutcome> outcomes, int perArm) {
        Map<String, Map<Integer, LevelOutcome>> byArm = new HashMap<>();
        for (LevelOutcome o : outcomes) {
            byArm.computeIfAbsent(o.arm(), k -> new TreeMap<>()).put(o.level(), o);
        }
        Map<Integer, LevelOutcome> original = byArm.getOrDefault(Arm.ORIGINAL, Map.of());
        Map<String, List<Integer>> chosen = new LinkedHashMap<>();
        for (Arm arm : arms) {
            if (arm.kind() != Arm.Kind.EDIT || perArm <= 0) {
                continue;
            }
            EndCause raised = mostRaised(result, arm.name());
            List<LevelOutcome> candidates = new ArrayList<>();
            for (LevelOutcome o : byArm.getOrDefault(arm.name(), Map.of()).values()) {
                LevelOutcome orig = original.get(o.level());
                if (o.cause().isDeath() && orig != null && orig.cause().isSuccess()) {
                    candidates.add(o);
                }
            }
            candidates.sort(Comparator.comparing((LevelOutcome o) -> o.cause() == raised ? 0 : 1).thenComparingInt(LevelOutcome::level));
            List<Integer> levels = new ArrayList<>();
            for (LevelOutcome o : candidates.subList(0, Math.min(perArm, candidates.size()))) {
                levels.add(o.level());
            }
            if (!levels.isEmpty()) {
                chosen.put(arm.name(), levels);
            }
        }
        return chosen;
    }

    private static EndCause mostRaised(ExperimentResult result, String arm) {
        EndCause best = null;
        double bestZ = 0;
        for (ExperimentResult.Comparison c : result.comparisons()) {
            if (!c.arm().equals(arm)) {
                continue;
            }
            for (EndCause cause : ExperimentResult.FAILURES) {
                double z = c.tests().get(cause.name()).z();
                if (z > bestZ) {
                    bestZ = z;
                    best = cause;
                }
            }
        }
        return best;
    }

    /**
     * Re-plays the chosen levels with the original and each edited agent, checks each outcome
     * against the journal, and writes the run folders, models and strips.
     *
     * @param base       the original agent
     * @param experiment the experiment (arms, environment, seed, batch)
     * @param chosen     levels per arm ({@link #choose})
     * @param outcomes   the journal's outcomes, to check the re-play against
     * @param outDir     the report folder
     * @param log        for a re-play that disagrees with the journal (then the example is dropped)
     * @return the examples written
     */
    public static List<Example> write(Agent base, Experiment experiment, Map<String, List<Integer>> chosen,
                                      List<LevelOutcome> outcomes, Path outDir, PluginContext.PluginLog log) throws IOException {
        List<Example> out = new ArrayList<>();
        if (chosen.isEmpty()) {
            return out;
        }
        Map<String, LevelOutcome> journal = new HashMap<>();
        outcomes.forEach(o -> journal.put(o.arm() + "/" + o.level(), o));
        Set<Integer> all = new LinkedHashSet<>();
        chosen.values().forEach(all::addAll);
        Arm originalArm = experiment.arms().get(0);
        Map<Integer, Episode> originalEpisodes = play(base, originalArm, experiment, all);
        Path episodesDir = outDir.resolve("episodes");
        Path originalModel = episodesDir.resolve("model-original");
        saveModel(base, originalModel, "the original agent");
        Set<String> slugs = new HashSet<>();
        for (Arm arm : experiment.arms()) {
            List<Integer> levels = chosen.get(arm.name());
            if (levels == null) {
                continue;
            }
            String slug = arm.slug();
            for (int n = 2; !slugs.add(slug); n++) {
                slug = arm.slug() + "-" + n;
            }
            Path armDir = episodesDir.resolve(slug);
            Path editedModel = null;
            Map<Integer, Episode> edited;
            try (ArmModel m = ArmModel.of(base, arm)) {
                edited = play(m.agent(), m.hooks(), experiment.rolloutConfig(arm), levels);
                if (m.hooks().isEmpty()) {
                    editedModel = armDir.resolve("model");
                    saveModel(m.agent(), editedModel, "edited by " + arm.name());
                }
            }
            List<Episode> editedList = new ArrayList<>();
            List<Episode> originalList = new ArrayList<>();
            for (int level : levels) {
                Episode e = edited.get(level);
                Episode o = originalEpisodes.get(level);
                LevelOutcome je = journal.get(arm.name() + "/" + level);
                LevelOutcome jo = journal.get(Arm.ORIGINAL + "/" + level);
                if (!agrees(e, je) || !agrees(o, jo)) {
                    log.warn("re-playing level " + level + " for " + arm.name() + " did not reproduce the journal (edited "
                            + describe(e) + " vs " + je.cause() + "/" + je.length() + ", original " + describe(o) + " vs "
                            + jo.cause() + "/" + jo.length() + "); left out of the examples");
                    continue;
                }
                int index = editedList.size();
                editedList.add(reindex(e, index));
                originalList.add(reindex(o, index));
                String strip = "episodes/" + slug + "/level-" + level + ".png";
                writeStrip(editedList.get(index), originalList.get(index), outDir.resolve(strip));
                out.add(new Example(arm.name(), level, e.endCause(), e.length(), o.length(), "episodes/" + slug + "/edited",
                        "episodes/" + slug + "/original", index, strip));
            }
            if (editedList.isEmpty()) {
                continue;
            }
            writeRun(armDir.resolve("edited"), editedList, experiment, arm, editedModel);
            writeRun(armDir.resolve("original"), originalList, experiment, originalArm, originalModel);
        }
        return out;
    }

    private static Map<Integer, Episode> play(Agent agent, Arm arm, Experiment experiment, Set<Integer> levels) throws IOException {
        return play(agent, Hooks.none(), experiment.rolloutConfig(arm), new ArrayList<>(levels));
    }

    private static Map<Integer, Episode> play(Agent agent, Hooks hooks, Rollout.Config config,
                                              List<Integer> levels) throws IOException {
        Map<Integer, Episode> episodes = new HashMap<>();
        int[] l = levels.stream().mapToInt(Integer::intValue).toArray();
        new Rollout(config).play(agent, hooks, l, (level, cause, length, ret) -> { }, new HashSet<>(levels),
                e -> episodes.put(e.levelSeed(), e));
        return episodes;
    }

    private static boolean agrees(Episode e, LevelOutcome o) {
        return e != null && o != null && e.endCause() == o.cause() && e.length() == o.length();
    }

    private static String describe(Episode e) {
        return e == null ? "nothing" : e.endCause() + "/" + e.length();
    }

    private static Episode reindex(Episode e, int index) {
        return new Episode(index, 0, e.levelSeed(), e.endCause(), e.height(), e.width(), e.numActions(), e.observations(),
                e.actions(), e.rewards(), e.values(), e.logits(), e.first(), e.bootstrapValue(), e.labels());
    }

    private static void saveModel(Agent agent, Path dir, String what) throws IOException {
        if (Files.exists(dir)) {
            return;
        }
        ModelBundle.save(dir, agent, EnvSpec.procgen().actions(),
                Provenance.now("rlvision run circuit-edit (" + what + ")", null, null, List.of()));
    }

    /**
     * Writes one example run folder. {@code model} is the saved bundle (inside the report, so {@code run.json} names it
     * relative to the run and the report replays wherever it is moved), or null for an arm whose edit is activation hooks.
     */
    private static void writeRun(Path dir, List<Episode> episodes, Experiment experiment, Arm arm, Path model) throws IOException {
        RunInfo.ModelRef ref = model == null
                ? new RunInfo.ModelRef("(activation hooks of " + arm.name() + " are not part of a model bundle; replay with --no-eval)",
                        "clear-cnn", "-")
                : RunInfo.ModelRef.relativeTo(dir, model, "clear-cnn", ModelBundle.readCard(model).weights().sha256());
        StringBuilder levels = new StringBuilder();
        episodes.forEach(e -> levels.append(levels.length() == 0 ? "" : ",").append(e.levelSeed()));
        RunInfo info = new RunInfo(Run.FORMAT, Run.FORMAT_VERSION, ref,
                Map.copyOf(experiment.env().toProcgenKwargs()), "java", experiment.batch(), 1000, levels.toString(),
                experiment.seed(), experiment.greedy() ? "GREEDY" : "SAMPLE", false,
                "rlvision run circuit-edit: arm " + arm.name() + ", seed " + experiment.seed() + ", each level re-played from its reset",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null, null, Provenance.currentVersions());
        RunWriter w = RunWriter.create(dir, info);
        for (Episode e : episodes) {
            w.write(e);
        }
        w.finish(episodes.size());
    }

    /** The last frames of the edited episode (top) and the original's frames at the same steps (bottom). */
    private static void writeStrip(Episode edited, Episode original, Path file) throws IOException {
        int n = Math.min(STRIP_FRAMES, edited.length());
        int first = edited.length() - n;
        int side = edited.height() * STRIP_SCALE;
        BufferedImage img = new BufferedImage(n * side, 2 * side, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < n; k++) {
            int t = first + k;
            paint(img, edited, t, k * side, 0);
            paint(img, original, Math.min(t, original.length() - 1), k * side, side);
        }
        AtomicWrite.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static void paint(BufferedImage img, Episode e, int t, int x0, int y0) {
        byte[] o = e.observations();
        int h = e.height();
        int w = e.width();
        int base = t * e.frameBytes();
        for (int y = 0; y < h * STRIP_SCALE; y++) {
            for (int x = 0; x < w * STRIP_SCALE; x++) {
                int i = base + ((y / STRIP_SCALE) * w + x / STRIP_SCALE) * 3;
                img.setRGB(x0 + x, y0 + y, (o[i] & 0xFF) << 16 | (o[i + 1] & 0xFF) << 8 | (o[i + 2] & 0xFF));
            }
        }
    }
}
