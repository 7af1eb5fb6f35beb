package org.rlvision.trajectories;

import org.rlvision.agent.Observations;

/**
 * Observations drawn from a run, with where each came from.
 *
 * @param height   H
 * @param width    W
 * @param frames   {@code [N,H,W,3]} uint8
 * @param episodes {@code [N]} episode file position (as in {@link Run#episode(int)}) of each observation
 * @param steps    {@code [N]} step within its episode
 */
public record ObservationSample(int height, int width, byte[] frames, int[] episodes, int[] steps) {
    /** Checks the lengths agree. */
    public ObservationSample {
        if (episodes.length != steps.length || frames.length != (long) steps.length * height * width * 3) {
            throw new IllegalArgumentException("a sample of " + steps.length + " observations needs "
                    + ((long) steps.length * height * width * 3) + " bytes and as many episode and step indices");
        }
    }

    /** Number of observations N. */
    public int count() {
        return steps.length;
    }

    /** The frames as a batch for {@code Agent.evaluate} and friends. */
    public Observations.Frames observations() {
        return new Observations.Frames(count(), height, width, 3, frames);
    }
}
