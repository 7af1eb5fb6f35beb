package org.rlvision.env.coinrun;

/**
 * A moving or static object of the game (agent, saw, enemy, crate, trail): an axis-aligned box
 * centred at {@code (x, y)} with half-extents {@code (rx, ry)} in world cells, y up.
 *
 * <p>Mutable and pooled: the engine reuses instances so a step allocates nothing. Fields use
 * {@code float} exactly where Procgen does, so arithmetic rounds the same way.
 */
public final class Entity {
    float x;
    float y;
    float vx;
    float vy;
    float rx;
    float ry;
    int type;
    int imageTheme;
    boolean willErase;
    boolean smartStep;
    boolean isReflected;
    int renderZ;
    int expireTime;
    int lifeTime;
    float growRate;
    float alphaDecay;
    float alpha;

    Entity() {
    }

    /** Re-initialises this instance as Procgen's {@code Entity(x, y, vx, vy, rx, ry, type)}. */
    Entity init(float x, float y, float vx, float vy, float rx, float ry, int type) {
        this.x = x;
        this.y = y;
        this.vx = vx;
        this.vy = vy;
        this.rx = rx;
        this.ry = ry;
        this.type = type;
        this.imageTheme = 0;
        this.willErase = false;
        this.smartStep = false;
        this.isReflected = false;
        this.renderZ = 0;
        this.expireTime = -1;
        this.lifeTime = 0;
        this.growRate = 1.0f;
        this.alphaDecay = 1.0f;
        this.alpha = 1.0f;
        if (type == ObjectType.TRAIL) {
            this.growRate = 1.05f;
            this.alphaDecay = 0.8f;
        }
        return this;
    }

    /** Copies every field of {@code o}. */
    void copyFrom(Entity o) {
        x = o.x;
        y = o.y;
        vx = o.vx;
        vy = o.vy;
        rx = o.rx;
        ry = o.ry;
        type = o.type;
        imageTheme = o.imageTheme;
        willErase = o.willErase;
        smartStep = o.smartStep;
        isReflected = o.isReflected;
        renderZ = o.renderZ;
        expireTime = o.expireTime;
        lifeTime = o.lifeTime;
        growRate = o.growRate;
        alphaDecay = o.alphaDecay;
        alpha = o.alpha;
    }

    /** Procgen's {@code Entity::step}: move if not physics-driven, age, grow, fade. */
    void step() {
        if (!smartStep) {
            x += vx;
            y += vy;
        }
        lifeTime += 1;
        if (expireTime > 0 && lifeTime > expireTime) {
            willErase = true;
        }
        rx *= growRate;
        ry *= growRate;
        alpha = alphaDecay * alpha;
    }

    /** Centre x in world cells. */
    public float x() {
        return x;
    }

    /** Centre y in world cells (up positive). */
    public float y() {
        return y;
    }

    /** Horizontal velocity in cells per step. */
    public float vx() {
        return vx;
    }

    /** Vertical velocity in cells per step. */
    public float vy() {
        return vy;
    }

    /** Half width in cells. */
    public float rx() {
        return rx;
    }

    /** Half height in cells. */
    public float ry() {
        return ry;
    }

    /** The {@link ObjectType} id. */
    public int type() {
        return type;
    }

    /** Sprite variant chosen at generation (enemy kind, crate kind, agent colour). */
    public int imageTheme() {
        return imageTheme;
    }

    /** Opacity in [0, 1] (trails fade). */
    public float alpha() {
        return alpha;
    }

    /** True when drawn mirrored (facing left for the agent, moving right for enemies). */
    public boolean isReflected() {
        return isReflected;
    }
}
