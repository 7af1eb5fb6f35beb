package org.rlvision.env.coinrun;

import org.rlvision.env.EndCause;

import java.util.Arrays;

/**
 * A planning expert that reads the engine's true state: from a copy of the game it runs a beam
 * search over short action sequences, simulating every candidate exactly, discarding those that
 * die and keeping those that get closest to the coin; it then takes the first step(s) of the
 * best sequence and plans again. Used to warm-start agents by behaviour cloning and to label
 * the states a learner visits (DAgger).
 *
 * <p>Not thread-safe (it owns its simulation pool); use one instance per thread.
 */
public final class CoinRunExpert {
    /** The actions the expert considers: RIGHT, RIGHT+UP, UP, NOOP, LEFT, LEFT+UP, DOWN. */
    static final int[] ACTIONS = {7, 8, 5, 4, 1, 2, 3};

    /**
     * Search settings.
     *
     * @param beamWidth    candidates kept per depth
     * @param depth        look-ahead in steps
     * @param replanEvery  steps taken from each plan before planning again (when solving a level)
     */
    public record Config(int beamWidth, int depth, int replanEvery) {
        /** Validates the settings. */
        public Config {
            if (beamWidth < 1 || depth < 1 || replanEvery < 1 || replanEvery > depth) {
                throw new IllegalArgumentException("expert config needs beamWidth, depth >= 1 and 1 <= replanEvery <= depth, got "
                        + beamWidth + ", " + depth + ", " + replanEvery);
            }
        }

        /** The settings the shipped numbers were measured with. */
        public static Config defaults() {
            return new Config(24, 30, 4);
        }

        /** A narrow, shorter search for judging whether an action is safe: about 6x cheaper than {@link #defaults()}. */
        public static Config lookout() {
            return new Config(8, 16, 4);
        }
    }

    /**
     * A solved (or failed) level.
     *
     * @param levelSeed level seed
     * @param actions   the actions played
     * @param cause     how the episode ended
     */
    public record Episode(int levelSeed, int[] actions, EndCause cause) {
        /** Number of steps. */
        public int length() {
            return actions.length;
        }
    }

    private final Config config;
    private final CoinRunGame[] pool;
    private final int[][] histories;
    private final float[] scores;
    private final int[] alive;
    private int poolLevelSeed = Integer.MIN_VALUE;
    private final int[] plan;
    /** Depth of the survival search: the longer of this config's depth and {@link #SURVIVAL_DEPTH}. */
    private final int survivalHorizon;
    private int planLength;
    private final long[] keys;
    private final float[] next = new float[15 * 5];
    private final float[] actionValue = new float[ACTIONS.length];
    private final CoinRunGame probe;
    /** Score of the last search's plan: large when it reaches the coin, −∞ when every plan dies. */
    private float searchValue;
    /** First actions of the plans {@link #search} found acceptable (bit per action). */
    private int acceptedFirst;

    /** An expert for games of this mode. */
    public CoinRunExpert(org.rlvision.env.DistributionMode mode, Config config) {
        this.config = config;
        int n = config.beamWidth() * ACTIONS.length * 2;
        pool = new CoinRunGame[n];
        survivalHorizon = Math.max(config.depth(), SURVIVAL_DEPTH);
        histories = new int[n][survivalHorizon];
        scores = new float[n];
        alive = new int[n];
        keys = new long[n];
        for (int i = 0; i < n; i++) {
            pool[i] = new CoinRunGame(mode);
        }
        plan = new int[survivalHorizon];
        probe = new CoinRunGame(mode);
    }

    /**
     * How far (in world units of the search score) a first action's best plan may fall behind the
     * best plan and still count as acceptable: one step of running at full speed, so jumping or
     * stopping a step later than the expert's own choice is not called a mistake.
     */
    public static final float ACCEPT_TOLERANCE = CoinRunGame.MAX_SPEED;

    /**
     * The horizon of the search that keeps the slowest states (when the progress search sees every
     * plan die), for every config: the full expert's depth, so that a short look-ahead such as
     * {@link Config#lookout()} does not call a trap safe only because standing still outlives its
     * shorter horizon.
     */
    public static final int SURVIVAL_DEPTH = 30;

    /**
     * The expert's decision in one state.
     *
     * @param action     the action the expert takes (the first step of its best plan)
     * @param acceptable bit {@code a} set for every action {@code a} (0..14) that is as good as
     *                   {@code action}: its own best plan scores within {@link #ACCEPT_TOLERANCE}
     *                   of the best, or it moves the game to exactly the same next state as an
     *                   acceptable action (e.g. UP in mid-air, the unused buttons 9..14)
     * @param doomed     true when the expert's searches found no plan that survives its horizon,
     *                   neither the one that heads for the coin nor the one that keeps the slowest
     *                   states (standing still, backing off): it sees no way out, and {@code action}
     *                   only delays the death. Both are beam searches and can still miss a way out,
     *                   so a doomed decision is certain only in the last states before a death
     */
    public record Decision(int action, int acceptable, boolean doomed) {
        /** A decision in a state the expert sees a way out of. */
        public Decision(int action, int acceptable) {
            this(action, acceptable, false);
        }

