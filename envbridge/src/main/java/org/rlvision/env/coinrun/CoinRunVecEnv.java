package org.rlvision.env.coinrun;

import org.rlvision.env.EnvOptions;
import org.rlvision.env.EnvSpec;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.VecEnv;

import java.util.Set;

/**
 * The embedded CoinRun backend: {@code numEnvs} pure-Java games behind the {@link VecEnv} API,
 * with Procgen's reset and seed semantics and an exact {@link EpisodeEnd} cause per episode.
 *
 * <p>Each environment renders its 64×64 observation after every step; nothing is allocated per
 * step except the {@link EpisodeEnd} record of an episode that just finished. With
 * {@code use_sequential_levels}, a completed level yields an {@link EpisodeEnd} (cause
 * {@code COIN}) although Procgen keeps {@code first=false} and the episode goes on.
 */
public final class CoinRunVecEnv implements VecEnv {
    private static final EnvSpec SPEC = EnvSpec.procgen();

    private final EnvOptions options;
    private final CoinRunGame[] games;
    private final LevelSeedSequence[] seeds;
    private final float[] episodeReturn;
    private final CoinRunRenderer renderer;
    private final StepBatch batch;
    private final StepBatch.Writer writer;
    private final byte[] scratchRgb = new byte[SPEC.observationBytes()];
    private boolean closed;

    private CoinRunVecEnv(int numEnvs, EnvOptions options, Set<SemanticLabel> hidden) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be at least 1, got " + numEnvs);
        }
        this.options = options;
        this.games = new CoinRunGame[numEnvs];
        this.seeds = new LevelSeedSequence[numEnvs];
        this.episodeReturn = new float[numEnvs];
        this.renderer = new CoinRunRenderer(options.paintVelInfo(), options.centerAgent(), hidden);
        this.batch = new StepBatch(numEnvs, SPEC);
        this.writer = batch.writer();
        int[] generatorSeeds = LevelSeedSequence.generatorSeeds(options.randSeed(), numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            games[i] = new CoinRunGame(options.distributionMode());
            seeds[i] = new LevelSeedSequence(options, generatorSeeds[i]);
            int seed = seeds[i].next(0, false);
            games[i].reset(seed);
            writer.set(i, 0f, true, seed, seed, false, null);
            renderObservation(i);
        }
    }

    /**
     * Creates {@code numEnvs} CoinRun environments with these options.
     *
     * @param numEnvs number of environments (≥ 1)
     * @param options Procgen-style options
     */
    public static CoinRunVecEnv create(int numEnvs, EnvOptions options) {
        return new CoinRunVecEnv(numEnvs, options, Set.of());
    }

    /**
     * Creates environments whose observations leave some classes undrawn (they still act in the
     * game), e.g. {@code Set.of(SemanticLabel.SAW)} for Hilton et al.'s "invisible saws" control.
     */
    public static CoinRunVecEnv createWithHidden(int numEnvs, EnvOptions options, Set<SemanticLabel> hidden) {
        return new CoinRunVecEnv(numEnvs, options, Set.copyOf(hidden));
    }

    @Override
    public int numEnvs() {
        return games.length;
    }

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public EnvOptions options() {
        return options;
    }

    @Override
    public StepBatch observe() {
        ensureOpen();
        return batch;
    }

    @Override
    public void act(int[] actions) {
        ensureOpen();
        if (actions.length != games.length) {
            throw new IllegalArgumentException("act() needs one action per environment: got " + actions.length
                    + " actions for " + games.length + " environments");
        }
        for (int i = 0; i < games.length; i++) {
            if (actions[i] < 0 || actions[i] >= SPEC.numActions()) {
                throw new IllegalArgumentException("action " + actions[i] + " for environment " + i
                        + " is out of range; valid actions are 0.." + (SPEC.numActions() - 1));
            }
        }
        for (int i = 0; i < games.length; i++) {
            CoinRunGame g = games[i];
            g.step(actions[i]);
            float reward = g.stepReward();
            episodeReturn[i] += reward;
            int playedSeed = g.levelSeed();
            boolean complete = g.levelComplete();
            EpisodeEnd end = null;
            boolean first = false;
            if (g.done()) {
                end = new EpisodeEnd(playedSeed, g.curTime(), episodeReturn[i], g.endCause());
                episodeReturn[i] = 0;
                g.reset(seeds[i].next(playedSeed, complete));
                first = !(options.useSequentialLevels() && complete);
            }
            writer.set(i, reward, first, g.levelSeed(), playedSeed, complete, end);
            renderObservation(i);
        }
    }

    /** The game behind environment {@code i}, for inspection (read it, do not step it). */
    public CoinRunGame game(int i) {
        return games[i];
    }

    /**
     * Writes the semantic label map of environment {@code i}'s current frame, exactly aligned
     * with its observation.
     *
     * @param i      environment index
     * @param labels destination, {@code [64,64]} label ids ({@link SemanticLabel#id()})
     */
    public void labels(int i, byte[] labels) {
        renderer.render(games[i], SPEC.height(), scratchRgb, 0, labels, 0);
    }

    private void renderObservation(int i) {
        renderer.render(games[i], writer.observations(), i * SPEC.observationBytes());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this CoinRunVecEnv is closed; create a new one");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
