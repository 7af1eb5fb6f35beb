package org.rlvision.plugins.circuitedit;

import org.rlvision.plugin.AtomicWrite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rlvision.env.EndCause;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.Report;

/**
 * Writes a result into the report folder ({@code results.json}, {@code results.md},
 * {@code results.txt}, {@code circuit-edit.html}), prints the tables to the log, and builds the
 * workbench report with the headline figures.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * Writes everything and returns the report.
     *
     * @param ctx        the plugin context (output folder, log)
     * @param experiment the experiment
     * @param shard      the shard played, or {@code merged}
     * @param result     the tallies and tests
     * @param examples   the example episodes written
     * @param speed      this process's speed, or null when nothing was played (merge)
     * @param journal    the journal file
     * @param journalInReport true if the journal lies in the report folder (it is then listed as an artifact)
     */
    public static Report write(PluginContext ctx, Experiment experiment, String shard, ExperimentResult result,
                               List<ExampleEpisodes.Example> examples, Speed speed, Path journal, boolean journalInReport)
            throws IOException {
        Path dir = ctx.outputDir();
        JsonNode description = Journal.canonical(experiment.describe());
        String summary = experiment.summary() + (shard.equals("merged") ? " (merged shard journals)" : "");
        List<String> text = ResultText.lines(result);
        text.forEach(line -> ctx.log().info(line));
        AtomicWrite.writeString(dir.resolve("results.txt"), summary + "\n\n" + String.join("\n", text) + "\n");
        AtomicWrite.writeString(dir.resolve("results.md"), ResultMarkdown.of(result, summary));
        AtomicWrite.writeString(dir.resolve("results.json"), Journal.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ResultJson.of(description, shard, result, examples, speed)) + "\n");
        String shownJournal = journalInReport ? journal.getFileName().toString() : journal.toAbsolutePath().toString();
        AtomicWrite.writeString(dir.resolve(ResultPage.FILE_NAME), ResultPage.html("Circuit edit: " + String.join(" vs ",
                experiment.arms().stream().map(Arm::name).toList()), summary, experiment.arms(), result, examples, speed, shownJournal));

        Report.Builder r = Report.builder("Circuit edit over " + result.levels() + " levels: "
                + String.join(", ", experiment.arms().stream().map(Arm::name).toList()));
        for (ExperimentResult.ArmResult a : result.arms()) {
            r.figure(a.arm() + ": success", 100 * a.success().rate(), "%");
            for (EndCause c : ExperimentResult.FAILURES) {
                WilsonInterval w = a.failures().get(c);
                if (w.count() > 0) {
                    r.figure(a.arm() + ": " + ExperimentResult.outcomeName(c.name()), 100 * w.rate(), "%");
                }
            }
        }
        for (ExperimentResult.Comparison c : result.comparisons()) {
            c.tests().forEach((k, t) -> {
                if (t.countA() + t.countB() > 0) {
                    r.figure(c.arm() + " vs original: p (" + ExperimentResult.outcomeName(k) + ")", t.pValue(), "");
                }
            });
        }
        if (speed != null) {
            r.figure("loop speed", speed.loopFps(), "frames/s");
            r.figure("forward pass busy with real frames", 100 * speed.busy(), "%");
            if (speed.referenceFps() > 0) {
                r.figure("forward pass alone (before/after mean)", speed.referenceFps(), "frames/s");
                r.figure("loop / forward pass alone", 100 * speed.ratio(), "%");
            }
            r.figure("wall time", speed.wallSeconds(), "s");
        }
        r.artifact(ResultPage.FILE_NAME, Report.Kind.HTML, "rates with Wilson intervals, bar chart, tests, example episodes");
        r.artifact("results.json", Report.Kind.JSON, "counts, rates, intervals, tests, speed");
        r.artifact("results.md", Report.Kind.OTHER, "the tables in Markdown");
        r.artifact("results.txt", Report.Kind.OTHER, "the tables as text");
        if (journalInReport) {
            r.artifact(dir.toAbsolutePath().relativize(journal.toAbsolutePath()).toString(), Report.Kind.OTHER,
                    "the journal: one JSON line per (arm, level)");
        }
        for (ExampleEpisodes.Example e : examples) {
            r.artifact(e.strip(), Report.Kind.PNG, String.format(Locale.ROOT, "%s, level %d: %s after %d steps (top), original "
                    + "solved it (bottom); replay: rlvision replay %s --episode %d", e.arm(), e.level(), e.editedCause(), e.editedLength(),
                    e.editedRun(), e.episode()));
        }
        return r.build();
    }
}
