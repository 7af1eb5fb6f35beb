package org.rlvision.env.coinrun;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;

import static org.rlvision.env.coinrun.ObjectType.CRATE;
import static org.rlvision.env.coinrun.ObjectType.ENEMY;
import static org.rlvision.env.coinrun.ObjectType.ENEMY_BARRIER;
import static org.rlvision.env.coinrun.ObjectType.GOAL;
import static org.rlvision.env.coinrun.ObjectType.PLAYER;
import static org.rlvision.env.coinrun.ObjectType.SAW;
import static org.rlvision.env.coinrun.ObjectType.SPACE;
import static org.rlvision.env.coinrun.ObjectType.TRAIL;
import static org.rlvision.env.coinrun.ObjectType.WALL_MID;
import static org.rlvision.env.coinrun.ObjectType.WALL_OBJ;
import static org.rlvision.env.coinrun.ObjectType.isLava;
import static org.rlvision.env.coinrun.ObjectType.isWall;

/**
 * One CoinRun game: the level state and Procgen's rules for stepping it (physics, collisions,
 * rewards, endings), ported from Procgen's {@code coinrun.cpp} and
 * {@code basic-abstract-game.cpp} with the same float/double arithmetic and the same random
 * draws, so a level seed and an action sequence give the same trajectory as Procgen.
 *
 * <p>This class plays one level: {@link #reset(int)} builds it, {@link #step(int)} advances it
 * and reports the outcome; choosing the next seed and resetting after an ending is the job of
 * {@link CoinRunVecEnv}. A step allocates nothing (entities are pooled). {@link #copyFrom}
 * snapshots the whole state, for planners that simulate ahead.
 */
public final class CoinRunGame {
    /** World width in cells. */
    public static final int WIDTH = 64;
    /** World height in cells. */
    public static final int HEIGHT = 64;
    /** Episode step limit (Procgen's {@code timeout}). */
    public static final int TIMEOUT = 1000;
    /** Reward for reaching the coin. */
    public static final float GOAL_REWARD = 10.0f;
    /** Number of platform + space backgrounds Procgen draws from. */
    public static final int NUM_BACKGROUNDS = 62;
    /** Agent colours in hard mode (Beige, Blue, Green, Pink, Yellow). */
    public static final int NUM_AGENT_THEMES = 5;
    /** Ground themes in hard mode (Dirt, Grass, Planet, Sand, Snow, Stone). */
    public static final int NUM_GROUND_THEMES = 6;
    /** Enemy sprite kinds. */
    public static final int NUM_ENEMY_THEMES = 9;
    /** Crate sprite kinds. */
    public static final int NUM_CRATE_THEMES = 4;

    static final float POS_EPS = -0.001f;
    static final float GRAVITY = 0.2f;
    static final float MAX_JUMP = 1.5f;
    static final float AIR_CONTROL = 0.15f;
    static final float MAX_SPEED = 0.5f;
    static final float MIXRATE = 0.2f;
    static final float AGENT_RX = 0.5f;
    static final float AGENT_RY = 0.5787f;

    private final DistributionMode mode;
    final int[] grid = new int[WIDTH * HEIGHT];
    final EntityList entities = new EntityList();
    final EntityList trails = new EntityList();
    Entity agent;
    final LevelRandom rng = new LevelRandom();

    int levelSeed;
    int curTime;
    float bgPctX;
    int backgroundIndex;
    int wallTheme;
    boolean hasSupport;
    boolean facingRight;
    boolean isOnCrate;
    float lastAgentY;
    float actionVx;
    float actionVy;
    int stepRandInt;

    // Outcome of the last step.
    float stepReward;
    boolean stepDone;
    boolean levelComplete;
    private EndCause deathCause;
    private EndCause endCause;

    /**
     * Creates a game for one distribution mode; call {@link #reset(int)} before stepping.
     *
     * @param mode easy or hard
     */
    public CoinRunGame(DistributionMode mode) {
        this.mode = mode;
    }

    /** The distribution mode. */
    public DistributionMode mode() {
        return mode;
    }

