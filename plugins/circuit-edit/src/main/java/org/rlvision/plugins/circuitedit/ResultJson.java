package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rlvision.env.EndCause;

/**
 * The result as JSON ({@code results.json}, format {@code rlvision-circuit-edit-result} v1): the
 * experiment, per arm the counts, rates and Wilson intervals, per comparison the z-tests, the
 * example episodes and the speed.
 */
public final class ResultJson {
    /** The {@code format} field. */
    public static final String FORMAT = "rlvision-circuit-edit-result";

    private ResultJson() {
    }

    /**
     * The document.
     *
     * @param experiment the experiment description (as in the journal header)
     * @param shard      the shard, or {@code merged}
     * @param r          the result
     * @param examples   the example episodes written
     * @param speed      the speed of this process's loop, or null (merged results)
     */
    public static ObjectNode of(JsonNode experiment, String shard, ExperimentResult r, List<ExampleEpisodes.Example> examples,
                                Speed speed) {
        ObjectNode root = Journal.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", 1);
        root.set("experiment", experiment);
        root.put("shard", shard);
        root.put("levels", r.levels());
        root.set("arms", arms(r));
        root.set("comparisons", comparisons(r));
        ArrayNode ex = root.putArray("examples");
        for (ExampleEpisodes.Example e : examples) {
            ObjectNode o = ex.addObject();
            o.put("arm", e.arm());
            o.put("level", e.level());
            o.put("editedCause", e.editedCause().name());
            o.put("editedLength", e.editedLength());
            o.put("originalLength", e.originalLength());
            o.put("editedRun", e.editedRun());
            o.put("originalRun", e.originalRun());
            o.put("episode", e.episode());
            o.put("strip", e.strip());
        }
        if (speed == null) {
            root.putNull("speed");
        } else {
            ObjectNode s = root.putObject("speed");
            s.put("levelsPlayed", speed.levelsPlayed());
            s.put("frames", speed.frames());
            s.put("wallSeconds", speed.wallSeconds());
            s.put("loopFramesPerSecond", speed.loopFps());
            s.put("forwardShare", speed.forwardShare());
            s.put("slotUse", speed.slotUse());
            s.put("forwardMillis", speed.forwardMillis());
            s.put("busy", speed.busy());
            s.put("layout", speed.layout());
            if (speed.referenceFps() > 0) {
                s.put("referenceFramesPerSecond", speed.referenceFps());
                s.put("loopOverReference", speed.ratio());
                reference(s.putObject("referenceBefore"), speed.before());
                reference(s.putObject("referenceAfter"), speed.after());
            } else {
                s.putNull("referenceFramesPerSecond");
                s.putNull("loopOverReference");
            }
            ArrayNode rss = s.putArray("rssMiB");
            speed.rssMiB().forEach(v -> rss.add(Math.round(v * 10) / 10.0));
        }
        return root;
    }

    /** The per-arm table. */
    public static ArrayNode arms(ExperimentResult r) {
        ArrayNode arms = Journal.JSON.createArrayNode();
        for (ExperimentResult.ArmResult a : r.arms()) {
            ObjectNode o = arms.addObject();
            o.put("name", a.arm());
            o.put("kind", a.kind());
            o.put("levels", a.levels());
            o.set("success", interval(a.success()));
            ObjectNode f = o.putObject("failures");
            for (EndCause c : ExperimentResult.FAILURES) {
                f.set(c.name(), interval(a.failures().get(c)));
            }
            o.put("meanLength", a.meanLength());
        }
        return arms;
    }

    /** The comparisons. */
    public static ArrayNode comparisons(ExperimentResult r) {
        ArrayNode out = Journal.JSON.createArrayNode();
        for (ExperimentResult.Comparison c : r.comparisons()) {
            ObjectNode o = out.addObject();
            o.put("arm", c.arm());
            o.put("against", Arm.ORIGINAL);
            o.put("test", "two-proportion z-test, pooled, two-sided");
            ObjectNode t = o.putObject("tests");
            c.tests().forEach((k, v) -> {
                ObjectNode x = t.putObject(k);
                x.put("count", v.countA());
                x.put("n", v.nA());
                x.put("originalCount", v.countB());
                x.put("originalN", v.nB());
                x.put("difference", v.difference());
                if (!Double.isNaN(v.ratio())) {
                    x.put("ratio", v.ratio());
                }
                double[] ci = v.ratioInterval();
                if (!Double.isNaN(ci[0])) {
                    x.put("ratioLow", ci[0]);
                    x.put("ratioHigh", ci[1]);
                }
                x.put("z", v.z());
                x.put("p", v.pValue());
            });
            Specificity s = Specificity.of(c);
            ObjectNode sp = o.putObject("specificity");
            if (s.cause() == null) {
                sp.putNull("cause");
            } else {
                sp.put("cause", s.cause());
                sp.put("specific", s.specific());
                if (s.nextCause() != null) {
                    sp.put("next", s.nextCause());
                    sp.put("pointsOverNext", s.pointsOverNext());
                }
                s.overlapping().forEach(sp.putArray("overlapping")::add);
            }
            sp.put("sentence", s.sentence());
        }
        return out;
    }

    private static void reference(ObjectNode o, ForwardReference f) {
        o.put("benchLayoutFps", f.benchFps());
        o.put("workersLayoutFps", f.workersFps());
    }

    private static ObjectNode interval(WilsonInterval w) {
        ObjectNode o = Journal.JSON.createObjectNode();
        o.put("count", w.count());
        o.put("rate", w.rate());
        o.put("low", w.low());
        o.put("high", w.high());
        return o;
    }
}
