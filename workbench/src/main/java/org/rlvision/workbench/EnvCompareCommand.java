package org.rlvision.workbench;

import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.FidelityActions;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.env.procgen.ProcgenBridgeException;
import org.rlvision.env.procgen.ProcgenVecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision env compare}: plays the same fixed action sequence on each level in the Java
 * engine and in the real Procgen and reports where the outcomes (end step, completed or not,
 * reward) agree — the check anyone can run of the Java engine's fidelity.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Play the same fixed action sequence on each level in the Java engine and in the real Procgen "
                + "(through Python) and report where the first episode's end step, outcome and reward agree.",
                "Needs a Python with procgen and py4j (--python or RLVISION_PYTHON)."})
public final class EnvCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvFlags env;

    @Option(names = "--seeds", defaultValue = "0..99", description = "Level seeds A..B (default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--python", paramLabel = "PATH",
            description = "Python interpreter with procgen and py4j (default: $RLVISION_PYTHON, else python3).")
    String python;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the action sequence; level S uses seed+S+1 (default: ${DEFAULT-VALUE}).")
    int actionSeed;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    /** One level's outcome in both engines. */
    record Row(int seed, int javaLength, String javaCause, float javaReturn, int procgenLength, String procgenCause,
               float procgenReturn, boolean agree) {
    }

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds);
        ProcgenFlags flags = new ProcgenFlags();
        flags.python = python;
        PrintWriter out = spec.commandLine().getOut();
        List<Row> rows = new ArrayList<>();
        Map<EndCause, Integer> javaCauses = new EnumMap<>(EndCause.class);
        Progress progress = new Progress("comparing", range.size(), System.err, json);
        ProcgenVecEnv procgen = null;
        try {
            for (int seed = range.first(); seed <= range.last(); seed++) {
                EnvOptions o = env.options(seed, 1, 0);
                if (procgen == null) {
                    procgen = ProcgenVecEnv.start(1, o, flags.workerConfig());
                } else {
                    procgen.reconfigure(o);
                }
                EpisodeEnd p = firstEpisode(procgen, actionSeed + seed + 1);
                EpisodeEnd j;
                try (CoinRunVecEnv java = CoinRunVecEnv.create(1, o)) {
                    j = firstEpisode(java, actionSeed + seed + 1);
                }
                boolean agree = j.length() == p.length() && j.episodeReturn() == p.episodeReturn()
                        && sameOutcome(j.cause(), p.cause());
                rows.add(new Row(seed, j.length(), j.cause().name(), j.episodeReturn(), p.length(), p.cause().name(),
                        p.episodeReturn(), agree));
                javaCauses.merge(j.cause(), 1, Integer::sum);
                progress.advance(1);
            }
        } catch (ProcgenBridgeException e) {
            throw new UserException(e.getMessage(), e);
        } finally {
            if (procgen != null) {
                procgen.close();
            }
        }
        long agreeing = rows.stream().filter(Row::agree).count();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("levels", rows.size());
            m.put("agreeing", agreeing);
            m.put("java_causes", javaCauses);
            m.put("options", env.options(range.first(), range.size(), 0).toProcgenKwargs());
            m.put("rows", rows);
            m.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(m));
        } else {
            for (Row r : rows) {
                if (!r.agree) {
                    out.printf("level %d differs: Java %s at step %d (return %.0f), Procgen %s at step %d (return %.0f)%n",
                            r.seed, r.javaCause, r.javaLength, r.javaReturn, r.procgenCause, r.procgenLength, r.procgenReturn);
                }
            }
            out.printf("%d of %d levels agree on end step, outcome and reward (%s mode, seeds %s)%n", agreeing,
                    rows.size(), env.mode().procgenName(), range);
            out.println("Java end causes: " + javaCauses);
        }
        return agreeing == rows.size() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /** Plays the fixed sequence until the first episode ends (at most 1000 steps: the timeout). */
    private static EpisodeEnd firstEpisode(VecEnv env, int seed) {
        FidelityActions actions = new FidelityActions(seed);
        int[] a = new int[1];
        while (true) {
            a[0] = actions.next();
            env.act(a);
            EpisodeEnd end = env.observe().episodeEnd(0);
            if (end != null) {
                return end;
            }
        }
    }

    /** COIN ↔ COMPLETE, TIMEOUT ↔ TIMEOUT, any death ↔ NOT_COMPLETE. */
    static boolean sameOutcome(EndCause java, EndCause procgen) {
        if (java == EndCause.COIN) {
            return procgen == EndCause.COMPLETE;
        }
        if (java == EndCause.TIMEOUT) {
            return procgen == EndCause.TIMEOUT;
        }
        return java.isDeath() && procgen == EndCause.NOT_COMPLETE;
    }
}