    /**
     * Builds level {@code seed} exactly as Procgen's {@code Game::reset} + {@code CoinRun::game_reset}.
     *
     * @param seed the level seed (any int; read as unsigned 32 bits by the generator)
     */
    public void reset(int seed) {
        levelSeed = seed;
        rng.seed(seed);

        // BasicAbstractGame::game_reset
        bgPctX = rng.rand01();
        backgroundIndex = rng.randn(NUM_BACKGROUNDS);
        entities.clear();
        trails.clear();
        final float ar = 0.4f;
        float ax = rng.rand01() * (WIDTH - 2 * ar) + ar; // random_agent_start, overridden below
        float ay = rng.rand01() * (HEIGHT - 2 * ar) + ar;
        agent = entities.add().init(ax, ay, 0, 0, ar, ar, PLAYER);
        agent.smartStep = true;
        agent.renderZ = 1;
        java.util.Arrays.fill(grid, SPACE);

        // CoinRun::game_reset
        hasSupport = false;
        facingRight = true;
        if (mode == DistributionMode.EASY) {
            agent.imageTheme = 0;
            wallTheme = 0;
            backgroundIndex = 0;
        } else {
            agent.imageTheme = rng.randn(NUM_AGENT_THEMES);
            wallTheme = rng.randn(NUM_GROUND_THEMES);
        }
        agent.rx = AGENT_RX;
        agent.ry = AGENT_RY;
        agent.x = 1 + agent.rx;
        agent.y = 1 + agent.ry;
        lastAgentY = agent.y;
        isOnCrate = false;
        actionVx = 0;
        actionVy = 0;
        stepRandInt = 0;

        LevelGenerator.generate(this);

        curTime = 0;
        stepReward = 0;
        stepDone = false;
        levelComplete = false;
        deathCause = null;
        endCause = null;
    }

    /**
     * Advances the level by one step with a Procgen action (0..14). Does not reset: after an
     * ending, {@link #done()} is true and {@link #endCause()} says why.
     *
     * @param action action index 0..14
     */
    public void step(int action) {
        if (action < 0 || action >= 15) {
            throw new IllegalArgumentException("action " + action + " is out of range; valid actions are 0..14");
        }
        curTime += 1;
        stepReward = 0;
        stepDone = false;
        levelComplete = false;
        deathCause = null;
        endCause = null;

        // BasicAbstractGame::game_step
        stepRandInt = rng.randint(0, 1000000);
        int moveAction = action % 9;
        if (action >= 9) {
            moveAction = 4;
        }
        actionVx = 0;
        actionVy = 0;
        setActionXy(moveAction);
        updateAgentVelocity();

        for (int i = entities.size - 1; i >= 0; i--) {
            Entity e = entities.items[i];
            if (e.smartStep) {
                basicStepObject(e);
            }
            e.step();
        }
        for (int i = trails.size - 1; i >= 0; i--) {
            trails.items[i].step();
        }

        for (int i = entities.size - 1; i >= 0; i--) {
            Entity e = entities.items[i];
            if (e.type != PLAYER && hasCollision(e, agent, 0)) {
                handleAgentCollision(e);
            }
            if (e.smartStep) {
                checkGridCollisions(e);
            }
        }
        eraseIfNeeded(entities);
        eraseIfNeeded(trails);
        boolean outOfWorld = isOutOfBounds(agent);
        stepDone = stepDone || outOfWorld;

        // CoinRun::game_step
        if (actionVx > 0) {
            agent.isReflected = false;
        }
        if (actionVx < 0) {
            agent.isReflected = true;
        }
        for (int i = entities.size - 1; i >= 0; i--) {
            Entity e = entities.items[i];
            if (e.type == ENEMY) {
                Entity trail = trails.add().init(e.x, (float) (e.y - e.ry * .5), 0, 0.01f, 0.3f, 0.2f, TRAIL);
                trail.expireTime = 8;
                trail.alpha = .5f;
                e.isReflected = e.vx > 0;
            }
        }
        lastAgentY = agent.y;

        // Game::step
        boolean timedOut = curTime >= TIMEOUT;
        stepDone = stepDone || timedOut;
        if (stepDone) {
            if (levelComplete) {
                endCause = EndCause.COIN;
            } else if (deathCause != null) {
                endCause = deathCause;
            } else if (outOfWorld) {
                endCause = EndCause.OUT_OF_WORLD;
            } else {
                endCause = EndCause.TIMEOUT;
            }
        }
    }

