/**
 * Recorded trajectories: {@link org.rlvision.trajectories.Recorder} rolls an agent out in a
 * {@code VecEnv}; a run folder holds {@code run.json} ({@link org.rlvision.trajectories.RunInfo})
 * and one numpy {@code .npz} per episode ({@link org.rlvision.trajectories.EpisodeFile}), all
 * written atomically; {@link org.rlvision.trajectories.Run} reads it back,
 * {@link org.rlvision.trajectories.Replay} re-simulates and re-evaluates episodes, and
 * {@link org.rlvision.trajectories.Sampling} and {@link org.rlvision.trajectories.Advantages}
 * serve analyses and plugins.
 */
package org.rlvision.trajectories;
