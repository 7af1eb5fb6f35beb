package org.rlvision.agent.train;

import org.rlvision.agent.ActResult;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Policy;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Success rate of an agent over a range of levels, each level played exactly once, with a 95%
 * Wilson interval and the count of episodes per end cause.
 */
public final class Evaluation {
    /**
     * The result.
     *
     * @param levels      levels played
     * @param successes   levels completed
     * @param successRate successes / levels
     * @param low95       lower end of the 95% Wilson interval
     * @param high95      upper end
     * @param causes      episodes per end cause
     * @param meanLength  mean episode length in steps
     * @param outcomes    each level's end cause, in level order (index = level − first level)
     */
    public record Result(int levels, int successes, double successRate, double low95, double high95,
                         Map<EndCause, Integer> causes, double meanLength, List<EndCause> outcomes) {
        /** Copies the outcomes. */
        public Result {
            outcomes = List.copyOf(outcomes);
        }
    }

    private Evaluation() {
    }

    /** The 95% Wilson score interval of {@code k} successes in {@code n} trials. */
    public static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Plays every level in {@code [first, first+count)} once.
     *
     * @param envFactory creates a VecEnv for options (the Java engine or the Procgen bridge)
     * @param base       options (mode, paint_vel_info, ...); start level and num_levels are set per env
     * @param envs       environments stepped together (each plays its own slice of the levels)
     * @param selection  greedy or sampled actions
     * @param onEpisode  called after each finished level
     */
    public static Result run(Agent agent, Function<EnvOptions, VecEnv> envFactory, EnvOptions base, int first, int count,
                             int envs, ActionSelection selection, long seed, Runnable onEpisode) {
        int n = Math.min(envs, count);
        // slot i plays levels first+i, first+i+n, ...; each level gets its own single-level env
        // (num_levels=1, start_level=level), so every level is played exactly once
        int[] next = new int[n];
        EndCause[] byLevel = new EndCause[count];
        Map<EndCause, Integer> causes = new EnumMap<>(EndCause.class);
        int successes = 0;
        long steps = 0;
        int played = 0;
        VecEnv[] singles = new VecEnv[n];
        try {
            for (int i = 0; i < n; i++) {
                next[i] = first + i;
                singles[i] = envFactory.apply(base.toBuilder().optSingleLevel(next[i]).build());
            }
            Policy policy = agent.policy(selection, seed);
            BatchView view = new BatchView(singles);
            int active = n;
            int[] one = new int[1];
            while (active > 0) {
                ActResult r = policy.act(view.gather());
                active = 0;
                for (int i = 0; i < n; i++) {
                    if (singles[i] == null) {
                        continue;
                    }
                    one[0] = r.action(i);
                    singles[i].act(one);
                    EpisodeEnd end = singles[i].observe().episodeEnd(0);
                    if (end != null) {
                        causes.merge(end.cause(), 1, Integer::sum);
                        byLevel[next[i] - first] = end.cause();
                        successes += end.success() ? 1 : 0;
                        steps += end.length();
                        played++;
                        onEpisode.run();
                        int level = next[i] + n;
                        if (level < first + count) {
                            next[i] = level;
                            EnvOptions o = base.toBuilder().optSingleLevel(level).build();
                            if (!singles[i].reconfigureInPlace(o)) { // the Procgen bridge keeps its worker
                                singles[i].close();
                                singles[i] = envFactory.apply(o);
                            }
                        } else {
                            singles[i].close();
                            singles[i] = null;
                        }
                    }
                    if (singles[i] != null) {
                        active++;
                    }
                }
                view.refresh(singles);
            }
        } finally {
            for (VecEnv e : singles) {
                if (e != null) {
                    e.close();
                }
            }
        }
        double[] ci = wilson(successes, played);
        return new Result(played, successes, played == 0 ? 0 : (double) successes / played, ci[0], ci[1], causes,
                played == 0 ? 0 : (double) steps / played, List.of(byLevel));
    }

    /** Stacks the current observation of each live single-env VecEnv into one batch (dead slots are zeros). */
    private static final class BatchView {
        private final int n;
        private final StepBatch batch;
        private VecEnv[] envs;

        BatchView(VecEnv[] envs) {
            this.n = envs.length;
            this.envs = envs;
            this.batch = new StepBatch(n, envs[0].spec());
        }

        void refresh(VecEnv[] e) {
            this.envs = e;
        }

        StepBatch gather() {
            byte[] dst = batch.writer().observations();
            int bytes = batch.observationBytes();
            for (int i = 0; i < n; i++) {
                if (envs[i] != null) {
                    System.arraycopy(envs[i].observe().observations(), 0, dst, i * bytes, bytes);
                }
            }
            return batch;
        }
    }
}
