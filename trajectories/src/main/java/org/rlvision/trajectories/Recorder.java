package org.rlvision.trajectories;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.rlvision.agent.ActResult;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Observations;
import org.rlvision.agent.Policy;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.env.EndCause;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunVecEnv;

/**
 * Batched rollouts of an agent's policy: steps every environment {@code stepsPerEnv} times, one
 * policy call per step for the whole batch, and hands each episode to a sink as soon as it ends.
 * Episodes still running when the recording stops are handed over last, unfinished, with the value
 * of their next observation as bootstrap. Episode numbers follow completion order (ties by
 * environment index), so a seed, a model and options give the same run every time.
 */
public final class Recorder {
    /**
     * What to record.
     *
     * @param stepsPerEnv steps taken in each environment (≥ 1)
     * @param seed        seed of the policy's action sampling
     * @param selection   sample from the policy or take its argmax
     * @param labels      also record semantic label maps (needs the Java engine)
     */
    public record Config(int stepsPerEnv, long seed, ActionSelection selection, boolean labels) {
        /** Validates the config. */
        public Config {
            if (stepsPerEnv < 1) {
                throw new IllegalArgumentException("steps per environment must be at least 1, got " + stepsPerEnv);
            }
            java.util.Objects.requireNonNull(selection, "selection");
        }
    }

    /** Receives each episode as it is completed. */
    @FunctionalInterface
    public interface EpisodeSink {
        /** Takes one episode. */
        void accept(Episode episode) throws IOException;
    }

    /**
     * What a recording did.
     *
     * @param steps      environment steps taken, all environments together
     * @param finished   episodes that ended in the game
     * @param unfinished episodes cut off by the end of the recording
     * @param causes     finished episodes by end cause
     */
    public record Summary(long steps, int finished, int unfinished, Map<EndCause, Integer> causes) {
        /** Copies the map. */
        public Summary {
            causes = Map.copyOf(causes);
        }

        /** Finished episodes that reached the coin. */
        public int successes() {
            return causes.entrySet().stream().filter(e -> e.getKey().isSuccess()).mapToInt(Map.Entry::getValue).sum();
        }
    }

    private Recorder() {
    }

    /**
     * Records a run.
     *
     * @param agent    the model
     * @param env      the environments, just created (their current observation starts each first episode)
     * @param config   steps, seed, action selection, labels
     * @param sink     where episodes go
     * @param progress called with the number of environment steps just taken
     * @throws IOException if the sink fails
     */
    public static Summary record(Agent agent, VecEnv env, Config config, EpisodeSink sink, LongConsumer progress)
            throws IOException {
        if (config.labels() && !(env instanceof CoinRunVecEnv)) {
            throw new IllegalArgumentException("semantic labels need the embedded Java engine; record without labels");
        }
        int n = env.numEnvs();
        int h = env.spec().height();
        int w = env.spec().width();
        int a = env.spec().numActions();
        if (agent.config().numActions() != a || agent.config().height() != h || agent.config().width() != w) {
            throw new IllegalArgumentException("the model reads " + agent.config().height() + "x" + agent.config().width()
                    + " observations with " + agent.config().numActions() + " actions but the environment has " + h + "x"
                    + w + " and " + a);
        }
        Policy policy = agent.policy(config.selection(), config.seed());
        Buffer[] buffers = new Buffer[n];
        StepBatch s = env.observe();
        for (int i = 0; i < n; i++) {
            buffers[i] = new Buffer(i, h, w, a, config.labels());
            buffers[i].start(s.levelSeeds()[i]);
        }
        int[] nextIndex = {0};
        int finished = 0;
        Map<EndCause, Integer> causes = new EnumMap<>(EndCause.class);
        byte[] labels = config.labels() ? new byte[h * w] : null;
        for (int t = 0; t < config.stepsPerEnv(); t++) {
            ActResult r = policy.act(s);
            for (int i = 0; i < n; i++) {
                if (labels != null) {
                    ((CoinRunVecEnv) env).labels(i, labels);
                }
                buffers[i].append(s, i, r, labels);
            }
            env.act(r.actions());
            s = env.observe();
            for (int i = 0; i < n; i++) {
                buffers[i].reward(s.rewards()[i]);
                EpisodeEnd end = s.episodeEnd(i);
                if (end != null) {
                    sink.accept(buffers[i].finish(nextIndex[0]++, end.cause(), 0f));
                    finished++;
                    causes.merge(end.cause(), 1, Integer::sum);
                    buffers[i].start(s.levelSeeds()[i]);
                }
            }
            progress.accept(n);
        }
        int unfinished = 0;
        boolean any = Arrays.stream(buffers).anyMatch(b -> b.length > 0);
        if (any) {
            PolicyOutput last = agent.evaluate(new Observations.Frames(n, h, w, 3, s.observations()));
            for (int i = 0; i < n; i++) {
                if (buffers[i].length > 0) {
                    sink.accept(buffers[i].finish(nextIndex[0]++, null, last.value(i)));
                    unfinished++;
                }
            }
        }
        return new Summary((long) n * config.stepsPerEnv(), finished, unfinished, causes);
    }

