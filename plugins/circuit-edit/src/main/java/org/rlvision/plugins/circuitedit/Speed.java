package org.rlvision.plugins.circuitedit;

import java.util.List;

/**
 * How fast the experiment loop ran, against the agent's forward pass alone at the same batch size,
 * and how much memory the process held while it ran.
 *
 * @param levelsPlayed     (arm, level) outcomes produced by this process
 * @param frames           agent steps taken
 * @param wallSeconds      time of the experiment loop
 * @param loopFps          {@code frames / wallSeconds}
 * @param forwardShare     fraction of the loop's time spent inside forward passes
 * @param slotUse          fraction of evaluated rows that were real frames (the rest pads the last batches)
 * @param forwardMillis    mean time of one forward pass in the loop, in milliseconds
 * @param before           the forward pass alone at this batch, timed right before the loop ({@link ForwardReference#NONE} if not measured)
 * @param after            the same, timed right after the loop
 * @param layout           how the loop ran, e.g. {@code 2 workers × 1 thread}
 * @param rssMiB           resident memory samples over the run (MiB), about 20, first to last
 */
public record Speed(long levelsPlayed, long frames, double wallSeconds, double loopFps, double forwardShare, double slotUse,
                    double forwardMillis, ForwardReference before, ForwardReference after, String layout, List<Double> rssMiB) {
    /** Copies the samples. */
    public Speed {
        rssMiB = List.copyOf(rssMiB);
    }

    /**
     * The forward pass alone: the faster layout's frames per second, averaged over the timings before
     * and after the loop (other load on a shared machine drifts during a long run); 0 if not measured.
     */
    public double referenceFps() {
        return after.best() > 0 ? (before.best() + after.best()) / 2 : before.best();
    }

    /**
     * The share of the loop's time its workers spent on real frames in forward passes: the time in
     * forward passes times the share of evaluated rows that were real. What the loop loses to
     * stepping the games, sampling, writing the journal and padding the last batches.
     */
    public double busy() {
        return forwardShare * slotUse;
    }

    /** {@code loopFps / referenceFps}, or NaN if no reference was measured. */
    public double ratio() {
        return referenceFps() > 0 ? loopFps / referenceFps() : Double.NaN;
    }

    /** From a rollout's measurement. */
    public static Speed of(Rollout.Stats s, ForwardReference before, ForwardReference after, String layout, List<Double> rssMiB) {
        double wall = s.wallNanos() / 1e9;
        return new Speed(s.levels(), s.frames(), wall, s.framesPerSecond(), s.forwardShare(), s.slotUse(), s.nanosPerForward() / 1e6,
                before, after, layout, rssMiB);
    }
}
