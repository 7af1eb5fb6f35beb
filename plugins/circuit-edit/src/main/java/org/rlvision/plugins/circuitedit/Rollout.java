package org.rlvision.plugins.circuitedit;

import java.io.IOException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.IntraOpThreads;
import org.rlvision.agent.Observations;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.trajectories.Episode;

/**
 * Plays a list of levels, each once from its reset, in a fixed number of slots evaluated together
 * in one forward pass per step; a slot whose level ends takes the next level.
 *
 * <p>Outcomes depend only on the agent, the level and the seed, never on which slot a level got,
 * what its neighbours were or how many levels were left: each level samples its actions from its
 * own random stream ({@link #levelRandom}), and every forward pass has exactly {@code batch} rows,
 * padded with the last frame of an idle slot once the list runs out, so floating-point batch
 * effects cannot change a result. Steps allocate nothing but the episodes of recorded levels.
 */
public final class Rollout {
    private static final int H = CoinRunRenderer.OBSERVATION_SIZE;
    private static final int FRAME = H * H * 3;

    /**
     * How to play.
     *
     * @param batch   slots per forward pass, ≥ 1
     * @param env     mode, {@code paint_vel_info} and {@code center_agent} (level options are ignored: each slot plays one level)
     * @param hidden  classes left undrawn (the controls)
     * @param seed    the experiment seed; with the level it seeds each level's action stream
     * @param greedy  argmax actions instead of sampling
     * @param threads PyTorch intra-op threads of the calling thread during the rollout (0: leave as is)
     */
    public record Config(int batch, EnvOptions env, Set<SemanticLabel> hidden, long seed, boolean greedy, int threads) {
        /** Checks the batch. */
        public Config {
            if (batch < 1 || batch > 4096) {
                throw new IllegalArgumentException("batch must be in 1..4096, got " + batch);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            hidden = Set.copyOf(hidden);
        }
    }

    /**
     * Hands out the levels to play; shared by the workers of one arm, so it is thread-safe.
     */
    public static final class LevelSource {
        private final Supplier<int[]> order;
        private volatile int[] levels;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;

        /** The levels in this order. */
        public LevelSource(int[] levels) {
            this.levels = levels.clone();
            this.order = null;
        }

        /** The levels in the order {@code order} gives when the first level is asked for. */
        public LevelSource(Supplier<int[]> order) {
            this.order = order;
        }

        private int[] levels() {
            int[] l = levels;
            if (l == null) {
                synchronized (this) {
                    if (levels == null) {
                        levels = order.get().clone();
                    }
                    l = levels;
                }
            }
            return l;
        }

        /** The next level seed, or -1 when none is left or the source was stopped. */
        public int next() {
            if (stopped) {
                return -1;
            }
            int[] l = levels();
            int i = next.getAndIncrement();
            return i < l.length ? l[i] : -1;
        }

        /** Hands out no more levels (levels already started still finish). */
        public void stop() {
            stopped = true;
        }
    }

    /** Receives each finished level. */
    @FunctionalInterface
    public interface LevelSink {
        /**
         * Called once per level, in the order levels finish.
         *
         * @param level         the level seed
         * @param cause         why it ended
         * @param length        steps played
         * @param episodeReturn undiscounted return
         */
        void finished(int level, EndCause cause, int length, float episodeReturn) throws IOException;
    }

    /** Receives the full episode of each recorded level. */
    @FunctionalInterface
    public interface EpisodeSink {
        /** Called when a recorded level finishes, before its {@link LevelSink} call. */
        void episode(Episode episode) throws IOException;
    }

    /**
     * What a call measured.
     *
     * @param levels       levels played
     * @param frames       agent steps taken (real frames, padding excluded)
     * @param slotSteps    rows evaluated ({@code forward passes × batch}, padding included)
     * @param forwardNanos time inside the agent's forward passes, summed over parallel rollouts
     * @param wallNanos    time of the whole run
     * @param forwardCalls forward passes
     * @param lanes        rollouts that ran side by side (each could spend the whole wall time in forward passes)
     */
    public record Stats(long levels, long frames, long slotSteps, long forwardNanos, long wallNanos, long forwardCalls, int lanes) {
        /** No work. */
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, 1);

        /** Two measurements one after the other. */
        public Stats plus(Stats o) {
            return new Stats(levels + o.levels, frames + o.frames, slotSteps + o.slotSteps, forwardNanos + o.forwardNanos,
                    wallNanos + o.wallNanos, forwardCalls + o.forwardCalls, Math.max(lanes, o.lanes));
        }

        /** These measurements, taken side by side in {@code parallel} rollouts, over {@code nanos} of wall time. */
        public Stats sideBySide(int parallel, long nanos) {
            return new Stats(levels, frames, slotSteps, forwardNanos, nanos, forwardCalls, parallel);
        }

        /** Mean time of one forward pass in nanoseconds. */
        public double nanosPerForward() {
            return forwardCalls == 0 ? 0 : (double) forwardNanos / forwardCalls;
        }

        /** Real frames per second of wall time. */
        public double framesPerSecond() {
            return wallNanos == 0 ? 0 : frames * 1e9 / wallNanos;
        }

        /** Fraction of the lanes' wall time spent in forward passes. */
        public double forwardShare() {
            return wallNanos == 0 ? 0 : (double) forwardNanos / ((double) wallNanos * lanes);
        }

        /** Fraction of evaluated rows that were real frames (the rest is padding at the end of a list). */
        public double slotUse() {
            return slotSteps == 0 ? 0 : (double) frames / slotSteps;
        }
    }

    private final Config config;

