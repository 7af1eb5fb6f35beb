package org.rlvision.workbench;

import org.rlvision.agent.train.Evaluation;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision expert}: the planning expert's own success rate over a range of levels (the
 * teacher the trainer clones), with its 95% Wilson interval, end causes and planning time.
 */
@Command(name = "expert", mixinStandardHelpOptions = true,
        description = "Measure the planning expert (beam search over exact simulations of the Java engine) on a range of levels.")
public final class ExpertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--levels", defaultValue = "1000000..1000999", description = "Levels A..B (default: ${DEFAULT-VALUE}).")
    String levels;

    @Option(names = "--mode", defaultValue = "hard", description = "distribution_mode (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--seed", defaultValue = "0", description = "Unused by the deterministic expert; recorded for provenance (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(levels);
        DistributionMode m = EnvFlags.parseMode("--mode", mode);
        CoinRunExpert expert = new CoinRunExpert(m, CoinRunExpert.Config.defaults());
        CoinRunGame game = new CoinRunGame(m);
        Map<EndCause, Integer> causes = new EnumMap<>(EndCause.class);
        int coins = 0;
        long steps = 0;
        Progress progress = new Progress("solving", range.size(), System.err, json);
        long t0 = System.nanoTime();
        for (int s = range.first(); s <= range.last(); s++) {
            CoinRunExpert.Episode e = expert.solve(game, s);
            causes.merge(e.cause(), 1, Integer::sum);
            coins += e.cause() == EndCause.COIN ? 1 : 0;
            steps += e.length();
            progress.advance(1);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] ci = Evaluation.wilson(coins, range.size());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("levels", range.toString());
            j.put("mode", m.procgenName());
            j.put("config", CoinRunExpert.Config.defaults());
            j.put("successes", coins);
            j.put("success_rate", (double) coins / range.size());
            j.put("ci95", ci);
            j.put("causes", causes);
            j.put("mean_length", (double) steps / range.size());
            j.put("seconds_per_level", secs / range.size());
            j.put("provenance", Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            out.println(Json.write(j));
        } else {
            out.printf(Locale.ROOT, "expert on levels %s (%s): success %.1f%% (%d/%d, 95%% CI %.1f-%.1f%%), mean length %.1f steps, %.3f s per level%n",
                    range, m.procgenName(), 100.0 * coins / range.size(), coins, range.size(), 100 * ci[0], 100 * ci[1],
                    (double) steps / range.size(), secs / range.size());
            out.println("end causes: " + causes);
        }
        return ExitCode.OK.code();
    }
}
