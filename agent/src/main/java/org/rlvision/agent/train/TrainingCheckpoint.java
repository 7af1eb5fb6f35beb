package org.rlvision.agent.train;

import org.rlvision.agent.StateDict;

/**
 * What a trainer hands out after every finished epoch (cloning) or update (PPO), and takes back
 * to resume: where it stands, the weights and Adam's state. Together with the run's journal
 * ({@link SampleJournal} or {@link ActionLog}) this is enough to continue bit-identically.
 *
 * @param position  the last finished step of the run
 * @param weights   the network's weights after it
 * @param optimizer Adam's state after it
 */
public record TrainingCheckpoint(Position position, StateDict weights, OptimizerState optimizer) {
    /**
     * The last finished step of a run.
     *
     * @param stage          {@code bc}, {@code dagger} or {@code ppo}
     * @param round          cloning: 0 for the expert demonstrations, r ≥ 1 for DAgger round r; PPO: the update (1-based)
     * @param epoch          epoch within the round (PPO: 0)
     * @param samplesSeen    minibatch samples trained on so far
     * @param journalRecords records of the run's journal that belong to the run up to here (cloning:
     *                       samples in the buffer; PPO: environment steps logged)
     */
    public record Position(String stage, int round, int epoch, long samplesSeen, long journalRecords) {
    }
}
