package org.rlvision.agent.train;

import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.VecEnv;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.util.Arrays;

/**
 * Keeps copies of the last {@link ExpertTerm#horizon()} game states of every environment of a PPO
 * rollout and, when an episode ends in a death, has the expert label the states that led to it
 * (alive labels) into a per-sample mask array laid out as the rollout ({@code step × envs + env}).
 * States from before the rollout began are not in its samples and are not labelled. Labels depend
 * only on the game states, so a resumed run labels exactly as the uninterrupted one.
 * Typically the last states before a death are doomed (no label) and the one before them rejects
 * the move that was played (docs/benchmarks.md: 48 such states for 49 deaths of one rollout).
 */
final class FatalStateLabeller {
    private final ExpertTerm term;
    private final int envs;
    private final CoinRunGame[][] ring;
    private final int[] episodeStart;
    private final int[] accepted;
    private final ExpertLabeller labeller;
    private final CoinRunGame[] pending;
    private final CoinRunExpert.Decision[] decisions;
    private int deaths;

    /**
     * @param term  the expert term's settings
     * @param envs  environments of the rollout
     * @param steps steps per environment of the rollout
     */
    FatalStateLabeller(ExpertTerm term, int envs, int steps) {
        this.term = term;
        this.envs = envs;
        this.ring = new CoinRunGame[envs][term.horizon()];
        for (CoinRunGame[] r : ring) {
            for (int j = 0; j < r.length; j++) {
                r[j] = new CoinRunGame(term.mode());
            }
        }
        this.episodeStart = new int[envs];
        this.accepted = new int[envs * steps];
        this.labeller = new ExpertLabeller(term.mode(), DaggerLabels.ALIVE);
        this.pending = new CoinRunGame[term.horizon()];
        this.decisions = new CoinRunExpert.Decision[term.horizon()];
    }

    /** The environments the expert can read, or a clear refusal. */
    static CoinRunVecEnv javaEngine(VecEnv env) {
        if (env instanceof CoinRunVecEnv c) {
            return c;
        }
        throw new IllegalArgumentException("the expert term reads the Java engine's game state; it cannot run on "
                + env.getClass().getSimpleName() + " (train on the Java engine, or leave the expert term out)");
    }

    /** Starts a rollout: no sample labelled, no episode begun inside it yet. */
    void beginRollout() {
        Arrays.fill(accepted, 0);
        Arrays.fill(episodeStart, 0);
        deaths = 0;
    }

    /** Copies each environment's state at rollout step {@code step}, before its action. */
    void record(int step, CoinRunVecEnv env) {
        int slot = step % term.horizon();
        for (int i = 0; i < envs; i++) {
            ring[i][slot].copyFrom(env.game(i));
        }
    }

    /**
     * Notes environment {@code i}'s episode that ended with the action of rollout step
     * {@code step}; a death has the expert label the states that led to it.
     */
    void episodeEnded(int step, int i, EpisodeEnd end) {
        if (end.cause().isDeath()) {
            deaths++;
            int from = Math.max(episodeStart[i], step - term.horizon() + 1);
            int n = step - from + 1;
            for (int s = from; s <= step; s++) {
                pending[s - from] = ring[i][s % term.horizon()];
            }
            labeller.label(pending, n, decisions);
            for (int s = from; s <= step; s++) {
                CoinRunExpert.Decision d = decisions[s - from];
                accepted[s * envs + i] = d.doomed() ? 0 : d.acceptable(); // no way out: the label says nothing
            }
        }
        episodeStart[i] = step + 1;
    }

    /** The rollout's masks, {@code step × envs + env}; 0 where no state was labelled. */
    int[] accepted() {
        return accepted;
    }

    /** Deaths in the rollout so far. */
    int deaths() {
        return deaths;
    }
}
