package org.rlvision.agent.train;

import org.rlvision.agent.Agent;
import org.rlvision.agent.Observations;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.agent.Softmax;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;
import org.rlvision.env.coinrun.SemanticLabel;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Holds a policy up against the expert's labels: the policy plays each level once with sampled
 * actions while the expert names, in every state it visits, the actions it accepts there (a
 * {@link DaggerLabels} rule). Counts how often the policy's move fell outside that set, in the
 * episodes it solved and in those it failed, and how much probability it put on the set: a
 * label rule that flags a move in every failed episode and in no solved one tells exactly where
 * the policy goes wrong, which is what DAgger then trains on.
 */
public final class LabelAudit {
    private static final int ACTIONS = 15;

    /** States of an episode's end kept in {@link Episode#lastStates()}. */
    public static final int TIMELINE = 40;

    /** Bit of a semantic label id in a set of labels in view. */
    private static int bit(SemanticLabel label) {
        return 1 << label.id();
    }

    /** The labels of the hazard that causes {@code cause}, as a bit set of label ids (0 for no collision). */
    static int hazardOf(EndCause cause) {
        return switch (cause) {
            case SAW -> bit(SemanticLabel.SAW);
            case ENEMY_MOVING_LEFT, ENEMY_MOVING_RIGHT -> bit(SemanticLabel.ENEMY);
            case LAVA -> bit(SemanticLabel.LAVA);
            default -> 0;
        };
    }

    /** The {@link Episode#lastStates()} character of one state, its decision and the move played. */
    static char stateCode(CoinRunExpert.Decision d, int played) {
        if (d.doomed()) {
            return 'd';
        }
        if (!d.accepts(played)) {
            return 'X';
        }
        return Integer.bitCount(d.acceptable() & ((1 << ACTIONS) - 1)) == ACTIONS ? '.' : 'c';
    }

    /**
     * One level played.
     *
     * @param level             level seed
     * @param cause             how the episode ended
     * @param length            steps
     * @param flagged           moves outside the accepted set
     * @param lastFlaggedStep   0-based step of the last such move, or -1
     * @param minProbability    the least probability the policy put on the accepted set in the episode
     * @param doomedAtEnd       how many of the episode's last states the expert's own search found no
     *                          surviving plan in, without a break up to the end (0 if it saw a way out in
     *                          the last one): a failed episode without a flagged move walked, by accepted
     *                          moves, into a trap the label rule's look-ahead did not see, and this says
     *                          how long before the end the expert saw it
     * @param lastStates        the episode's last {@link #TIMELINE} states, one character each, oldest
     *                          first: {@code d} the expert saw no way out (doomed), {@code X} the move
     *                          played was not accepted, {@code c} some move was not accepted but the one
     *                          played was, {@code .} every move was accepted
     * @param hazardInView      for a death after a flagged move outside a doomed state: whether a hazard
     *                          of the kind that killed (saw, enemy, lava) was in the agent's 64×64 view
     *                          when the last such move was played (false: the move was made blind); null
     *                          otherwise
     */
    public record Episode(int level, EndCause cause, int length, int flagged, int lastFlaggedStep, double minProbability,
                          int doomedAtEnd, String lastStates, Boolean hazardInView) {
        /** True when the agent reached the coin. */
        public boolean solved() {
            return cause == EndCause.COIN;
        }
    }

    /**
     * The audit of a range of levels.
     *
     * @param labels          the label rule
     * @param episodes        one per level, in level order
     * @param states          states visited
     * @param meanAccepted    mean number of accepted actions (of 15) per state
     * @param meanProbability mean probability the policy put on the accepted set
     * @param greedyAccepted  share of states whose most likely action is accepted
     */
    public record Result(DaggerLabels labels, List<Episode> episodes, long states, double meanAccepted, double meanProbability,
                         double greedyAccepted) {
        /** Episodes the policy solved. */
        public int solved() {
            return (int) episodes.stream().filter(Episode::solved).count();
        }

        /** Solved episodes with at least one move outside the accepted set. */
        public int solvedFlagged() {
            return (int) episodes.stream().filter(e -> e.solved() && e.flagged() > 0).count();
        }

        /** Failed episodes with at least one move outside the accepted set. */
        public int failedFlagged() {
            return (int) episodes.stream().filter(e -> !e.solved() && e.flagged() > 0).count();
        }

        /** Deaths after a flagged move (outside doomed states) whose killing kind of hazard was in view at the last one. */
        public int fatalMoveHazardInView() {
            return (int) episodes.stream().filter(e -> Boolean.TRUE.equals(e.hazardInView())).count();
        }

        /** Deaths after a flagged move (outside doomed states), with or without the hazard in view. */
        public int fatalMoveDeaths() {
            return (int) episodes.stream().filter(e -> e.hazardInView() != null).count();
        }

        /** Failed episodes without a flagged move whose last states the expert itself saw no way out of. */
        public int failedUnflaggedDoomed() {
            return (int) episodes.stream().filter(e -> !e.solved() && e.flagged() == 0 && e.doomedAtEnd() > 0).count();
        }
    }

    private LabelAudit() {
    }