        /** True when action {@code a} is in the acceptable set. */
        public boolean accepts(int a) {
            return (acceptable >>> a & 1) != 0;
        }
    }

    /** The action the expert takes in this state (the game is not modified). */
    public int act(CoinRunGame game) {
        search(game);
        return plan[0];
    }

    /** The expert's action in this state and every action as good as it (the game is not modified). */
    public Decision decide(CoinRunGame game) {
        search(game);
        return new Decision(plan[0], equivalents(game, acceptedFirst), searchValue == Float.NEGATIVE_INFINITY);
    }

    /**
     * How far a first action's best plan may fall behind the best in {@link #decideSafe}: two
     * steps of running. Speed hardly matters for success (levels time out after 1,000 steps), so
     * this set separates the actions that keep the coin reachable from those that lose it.
     */
    public static final float SAFE_TOLERANCE = 2 * CoinRunGame.MAX_SPEED;

    /**
     * The expert's action in this state and every action after which the expert can still play
     * on safely: each distinct action is taken on a copy and the search run again from there; an
     * action is accepted when that search reaches the coin or survives its whole horizon with a
     * plan within {@link #SAFE_TOLERANCE} of the best action's (plus the actions with an identical
     * next state). Costs one search per distinct action. The game is not modified. The decision's
     * action is the expert's own, unless the judge finds no way to survive after it while another
     * action survives: where the progress search sees every plan die and the survival search finds
     * a way out, the action kept is the progress plan's, which can be the fatal one; the decision
     * then names the action whose judged plan is best instead (before 2026-11-29 the expert's own
     * action was always accepted, and most deaths of a PPO agent followed such an accepted move).
     * Where no action survives, the expert's own action is the one accepted (the decision is then
     * usually {@link Decision#doomed() doomed}).
     */
    public Decision decideSafe(CoinRunGame game) {
        return decideSafe(game, this);
    }

    /**
     * As {@link #decideSafe(CoinRunGame)}, with the action chosen by this expert and the
     * per-action searches run by {@code judge} (e.g. {@link Config#lookout()}, several times
     * cheaper than a full search).
     */
    public Decision decideSafe(CoinRunGame game, CoinRunExpert judge) {
        return decideSafe(game, judge, SAFE_TOLERANCE);
    }