    private void setActionXy(int moveAction) {
        actionVx = moveAction / 3 - 1;
        actionVy = moveAction % 3 - 1;
        if (actionVx > 0) {
            facingRight = true;
        }
        if (actionVx < 0) {
            facingRight = false;
        }
        float belowY = (float) ((double) agent.y - ((double) agent.ry + .01));
        int below1 = objFromFloats((float) ((double) agent.x - ((double) agent.rx - .01)), belowY);
        int below2 = objFromFloats((float) ((double) agent.x + ((double) agent.rx - .01)), belowY);
        hasSupport = (isOnCrate || canSupport(below1) || canSupport(below2)) && agent.vy == 0;
        isOnCrate = false;
        if (actionVy == 1 && !hasSupport) {
            actionVy = 0;
        }
    }

    private void updateAgentVelocity() {
        float mixrateX = hasSupport ? MIXRATE : (MIXRATE * AIR_CONTROL);
        agent.vx = (1 - mixrateX) * agent.vx + mixrateX * MAX_SPEED * actionVx;
        if (Math.abs(agent.vx) < mixrateX * MAX_SPEED) {
            agent.vx = 0;
        }
        if (actionVy > 0) {
            agent.vy = MAX_JUMP;
        } else if (hasSupport) {
            agent.vy = (float) (agent.vy + .2 * actionVy);
        }
        if (!(hasSupport && actionVy > 0)) {
            agent.vy -= GRAVITY;
            agent.vy = clipAbs(agent.vy, MAX_JUMP);
        }
    }

    private static float clipAbs(float x, float y) {
        if (x > y) {
            return y;
        }
        if (x < -y) {
            return -y;
        }
        return x;
    }

    private static boolean canSupport(int obj) {
        return isWall(obj) || obj == WALL_MID;
    }

    private void basicStepObject(Entity obj) {
        if (obj.willErase) {
            return;
        }
        int numSubSteps = (int) (4 * (float) Math.sqrt(obj.vx * obj.vx + obj.vy * obj.vy));
        if (numSubSteps < 4) {
            numSubSteps = 4;
        }
        float pct = (float) (1.0 / numSubSteps);
        float cmp = Math.abs(obj.vx) - Math.abs(obj.vy);
        boolean stepXFirst = cmp == 0 ? stepRandInt % 2 == 0 : cmp > 0;
        if (obj.type == PLAYER) {
            if (actionVx != 0) {
                stepXFirst = true;
            }
            if (actionVy != 0) {
                stepXFirst = false;
            }
        }
        float vxPct = 0;
        float vyPct = 0;
        for (int s = 0; s < numSubSteps; s++) {
            boolean blockX;
            boolean blockY;
            if (stepXFirst) {
                blockX = subStep(obj, obj.vx * pct, 0, 0);
                blockY = subStep(obj, 0, obj.vy * pct, 0);
            } else {
                blockY = subStep(obj, 0, obj.vy * pct, 0);
                blockX = subStep(obj, obj.vx * pct, 0, 0);
            }
            if (!blockX) {
                vxPct += 1;
            }
            if (!blockY) {
                vyPct += 1;
            }
            if (blockX && blockY) {
                break;
            }
        }
        vxPct = vxPct / numSubSteps;
        vyPct = vyPct / numSubSteps;
        obj.vx *= vxPct;
        obj.vy *= vyPct;
    }

