package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlvision.env.EndCause;
import org.rlvision.plugin.PluginException;

/**
 * The experiment's result: per arm the share of levels solved and failed by each cause, each with
 * its 95% Wilson interval, and for each arm other than the original a two-proportion z-test per
 * outcome against the original (same levels).
 *
 * @param levels      number of levels every arm played
 * @param arms        one result per arm, original first
 * @param comparisons one per non-original arm
 */
public record ExperimentResult(int levels, List<ArmResult> arms, List<Comparison> comparisons) {
    /** The failure causes reported, in table order. */
    public static final List<EndCause> FAILURES = List.of(EndCause.SAW, EndCause.ENEMY_MOVING_LEFT,
            EndCause.ENEMY_MOVING_RIGHT, EndCause.LAVA, EndCause.OUT_OF_WORLD, EndCause.TIMEOUT);
    /** The outcome key of solved levels in {@link Comparison#tests()}. */
    public static final String SUCCESS = "success";

    /** Copies the lists. */
    public ExperimentResult {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One arm's rates.
     *
     * @param arm        the arm's name
     * @param kind       {@code original}, {@code edit} or {@code control}
     * @param levels     levels played
     * @param success    levels solved (cause {@code COIN})
     * @param failures   levels failed, by cause, in {@link #FAILURES} order
     * @param meanLength mean episode length in steps
     */
    public record ArmResult(String arm, String kind, int levels, WilsonInterval success, Map<EndCause, WilsonInterval> failures,
                            double meanLength) {
        /** Copies the map, keeping its order. */
        public ArmResult {
            failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }
    }

    /**
     * One arm against the original.
     *
     * @param arm   the arm's name
     * @param tests by outcome: {@link #SUCCESS} then each failure cause's name
     */
    public record Comparison(String arm, Map<String, TwoProportionTest> tests) {
        /** Copies the map, keeping its order. */
        public Comparison {
            tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
        }
    }

    /**
     * Tallies outcomes: every arm must hold exactly one outcome for each of {@code levels}.
     *
     * @param arms     the arms, original first
     * @param levels   the levels every arm played
     * @param outcomes the journal's outcomes (any order)
     * @throws PluginException naming an arm and level that is missing or extra
     */
    public static ExperimentResult of(List<Arm> arms, int[] levels, List<LevelOutcome> outcomes) {
        Map<String, Map<Integer, LevelOutcome>> byArm = new HashMap<>();
        for (Arm a : arms) {
            byArm.put(a.name(), new HashMap<>());
        }
        Set<Integer> wanted = new HashSet<>();
        for (int l : levels) {
            wanted.add(l);
        }
        for (LevelOutcome o : outcomes) {
            Map<Integer, LevelOutcome> m = byArm.get(o.arm());
            if (m == null) {
                throw new PluginException("the journal holds an outcome of arm '" + o.arm() + "', which is not one of this experiment's "
                        + "arms " + arms.stream().map(Arm::name).toList() + "; the journal is damaged");
            }
            if (!wanted.contains(o.level())) {
                throw new PluginException("the journal holds level " + o.level() + " of arm '" + o.arm() + "', outside this "
                        + "experiment's levels; the journal is damaged");
            }
            if (m.put(o.level(), o) != null) {
                throw new PluginException("the journal holds level " + o.level() + " of arm '" + o.arm() + "' twice; the journal "
                        + "is damaged: remove one of the two lines");
            }
        }
        List<ArmResult> results = new ArrayList<>();
        for (Arm a : arms) {
            Map<Integer, LevelOutcome> m = byArm.get(a.name());
            if (m.size() != levels.length) {
                int missing = -1;
                for (int l : levels) {
                    if (!m.containsKey(l)) {
                        missing = l;
                        break;
                    }
                }
                throw new PluginException("arm '" + a.name() + "' has outcomes for " + m.size() + " of " + levels.length
                        + " levels (level " + missing + " is missing); finish the run by resuming its journal");
            }
            Map<EndCause, Integer> c = new EnumMap<>(EndCause.class);
            long steps = 0;
            for (LevelOutcome o : m.values()) {
                c.merge(o.cause(), 1, Integer::sum);
                steps += o.length();
            }
            Map<EndCause, WilsonInterval> f = new LinkedHashMap<>();
            for (EndCause cause : FAILURES) {
                f.put(cause, WilsonInterval.of(c.getOrDefault(cause, 0), levels.length));
            }
            int solved = c.getOrDefault(EndCause.COIN, 0) + c.getOrDefault(EndCause.COMPLETE, 0);
            results.add(new ArmResult(a.name(), a.kind().name().toLowerCase(Locale.ROOT), levels.length,
                    WilsonInterval.of(solved, levels.length), f, levels.length == 0 ? 0 : (double) steps / levels.length));
        }
        List<Comparison> comparisons = new ArrayList<>();
        ArmResult original = results.get(0);
        if (levels.length > 0) {
            for (ArmResult r : results.subList(1, results.size())) {
                Map<String, TwoProportionTest> tests = new LinkedHashMap<>();
                tests.put(SUCCESS, TwoProportionTest.of(r.success().count(), r.levels(), original.success().count(), original.levels()));
                for (EndCause cause : FAILURES) {
                    tests.put(cause.name(), TwoProportionTest.of(r.failures().get(cause).count(), r.levels(),
                            original.failures().get(cause).count(), original.levels()));
                }
                comparisons.add(new Comparison(r.arm(), tests));
            }
        }
        return new ExperimentResult(levels.length, results, comparisons);
    }

    /** A short human name of an outcome key, e.g. {@code enemy moving left}. */
    public static String outcomeName(String key) {
        return key.equals(SUCCESS) ? "success" : key.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
