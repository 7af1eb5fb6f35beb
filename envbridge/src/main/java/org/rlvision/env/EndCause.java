package org.rlvision.env;

/**
 * Why an episode ended. The Java engine knows the exact cause; Procgen only knows whether the
 * level was completed, so the bridge reports {@link #COMPLETE} / {@link #NOT_COMPLETE} (and
 * {@link #TIMEOUT} for a full-length episode).
 */
public enum EndCause {
    /** The agent reached the coin (+10). */
    COIN,
    /** The agent touched a saw. */
    SAW,
    /** The agent touched an enemy that was walking left. */
    ENEMY_MOVING_LEFT,
    /** The agent touched an enemy that was walking right. */
    ENEMY_MOVING_RIGHT,
    /** The agent touched lava. */
    LAVA,
    /** The agent left the world's bounds. */
    OUT_OF_WORLD,
    /** The episode reached the step limit (1000 steps). */
    TIMEOUT,
    /** Procgen bridge only: the level was completed. */
    COMPLETE,
    /** Procgen bridge only: the episode ended without completing the level (death or unknown). */
    NOT_COMPLETE;

    /** True for the causes that mean the level was solved. */
    public boolean isSuccess() {
        return this == COIN || this == COMPLETE;
    }

    /** True for the deaths a collision causes (saw, either enemy, lava, leaving the world). */
    public boolean isDeath() {
        return this == SAW || this == ENEMY_MOVING_LEFT || this == ENEMY_MOVING_RIGHT || this == LAVA || this == OUT_OF_WORLD;
    }
}
