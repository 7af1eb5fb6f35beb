package org.rlvision.env;

import java.util.Objects;

/**
 * One finished episode: which level, how many steps, what it returned and why it ended.
 *
 * @param levelSeed the Procgen level seed of the episode
 * @param length    number of steps taken in the episode (1..1000)
 * @param episodeReturn undiscounted sum of rewards
 * @param cause     why the episode ended
 */
public record EpisodeEnd(int levelSeed, int length, float episodeReturn, EndCause cause) {
    /** Validates the record. */
    public EpisodeEnd {
        Objects.requireNonNull(cause, "cause");
        if (length < 1) {
            throw new IllegalArgumentException("episode length must be at least 1, got " + length);
        }
    }

    /** True when the level was solved. */
    public boolean success() {
        return cause.isSuccess();
    }
}
