package org.rlvision.plugins.circuitedit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rlvision.plugin.PluginException;

/**
 * Combines the journals of the shards of one experiment into one: checks they describe the same
 * experiment, takes the union of their outcomes (an outcome present in two journals must be the
 * same), and orders it canonically (arm order, then level).
 *
 * @param experiment the experiment, as a whole ({@link Shard#ALL})
 * @param outcomes   every outcome once, by arm then level
 * @param tornFiles  journals that ended in a torn line (ignored)
 */
public record JournalMerge(Experiment experiment, List<LevelOutcome> outcomes, List<Path> tornFiles) {
    /** Copies the lists. */
    public JournalMerge {
        outcomes = List.copyOf(outcomes);
        tornFiles = List.copyOf(tornFiles);
    }

    /**
     * Reads and merges journals.
     *
     * @throws PluginException if they belong to different experiments or disagree on an outcome
     */
    public static JournalMerge of(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new PluginException("nothing to merge: give the shard journals (*.jsonl)");
        }
        List<Journal.Contents> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(Journal.read(f));
        }
        Journal.Contents first = parts.get(0);
        for (Journal.Contents c : parts.subList(1, parts.size())) {
            String diff = Journal.firstDifference(first.experiment(), c.experiment(), "", first.file().getFileName() + " has",
                    c.file().getFileName() + " has");
            if (diff != null) {
                throw new PluginException(c.file() + " belongs to another experiment than " + first.file() + " (" + diff
                        + "); merge only the shards of one experiment");
            }
        }
        Experiment experiment = Experiment.fromDescription(first.experiment(), Shard.ALL);
        Map<String, LevelOutcome> union = new HashMap<>();
        List<Path> torn = new ArrayList<>();
        for (Journal.Contents c : parts) {
            if (c.tornBytes() > 0) {
                torn.add(c.file());
            }
            for (LevelOutcome lo : c.outcomes()) {
                LevelOutcome before = union.putIfAbsent(lo.arm() + "/" + lo.level(), lo);
                if (before != null && !before.equals(lo)) {
                    throw new PluginException("the journals disagree on level " + lo.level() + " of arm " + lo.arm() + " ("
                            + before.cause() + "/" + before.length() + " steps vs " + lo.cause() + "/" + lo.length() + " in "
                            + c.file() + "); merge only shards played by the same workbench and model");
                }
            }
        }
        Map<String, Integer> armOrder = new HashMap<>();
        for (int i = 0; i < experiment.arms().size(); i++) {
            armOrder.put(experiment.arms().get(i).name(), i);
        }
        List<LevelOutcome> outcomes = new ArrayList<>(union.values());
        outcomes.sort(canonicalOrder(armOrder));
        return new JournalMerge(experiment, outcomes, torn);
    }

    /** Outcomes by arm (in the experiment's order), then level. */
    static Comparator<LevelOutcome> canonicalOrder(Map<String, Integer> armOrder) {
        return Comparator.comparing((LevelOutcome lo) -> armOrder.getOrDefault(lo.arm(), Integer.MAX_VALUE))
                .thenComparingInt(LevelOutcome::level);
    }

    /** The merged journal's text: a header (shard {@code merged}) and the outcomes in canonical order. */
    public String journalText() throws IOException {
        StringBuilder text = new StringBuilder(Journal.headerLine("merged", Journal.canonical(experiment.describe())));
        for (LevelOutcome lo : outcomes) {
            text.append(Journal.JSON.writeValueAsString(lo)).append('\n');
        }
        return text.toString();
    }
}