    /** The growing arrays of one environment's current episode. */
    private static final class Buffer {
        private final int env;
        private final int height;
        private final int width;
        private final int frame;
        private final int numActions;
        private final boolean withLabels;
        private int levelSeed;
        private int length;
        private byte[] obs;
        private byte[] labels;
        private int[] actions;
        private float[] rewards;
        private float[] values;
        private float[] logits;
        private boolean[] first;

        Buffer(int env, int h, int w, int numActions, boolean withLabels) {
            this.env = env;
            this.height = h;
            this.width = w;
            this.frame = h * w * 3;
            this.numActions = numActions;
            this.withLabels = withLabels;
            allocate(64);
        }

        private void allocate(int capacity) {
            obs = new byte[capacity * frame];
            labels = withLabels ? new byte[capacity * (frame / 3)] : null;
            actions = new int[capacity];
            rewards = new float[capacity];
            values = new float[capacity];
            logits = new float[capacity * numActions];
            first = new boolean[capacity];
        }

        void start(int seed) {
            levelSeed = seed;
            length = 0;
        }

        void append(StepBatch s, int i, ActResult r, byte[] labelMap) {
            if (length == actions.length) {
                int c = 2 * length;
                obs = Arrays.copyOf(obs, c * frame);
                labels = labels == null ? null : Arrays.copyOf(labels, c * (frame / 3));
                actions = Arrays.copyOf(actions, c);
                rewards = Arrays.copyOf(rewards, c);
                values = Arrays.copyOf(values, c);
                logits = Arrays.copyOf(logits, c * numActions);
                first = Arrays.copyOf(first, c);
            }
            System.arraycopy(s.observations(), i * frame, obs, length * frame, frame);
            if (labels != null) {
                System.arraycopy(labelMap, 0, labels, length * labelMap.length, labelMap.length);
            }
            actions[length] = r.action(i);
            values[length] = r.output().value(i);
            for (int k = 0; k < numActions; k++) {
                logits[length * numActions + k] = r.output().logit(i, k);
            }
            first[length] = s.first()[i];
            length++;
        }

        void reward(float r) {
            rewards[length - 1] = r;
        }

        Episode finish(int index, EndCause cause, float bootstrap) {
            int t = length;
            Episode e = new Episode(index, env, levelSeed, cause, height, width,
                    numActions, Arrays.copyOf(obs, t * frame), Arrays.copyOf(actions, t), Arrays.copyOf(rewards, t),
                    Arrays.copyOf(values, t), Arrays.copyOf(logits, t * numActions), Arrays.copyOf(first, t), bootstrap,
                    labels == null ? null : Arrays.copyOf(labels, t * (frame / 3)));
            length = 0;
            return e;
        }
    }
}