    /**
     * As {@link #decideSafe(CoinRunGame, CoinRunExpert)} with another tolerance; with
     * {@code Float.POSITIVE_INFINITY} every action after which the judge still finds a plan that
     * survives its horizon is accepted, however slow.
     */
    public Decision decideSafe(CoinRunGame game, CoinRunExpert judge, float tolerance) {
        search(game);
        int action = plan[0];
        boolean doomed = searchValue == Float.NEGATIVE_INFINITY;
        recordNextStates(game);
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < ACTIONS.length; i++) {
            int same = -1;
            for (int j = 0; j < i && same < 0; j++) {
                if (sameNext(ACTIONS[j], ACTIONS[i])) {
                    same = j; // e.g. UP in mid-air is NOOP: the judge's search would repeat
                }
            }
            if (same >= 0) {
                actionValue[i] = actionValue[same];
            } else {
                probe.copyFrom(game, true);
                probe.step(ACTIONS[i]);
                actionValue[i] = probe.done() ? (probe.endCause() == EndCause.COIN ? 2e6f : Float.NEGATIVE_INFINITY)
                        : judge.planValue(probe);
            }
            best = Math.max(best, actionValue[i]);
        }
        // the expert's own move is accepted unless the judge sees it die while another move survives:
        // where the progress search sees every plan die but the survival search finds a way out,
        // the move kept is the progress plan's, which may be the fatal one
        if (best > Float.NEGATIVE_INFINITY && actionValue[actionIndex(action)] == Float.NEGATIVE_INFINITY) {
            action = ACTIONS[firstWithValue(best)]; // the best surviving action names the decision instead
        }
        int accepted = 1 << action;
        for (int i = 0; i < ACTIONS.length; i++) {
            if (actionValue[i] > Float.NEGATIVE_INFINITY && actionValue[i] >= best - tolerance) {
                accepted |= 1 << ACTIONS[i];
            }
        }
        return new Decision(action, closure(accepted), doomed);
    }

    /** The index in {@link #ACTIONS} of {@code action}, one of them. */
    private static int actionIndex(int action) {
        for (int i = 0; i < ACTIONS.length; i++) {
            if (ACTIONS[i] == action) {
                return i;
            }
        }
        throw new IllegalArgumentException("action " + action + " is not one the expert plans with");
    }

    /** The first index whose {@link #actionValue} is {@code value}. */
    private int firstWithValue(float value) {
        for (int i = 0; i < ACTIONS.length; i++) {
            if (actionValue[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("no action has the value " + value);
    }

    /**
     * The score of the best plan the search finds from {@code game}: about 10⁶ when it reaches the
     * coin, −∞ when every plan dies within the horizon (see {@link Decision#doomed()}), otherwise
     * minus its distance to the coin.
     * The game is not modified.
     */
    public float planValue(CoinRunGame game) {
        search(game);
        return searchValue;
    }

    /**
     * The actions that move {@code game} to exactly the same next state as one of the actions in
     * {@code mask} (bit per action), {@code mask} itself included. The game is not modified.
     */
    public int equivalents(CoinRunGame game, int mask) {
        recordNextStates(game);
        return closure(mask);
    }

    /** Records in {@link #next} the agent's state after each of the 15 actions from {@code game}. */
    private void recordNextStates(CoinRunGame game) {
        if (game.levelSeed() != poolLevelSeed) {
            for (CoinRunGame g : pool) {
                g.copyFrom(game, true);
            }
            poolLevelSeed = game.levelSeed();
        }
        CoinRunGame scratch = pool[0];
        for (int a = 0; a < 15; a++) {
            scratch.copyFrom(game, false);
            scratch.step(a);
            Entity e = scratch.agent;
            next[a * 5] = e.x;
            next[a * 5 + 1] = e.y;
            next[a * 5 + 2] = e.vx;
            next[a * 5 + 3] = e.vy;
            next[a * 5 + 4] = (scratch.done() ? 1 : 0) + (scratch.isOnCrate ? 2 : 0);
        }
    }

    /** {@code mask} plus every action whose recorded next state equals that of an action in it. */
    private int closure(int mask) {
        int out = mask;
        for (int a = 0; a < 15; a++) {
            if ((mask >>> a & 1) == 0) {
                continue;
            }
            for (int b = 0; b < 15; b++) {
                if (sameNext(a, b)) {
                    out |= 1 << b;
                }
            }
        }
        return out;
    }

    private boolean sameNext(int a, int b) {
        for (int k = 0; k < 5; k++) {
            if (Float.compare(next[a * 5 + k], next[b * 5 + k]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Plays level {@code seed} from its start to the end (coin, death or timeout). */
    public Episode solve(CoinRunGame game, int seed) {
        game.reset(seed);
        int[] actions = new int[CoinRunGame.TIMEOUT];
        int n = 0;
        while (!game.done()) {
            search(game);
            for (int k = 0; k < Math.min(config.replanEvery(), planLength) && !game.done(); k++) {
                game.step(plan[k]);
                actions[n++] = plan[k];
            }
        }
        return new Episode(seed, Arrays.copyOf(actions, n), game.endCause());
    }

    /**
     * Fills {@link #plan} with the best action sequence found from {@code root}. When every plan of
     * the progress search dies, a second search that keeps the slowest states instead (standing
     * still, backing off) decides whether the state is really lost: the progress beam fills with
     * plans that all run into the same pit, so its verdict alone is often wrong. The action stays
     * the one whose plan lived longest (waiting where the progress search sees no way through
     * would wait for ever); only {@link #searchValue} becomes finite when the second search
     * finds a plan that survives the horizon.
     */
    private void search(CoinRunGame root) {
        beamSearch(root, false);
        if (searchValue == Float.NEGATIVE_INFINITY) {
            int action = plan[0];
            int accepted = acceptedFirst;
            beamSearch(root, true);
            plan[0] = action;
            planLength = 1;
            acceptedFirst = accepted;
        }
    }

    /**
     * One beam search from {@code root}. {@code survival == false}: keeps the states closest to
     * the coin and fills {@link #plan}, {@link #acceptedFirst}, {@link #searchValue}.
     * {@code survival == true}: keeps the slowest states and only sets {@link #searchValue} (the
     * closeness to the coin of its best plan that survives {@link #SURVIVAL_DEPTH} steps, or −∞).
     */
    private void beamSearch(CoinRunGame root, boolean survival) {
        if (root.levelSeed() != poolLevelSeed) {
            for (CoinRunGame g : pool) {
                g.copyFrom(root, true);
            }
            poolLevelSeed = root.levelSeed();
        }
        int coinX = -1;
        int coinY = -1;
        for (int y = 0; y < CoinRunGame.HEIGHT && coinX < 0; y++) {
            for (int x = 0; x < CoinRunGame.WIDTH; x++) {
                if (root.cell(x, y) == ObjectType.GOAL) {
                    coinX = x;
                    coinY = y;
                    break;
                }
            }
        }
        float targetX = coinX + 0.5f;
        float targetY = coinY + 0.5f;
        int half = pool.length / 2;
        // beam lives in pool[0..half), candidates in pool[half..)
        int beam = 1;
        pool[0].copyFrom(root, false);
        int bestDeadDepth = -1;
        int bestDeadFirst = ACTIONS[0];
        int coinFirst = 0;
        int horizon = survival ? survivalHorizon : config.depth();
        for (int d = 0; d < horizon; d++) {
            int cands = 0;
            for (int b = 0; b < beam; b++) {
                for (int a : ACTIONS) {
                    int c = half + cands;
                    CoinRunGame g = pool[c];
                    g.copyFrom(pool[b], false);
                    g.step(a);
                    System.arraycopy(histories[b], 0, histories[c], 0, d);
                    histories[c][d] = a;
                    if (g.done()) {
                        if (g.endCause() == EndCause.COIN) {
                            if (coinFirst == 0) {
                                System.arraycopy(histories[c], 0, plan, 0, d + 1);
                                planLength = d + 1;
                            }
                            coinFirst |= 1 << histories[c][0];
                            continue;
                        }
                        if (d > bestDeadDepth) {
                            bestDeadDepth = d;
                            bestDeadFirst = histories[c][0];
                        }
                        continue;
                    }
                    Entity ag = g.agent;
                    scores[c] = survival ? -Math.abs(ag.vx) - Math.abs(ag.vy) : progress(ag, targetX, targetY);
                    keys[c] = key(ag);
                    cands++;
                }
            }
            if (coinFirst != 0) {
                acceptedFirst = coinFirst; // every first action that reaches the coin this soon
                searchValue = 1e6f - d;
                return;
            }
            if (cands == 0) {
                plan[0] = bestDeadFirst;
                planLength = 1;
                acceptedFirst = 1 << bestDeadFirst;
                searchValue = Float.NEGATIVE_INFINITY;
                return;
            }
            beam = selectBeam(half, cands);
        }
        if (survival) {
            float best = Float.NEGATIVE_INFINITY;
            for (int b = 0; b < beam; b++) {
                best = Math.max(best, progress(pool[b].agent, targetX, targetY));
            }
            searchValue = best;
            return;
        }
        System.arraycopy(histories[0], 0, plan, 0, config.depth());
        planLength = config.depth();
        searchValue = scores[0];
        acceptedFirst = 0;
        for (int b = 0; b < beam; b++) {
            if (scores[b] >= scores[0] - ACCEPT_TOLERANCE) {
                acceptedFirst |= 1 << histories[b][0];
            }
        }
    }

    /** Progress to the coin: minus the distance; being below it costs, being above does not (jumps pass over walls). */
    private static float progress(Entity agent, float targetX, float targetY) {
        return -Math.abs(targetX - agent.x) - 0.5f * Math.max(0f, targetY - agent.y);
    }

    /** Moves the best distinct candidates to pool[0..k) (best first) and returns k. */
    private int selectBeam(int half, int cands) {
        for (int i = 0; i < cands; i++) {
            alive[i] = half + i;
        }
        // partial selection sort by score, skipping duplicate states
        int kept = 0;
        for (int i = 0; i < cands && kept < config.beamWidth(); i++) {
            int best = i;
            for (int j = i + 1; j < cands; j++) {
                if (scores[alive[j]] > scores[alive[best]]) {
                    best = j;
                }
            }
            int tmp = alive[i];
            alive[i] = alive[best];
            alive[best] = tmp;
            int c = alive[i];
            boolean dup = false;
            for (int k = 0; k < kept; k++) {
                if (keys[k] == keys[c]) {
                    dup = true;
                    break;
                }
            }
            if (dup) {
                continue;
            }
            // swap candidate c into beam slot kept
            CoinRunGame g = pool[kept];
            pool[kept] = pool[c];
            pool[c] = g;
            int[] h = histories[kept];
            histories[kept] = histories[c];
            histories[c] = h;
            keys[kept] = keys[c];
            scores[kept] = scores[c];
            kept++;
        }
        return kept;
    }

    private static long key(Entity a) {
        long qx = Math.round(a.x * 8);
        long qy = Math.round(a.y * 8);
        long qvx = Math.round(a.vx * 16);
        long qvy = Math.round(a.vy * 8);
        return (qx << 40) ^ (qy << 24) ^ ((qvx & 0xff) << 8) ^ (qvy & 0xff);
    }
}