    /** A rollout with this configuration. */
    public Rollout(Config config) {
        this.config = config;
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /**
     * The random stream of a level's actions: a function of the experiment seed and the level alone,
     * so every arm, shard and slot draws the same numbers for the same level.
     */
    public static SplittableRandom levelRandom(long seed, int level) {
        return new SplittableRandom(mix(mix(seed) + level));
    }

    /** SplitMix64's finaliser (Stafford's variant 13). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Plays every level of {@code levels} once.
     *
     * @param agent    the network
     * @param hooks    activation hooks for every forward pass
     * @param levels   level seeds (each ≥ 0), played in this order of starting
     * @param sink     receives each outcome
     * @param record   levels whose full episodes go to {@code episodes} (empty for none)
     * @param episodes receives recorded episodes (may be null when {@code record} is empty)
     * @return what was measured
     * @throws IOException from a sink
     */
    public Stats play(Agent agent, Hooks hooks, int[] levels, LevelSink sink, Set<Integer> record, EpisodeSink episodes)
            throws IOException {
        return play(agent, hooks, new LevelSource(levels), sink, record, episodes);
    }

    /**
     * Plays levels from a source until it runs dry; several rollouts (each on its own thread, with
     * its own agent copy) may share one source.
     *
     * @see #play(Agent, Hooks, int[], LevelSink, Set, EpisodeSink)
     */
    @SuppressWarnings("try") // the resource only restores the thread count when closed
    public Stats play(Agent agent, Hooks hooks, LevelSource levels, LevelSink sink, Set<Integer> record, EpisodeSink episodes)
            throws IOException {
        try (IntraOpThreads t = IntraOpThreads.use(config.threads())) {
            return loop(agent, hooks, levels, sink, record, episodes);
        }
    }

    private Stats loop(Agent agent, Hooks hooks, LevelSource levels, LevelSink sink, Set<Integer> record, EpisodeSink episodes)
            throws IOException {
        long start = System.nanoTime();
        int b = config.batch();
        EnvOptions env = config.env();
        byte[] obs = new byte[b * FRAME];
        Observations.Frames frames = new Observations.Frames(b, H, H, 3, obs);
        CoinRunRenderer renderer = new CoinRunRenderer(env.paintVelInfo(), env.centerAgent(), config.hidden());
        CoinRunGame[] games = new CoinRunGame[b];
        int[] level = new int[b];
        boolean[] active = new boolean[b];
        float[] returns = new float[b];
        SplittableRandom[] random = new SplittableRandom[b];
        EpisodeBuffer[] capture = new EpisodeBuffer[b];
        int running = 0;
        for (int s = 0; s < b; s++) {
            games[s] = new CoinRunGame(env.distributionMode());
            int l = levels.next();
            if (l >= 0) {
                start(s, l, games, level, active, returns, random, capture, record, renderer, obs);
                running++;
            }
        }
        long frameCount = 0;
        long slotSteps = 0;
        long forward = 0;
        long done = 0;
        int episodeIndex = 0;
        while (running > 0) {
            long t0 = System.nanoTime();
            PolicyOutput out = agent.evaluate(frames, hooks);
            forward += System.nanoTime() - t0;
            slotSteps += b;
            for (int s = 0; s < b; s++) {
                if (!active[s]) {
                    continue;
                }
                int action = config.greedy() ? out.greedyAction(s) : sample(out, s, random[s]);
                if (capture[s] != null) {
                    capture[s].step(obs, s * FRAME, action, out, s);
                }
                CoinRunGame g = games[s];
                g.step(action);
                returns[s] += g.stepReward();
                frameCount++;
                if (capture[s] != null) {
                    capture[s].reward(g.stepReward());
                }
                if (g.done()) {
                    if (capture[s] != null) {
                        episodes.episode(capture[s].finish(episodeIndex++, s, g.endCause()));
                        capture[s] = null;
                    }
                    sink.finished(level[s], g.endCause(), g.curTime(), returns[s]);
                    done++;
                    int l = levels.next();
                    if (l >= 0) {
                        start(s, l, games, level, active, returns, random, capture, record, renderer, obs);
                    } else {
                        active[s] = false; // its last frame stays in the batch as padding
                        running--;
                    }
                } else {
                    renderer.render(g, obs, s * FRAME);
                }
            }
        }
        return new Stats(done, frameCount, slotSteps, forward, System.nanoTime() - start, slotSteps / b, 1);
    }

    private void start(int s, int seed, CoinRunGame[] games, int[] level, boolean[] active, float[] returns,
                       SplittableRandom[] random, EpisodeBuffer[] capture, Set<Integer> record, CoinRunRenderer renderer,
                       byte[] obs) {
        games[s].reset(seed);
        level[s] = seed;
        active[s] = true;
        returns[s] = 0;
        random[s] = levelRandom(config.seed(), seed);
        capture[s] = record.contains(seed) ? new EpisodeBuffer(seed, H, H) : null;
        renderer.render(games[s], obs, s * FRAME);
    }

    /** Inverse-CDF sample from softmax of row {@code i}'s logits, in double precision (as {@code Policy} does). */
    static int sample(PolicyOutput out, int i, SplittableRandom random) {
        int a = out.numActions();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < a; k++) {
            max = Math.max(max, out.logit(i, k));
        }
        double total = 0;
        for (int k = 0; k < a; k++) {
            total += Math.exp(out.logit(i, k) - max);
        }
        double u = random.nextDouble() * total;
        double acc = 0;
        for (int k = 0; k < a; k++) {
            acc += Math.exp(out.logit(i, k) - max);
            if (u < acc) {
                return k;
            }
        }
        return a - 1;
    }
}
