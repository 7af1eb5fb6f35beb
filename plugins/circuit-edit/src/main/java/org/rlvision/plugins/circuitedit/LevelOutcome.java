package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.rlvision.env.EndCause;

/**
 * How one arm did on one level: one line of the journal.
 *
 * @param arm           the arm's name
 * @param level         the level seed
 * @param cause         why the episode ended ({@code COIN} = solved)
 * @param length        steps played, 1..1000
 * @param episodeReturn the undiscounted return (10 for the coin, else 0); {@code "return"} in JSON
 */
@JsonPropertyOrder({"arm", "level", "cause", "length", "return"})
public record LevelOutcome(String arm, int level, EndCause cause, int length, @JsonProperty("return") float episodeReturn) {
    /** Checks the fields. */
    public LevelOutcome {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(cause, "cause");
        if (length < 1) {
            throw new IllegalArgumentException("an episode has at least one step, got length " + length);
        }
    }
}
