package org.rlvision.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import org.rlvision.agent.train.CloningTrainer;
import org.rlvision.agent.train.PpoTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OUT.metrics.jsonl} of {@code rlvision train}: one JSON object per cloning epoch
 * ({@link CloningTrainer.Metric}) or PPO update ({@link PpoTrainer.Metric}). A resumed run keeps
 * the lines its checkpoint counts and reads them back for the learning curve.
 */
final class MetricsFile {
    private MetricsFile() {
    }

    /** Every line of {@code file} as a curve point (a PPO update counted after the cloning samples before it). */
    static List<CurvePoint> read(Path file) throws IOException {
        return curvePoints(Files.readAllLines(file));
    }

    private static List<CurvePoint> curvePoints(List<String> lines) throws IOException {
        List<CurvePoint> out = new ArrayList<>();
        long base = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.mapper().readTree(line);
            if (n.has("update")) {
                out.add(CurvePoint.of(Json.mapper().treeToValue(n, PpoTrainer.Metric.class), base));
            } else {
                CloningTrainer.Metric m = Json.mapper().treeToValue(n, CloningTrainer.Metric.class);
                base = Math.max(base, m.samplesSeen());
                out.add(CurvePoint.of(m));
            }
        }
        return out;
    }

    /**
     * Keeps the first {@code lines} lines of {@code file} (rewriting it atomically) and returns them
     * as curve points.
     */
    static List<CurvePoint> keepFirst(Path file, int lines) {
        List<CurvePoint> out = new ArrayList<>();
        if (lines == 0) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UserException("cannot delete " + file + ": " + e.getMessage(), e);
            }
            return out;
        }
        List<String> all;
        try {
            all = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserException("--resume: cannot read " + file + " (" + e.getMessage() + "); the checkpoint counts " + lines
                    + " lines of it", e);
        }
        if (all.size() < lines) {
            throw new UserException("--resume: " + file + " has " + all.size() + " lines but the checkpoint counts " + lines
                    + "; it does not belong to this checkpoint");
        }
        List<String> kept = all.subList(0, lines);
        try {
            out.addAll(curvePoints(kept));
        } catch (IOException e) {
            throw new UserException("--resume: " + file + " has a line that is not a training metric: " + e.getMessage(), e);
        }
        AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        return out;
    }
}