    /**
     * Plays levels {@code firstLevel .. firstLevel+count-1} once each, {@code batch} at a time.
     *
     * @param options  distribution mode, velocity squares and camera of the frames the policy sees
     *                 (their level range and seed are not used)
     * @param seed     seed of the policy's action sampling
     * @param progress told 1 after each finished level
     */
    public static Result run(Agent agent, EnvOptions options, DaggerLabels labels, int firstLevel, int count, int batch, long seed,
                             IntConsumer progress) {
        if (count < 1 || batch < 1) {
            throw new IllegalArgumentException("an audit needs at least one level and one game at a time, got " + count + " and " + batch);
        }
        DistributionMode mode = options.distributionMode();
        ExpertLabeller labeller = new ExpertLabeller(mode, labels);
        CoinRunRenderer renderer = new CoinRunRenderer(options.paintVelInfo(), options.centerAgent());
        SplittableRandom rng = new SplittableRandom(seed);
        int obsBytes = 64 * 64 * 3;
        int slots = Math.min(batch, count);
        Tally[] tallies = new Tally[slots];
        CoinRunGame[] games = new CoinRunGame[slots]; // games[i] is tallies[i].game, for the labeller
        byte[] scratchRgb = new byte[obsBytes];
        byte[] labelMap = new byte[64 * 64];
        Episode[] done = new Episode[count];
        int next = 0;
        int active = 0;
        for (; active < slots; active++) {
            tallies[active] = new Tally(new CoinRunGame(mode));
            tallies[active].start(firstLevel + next++);
            games[active] = tallies[active].game;
        }
        CoinRunExpert.Decision[] decisions = new CoinRunExpert.Decision[slots];
        byte[] frames = new byte[active * obsBytes];
        long states = 0;
        double acceptedSum = 0;
        double probabilitySum = 0;
        long greedyIn = 0;
        while (active > 0) {
            if (frames.length != active * obsBytes) {
                frames = new byte[active * obsBytes]; // only as the last levels finish
            }
            for (int i = 0; i < active; i++) {
                renderer.render(games[i], frames, i * obsBytes);
            }
            PolicyOutput out = agent.evaluate(new Observations.Frames(active, 64, 64, 3, frames));
            float[] logits = out.logits().data();
            labeller.label(games, active, decisions);
            for (int i = 0; i < active; i++) {
                CoinRunExpert.Decision d = decisions[i];
                double p = Softmax.probability(logits, i * ACTIONS, ACTIONS, d.acceptable());
                states++;
                acceptedSum += Integer.bitCount(d.acceptable());
                probabilitySum += p;
                greedyIn += d.accepts(out.greedyAction(i)) ? 1 : 0;
                int a = Softmax.sample(logits, i * ACTIONS, ACTIONS, rng.nextDouble());
                if (!d.accepts(a) && !d.doomed()) { // which labels the frame this move was chosen on shows
                    renderer.render(games[i], 64, scratchRgb, 0, labelMap, 0);
                    int seen = 0;
                    for (byte id : labelMap) {
                        seen |= 1 << id;
                    }
                    tallies[i].labelsInView = seen;
                }
                tallies[i].record(d, p, a);
                games[i].step(a);
            }
            for (int i = active - 1; i >= 0; i--) {
                if (!games[i].done()) {
                    continue;
                }
                done[tallies[i].level - firstLevel] = tallies[i].episode();
                progress.accept(1);
                if (next < count) {
                    tallies[i].start(firstLevel + next++);
                } else { // move the last active game into this slot
                    active--;
                    Tally t = tallies[i];
                    tallies[i] = tallies[active];
                    tallies[active] = t;
                    games[i] = tallies[i].game;
                    games[active] = t.game;
                }
            }
        }
        return new Result(labels, List.of(done), states, acceptedSum / states, probabilitySum / states, (double) greedyIn / states);
    }

    /** What the audit counts of the episode one game slot is playing. */
    private static final class Tally {
        final CoinRunGame game;
        final StringBuilder timeline = new StringBuilder(2 * TIMELINE);
        int level;
        int length;
        int flagged;
        int lastFlagged;
        int doomedRun;
        double minProbability;
        /** Label ids (bit per id) in view at the last flagged move outside doomed states; -1 if none. */
        int labelsInView;

        Tally(CoinRunGame game) {
            this.game = game;
        }

        void start(int seed) {
            game.reset(seed);
            level = seed;
            length = 0;
            flagged = 0;
            lastFlagged = -1;
            doomedRun = 0;
            minProbability = 1;
            labelsInView = -1;
            timeline.setLength(0);
        }

        /** One state: its decision, the probability the policy put on the accepted set, the move played. */
        void record(CoinRunExpert.Decision d, double p, int played) {
            minProbability = Math.min(minProbability, p);
            doomedRun = d.doomed() ? doomedRun + 1 : 0;
            timeline.append(stateCode(d, played));
            if (timeline.length() > TIMELINE) {
                timeline.deleteCharAt(0);
            }
            if (!d.accepts(played)) {
                flagged++;
                lastFlagged = length;
            }
            length++;
        }

        Episode episode() {
            int hazard = hazardOf(game.endCause());
            return new Episode(level, game.endCause(), length, flagged, lastFlagged, minProbability, doomedRun, timeline.toString(),
                    labelsInView < 0 || hazard == 0 ? null : (labelsInView & hazard) != 0);
        }
    }
}