    private boolean subStep(Entity obj, float dx, float dy, int depth) {
        if (obj.willErase) {
            return false;
        }
        float ny = obj.y + dy;
        float nx = obj.x + dx;
        final float margin = 0.98f;
        boolean isHorizontal = dx != 0;
        boolean block = false;
        boolean reflect = false;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                int type2 = objFromFloats(nx + obj.rx * margin * (2 * i - 1), ny + obj.ry * margin * (2 * j - 1));
                block = block || isBlocked(obj, type2);
                reflect = reflect || willReflect(obj.type, type2);
            }
        }
        if (reflect) {
            if (isHorizontal) {
                float delta;
                if (dx < 0) {
                    delta = (float) Math.ceil(nx - obj.rx) - (nx - obj.rx);
                } else {
                    delta = (float) Math.floor(nx + obj.rx) - (nx + obj.rx);
                }
                obj.vx = -1 * obj.vx;
                nx = nx + 2 * delta;
            } else {
                float delta;
                if (dy < 0) {
                    delta = (float) Math.ceil(ny - obj.ry) - (ny - obj.ry);
                } else {
                    delta = (float) Math.floor(ny + obj.ry) - (ny + obj.ry);
                }
                obj.vy = -1 * obj.vy;
                ny = ny + 2 * delta;
            }
        } else if (block) {
            if (isHorizontal) {
                nx = dx > 0 ? ((float) Math.floor(nx + obj.rx) - obj.rx) : ((float) Math.ceil(nx - obj.rx) + obj.rx);
            } else {
                ny = dy > 0 ? ((float) Math.floor(ny + obj.ry) - obj.ry) : ((float) Math.ceil(ny - obj.ry) + obj.ry);
            }
        }
        obj.x = nx;
        obj.y = ny;

        boolean block2 = false;
        for (int i = entities.size - 1; i >= 0; i--) {
            Entity m = entities.items[i];
            if (m == obj || m.willErase) {
                continue;
            }
            boolean currBlock = false;
            if (hasCollision(obj, m, POS_EPS)) {
                if (isBlockedEnts(m, isHorizontal)) {
                    currBlock = true;
                } else if (willReflect(obj.type, m.type)) {
                    if (isHorizontal) {
                        float delx = m.x - obj.x;
                        float rsum = m.rx + obj.rx;
                        obj.x += dx > 0 ? -2 * (rsum - delx) : 2 * (rsum + delx);
                        obj.vx = -1 * obj.vx;
                    } else {
                        float dely = m.y - obj.y;
                        float rsum = m.ry + obj.ry;
                        obj.y += dy > 0 ? -2 * (rsum - dely) : 2 * (rsum + dely);
                        obj.vy = -1 * obj.vy;
                    }
                }
                if (currBlock) {
                    pushObj(m, obj, isHorizontal, depth);
                }
            }
            block2 = block2 || currBlock;
        }
        return block || block2;
    }

    private boolean pushObj(Entity src, Entity target, boolean isHorizontal, int depth) {
        float rsum = isHorizontal ? (src.rx + target.rx) : (src.ry + target.ry);
        float delx = target.x - src.x;
        float dely = target.y - src.y;
        float tvx = 0;
        float tvy = 0;
        if (isHorizontal) {
            tvx = (float) ((double) src.x + Math.signum((double) delx) * rsum - target.x);
        } else {
            tvy = (float) ((double) src.y + Math.signum((double) dely) * rsum - target.y);
        }
        boolean block = false;
        if (depth < 5) {
            block = subStep(target, tvx, tvy, depth + 1);
        }
        if (isHorizontal) {
            target.vx = 0;
        } else {
            target.vy = 0;
        }
        return block;
    }

    /** Procgen's {@code is_blocked} for CoinRun; the source's type never matters except for the agent and walls. */
    private boolean isBlocked(Entity src, int target) {
        if (target == WALL_OBJ || target == WALL_MID) {
            return true; // WALL_MID is also CoinRun's out-of-bounds object
        }
        return src.type == PLAYER && isWall(target);
    }

    /** CoinRun's {@code is_blocked_ents}: crates hold up a falling agent that does not press DOWN. */
    private boolean isBlockedEnts(Entity target, boolean isHorizontal) {
        if (target.type == CRATE && !isHorizontal) {
            if (agent.vy >= 0) {
                return false;
            }
            if (actionVy < 0) {
                return false;
            }
            if (lastAgentY < (target.y + target.ry + agent.ry)) {
                return false;
            }
            isOnCrate = true;
            return true;
        }
        return target.type == WALL_OBJ || target.type == WALL_MID;
    }

    private static boolean willReflect(int src, int target) {
        return src == ENEMY && (isWall(target) || target == ENEMY_BARRIER);
    }

    private static boolean hasCollision(Entity e1, Entity e2, float margin) {
        float thresholdX = (e1.rx + e2.rx) + margin;
        float thresholdY = (e1.ry + e2.ry) + margin;
        return Math.abs(e1.x - e2.x) < thresholdX && Math.abs(e1.y - e2.y) < thresholdY;
    }

    private void checkGridCollisions(Entity e) {
        int minX = (int) (e.x - (e.rx + POS_EPS));
        int maxX = (int) (e.x + (e.rx + POS_EPS));
        int minY = (int) (e.y - (e.ry + POS_EPS));
        int maxY = (int) (e.y + (e.ry + POS_EPS));
        for (int x = minX; x <= maxX; x++) {
            for (int y = minY; y <= maxY; y++) {
                int type = objFromFloats(x, y);
                if (type != SPACE) {
                    handleGridCollision(e, type);
                }
            }
        }
    }

    private void handleAgentCollision(Entity obj) {
        if (obj.type == ENEMY) {
            stepDone = true;
            if (deathCause == null) {
                boolean left = obj.vx < 0 || (obj.vx == 0 && !obj.isReflected);
                deathCause = left ? EndCause.ENEMY_MOVING_LEFT : EndCause.ENEMY_MOVING_RIGHT;
            }
        } else if (obj.type == SAW) {
            stepDone = true;
            if (deathCause == null) {
                deathCause = EndCause.SAW;
            }
        }
    }

    private void handleGridCollision(Entity obj, int type) {
        if (obj.type != PLAYER) {
            return;
        }
        if (type == GOAL) {
            stepReward += GOAL_REWARD;
            stepDone = true;
            levelComplete = true;
        } else if (isLava(type)) {
            stepDone = true;
            if (deathCause == null) {
                deathCause = EndCause.LAVA;
            }
        }
    }

    private static boolean isOutOfBounds(Entity e) {
        return e.x + e.rx < 0 || e.y + e.ry < 0 || e.x - e.rx > WIDTH || e.y - e.ry > HEIGHT;
    }

    private void eraseIfNeeded(EntityList list) {
        for (int i = list.size - 1; i >= 0; i--) {
            Entity e = list.items[i];
            if (e != agent && (e.willErase || isOutOfBounds(e))) {
                list.removeAt(i);
            }
        }
    }

    /** Procgen's {@code get_obj_from_floats}: the cell containing a world point; outside is wall. */
    int objFromFloats(float i, float j) {
        if (i < 0 || j < 0) {
            return WALL_MID;
        }
        return cell((int) Math.floor(i), (int) Math.floor(j));
    }

    /**
     * The {@link ObjectType} of cell {@code (x, y)}; cells outside the world are {@code WALL_MID}.
     *
     * @param x column, 0 at the left
     * @param y row, 0 at the bottom
     */
    public int cell(int x, int y) {
        if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) {
            return WALL_MID;
        }
        return grid[y * WIDTH + x];
    }

    void setCell(int x, int y, int type) {
        if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) {
            throw new IllegalStateException("level generator wrote outside the world at (" + x + ", " + y + ")");
        }
        grid[y * WIDTH + x] = type;
    }

    /** Makes this game an exact copy of {@code other} (same mode required), e.g. to simulate ahead. */
    public void copyFrom(CoinRunGame other) {
        copyFrom(other, true);
    }

    /** A new, independent copy of this game's whole state (a snapshot to restore with {@link #copyFrom}). */
    public CoinRunGame snapshot() {
        CoinRunGame copy = new CoinRunGame(mode);
        copy.copyFrom(this);
        return copy;
    }

    /**
     * Copies {@code other}'s state; with {@code includeGrid=false} the cells are left as they are,
     * which is exact when both games play the same level (CoinRun never changes its grid after
     * generation) and saves the 16 KB copy in search loops.
     */
    void copyFrom(CoinRunGame other, boolean includeGrid) {
        if (other.mode != mode) {
            throw new IllegalArgumentException("cannot copy a " + other.mode + " game into a " + mode + " game");
        }
        if (includeGrid) {
            System.arraycopy(other.grid, 0, grid, 0, grid.length);
        }
        entities.copyFrom(other.entities);
        trails.copyFrom(other.trails);
        int agentIndex = other.entities.indexOf(other.agent);
        agent = entities.items[agentIndex];
        rng.copyFrom(other.rng);
        levelSeed = other.levelSeed;
        curTime = other.curTime;
        bgPctX = other.bgPctX;
        backgroundIndex = other.backgroundIndex;
        wallTheme = other.wallTheme;
        hasSupport = other.hasSupport;
        facingRight = other.facingRight;
        isOnCrate = other.isOnCrate;
        lastAgentY = other.lastAgentY;
        actionVx = other.actionVx;
        actionVy = other.actionVy;
        stepRandInt = other.stepRandInt;
        stepReward = other.stepReward;
        stepDone = other.stepDone;
        levelComplete = other.levelComplete;
        deathCause = other.deathCause;
        endCause = other.endCause;
    }

    // ---- read-only view -------------------------------------------------------------------

    /** Seed of the level being played. */
    public int levelSeed() {
        return levelSeed;
    }

    /** Steps taken in this level. */
    public int curTime() {
        return curTime;
    }

    /** The agent. */
    public Entity agent() {
        return agent;
    }

    /** Number of physical entities (agent, saws, enemies, crates), in Procgen's order. */
    public int entityCount() {
        return entities.size;
    }

    /** Physical entity {@code i} (0 is the agent), in Procgen's order. */
    public Entity entity(int i) {
        return entities.get(i);
    }

    /** Number of live enemy trails (cosmetic). */
    public int trailCount() {
        return trails.size;
    }

    /** Trail {@code i}. */
    public Entity trail(int i) {
        return trails.get(i);
    }

    /** Horizontal offset of the background image, Procgen's {@code bg_pct_x} in [0, 1]. */
    public float backgroundOffset() {
        return bgPctX;
    }

    /** Background index in [0, 62) (0 in easy mode). */
    public int backgroundIndex() {
        return backgroundIndex;
    }

    /** Ground theme in [0, 6) (0 in easy mode). */
    public int wallTheme() {
        return wallTheme;
    }

    /** True if the agent stood on something at the start of the last step. */
    public boolean hasSupport() {
        return hasSupport;
    }

    /** Horizontal direction of the last action, −1, 0 or +1. */
    public int lastActionDx() {
        return (int) actionVx;
    }

    /** Reward of the last step. */
    public float stepReward() {
        return stepReward;
    }

    /** True if the last step ended the episode. */
    public boolean done() {
        return stepDone;
    }

    /** True if the last step reached the coin. */
    public boolean levelComplete() {
        return levelComplete;
    }

    /** Why the last step ended the episode, or null if it did not. */
    public EndCause endCause() {
        return endCause;
    }

    /** Velocity scale of the agent used by {@code paint_vel_info}: max horizontal speed. */
    public static float maxSpeed() {
        return MAX_SPEED;
    }

    /** Velocity scale of the agent used by {@code paint_vel_info}: jump speed. */
    public static float maxJump() {
        return MAX_JUMP;
    }

    // ---- construction helpers used by the generator and by tests ---------------------------

    Entity addEntity(float x, float y, float vx, float vy, float r, int type) {
        return entities.add().init(x, y, vx, vy, r, r, type);
    }

    void fillElem(int x, int y, int dx, int dy, int type) {
        for (int j = 0; j < dx; j++) {
            for (int k = 0; k < dy; k++) {
                setCell(x + j, y + k, type);
            }
        }
    }
}
