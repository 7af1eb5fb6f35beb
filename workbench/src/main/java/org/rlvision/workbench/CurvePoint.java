package org.rlvision.workbench;

import org.rlvision.agent.train.CloningTrainer;
import org.rlvision.agent.train.PpoTrainer;

/**
 * One point of a training run's learning curve: a cloning epoch or a PPO update, with what it
 * measured (NaN where the stage does not measure it, e.g. agreement with the expert in PPO without the expert term).
 *
 * @param stage        {@code bc}, {@code dagger} or {@code ppo}
 * @param samples      training samples seen by the end of it, counted from the run's start
 * @param policyLoss   cloning: cross-entropy to the expert; PPO: the clipped surrogate
 * @param valueLoss    mean squared error to the return
 * @param agreement    cloning: fraction of the expert's labels the policy's most likely action matches; PPO with
 *                     the expert term: the rollout policy's probability on the alive moves where a move is fatal
 * @param success      success of the learner's own rollouts on training levels (DAgger rounds, PPO updates)
 * @param entropy      mean entropy of the policy in its rollouts (PPO)
 * @param clipFraction fraction of samples whose probability ratio was clipped (PPO)
 * @param learningRate Adam's learning rate in the update (PPO; NaN in metrics written before it was recorded)
 * @param stepsPerEpisode the rollout's steps per episode that ended in it (PPO): about the mean episode length
 */
record CurvePoint(String stage, long samples, double policyLoss, double valueLoss, double agreement, double success,
                  double entropy, double clipFraction, double learningRate, double stepsPerEpisode) {
    /** A point without PPO's learning rate and episode figures. */
    CurvePoint(String stage, long samples, double policyLoss, double valueLoss, double agreement, double success,
               double entropy, double clipFraction) {
        this(stage, samples, policyLoss, valueLoss, agreement, success, entropy, clipFraction, Double.NaN, Double.NaN);
    }

    /** A cloning epoch. */
    static CurvePoint of(CloningTrainer.Metric m) {
        return new CurvePoint(m.stage(), m.samplesSeen(), m.policyLoss(), m.valueLoss(), m.accuracy(),
                m.learnerSuccess() == null ? Double.NaN : m.learnerSuccess(), Double.NaN, Double.NaN);
    }

    /** A PPO update, its samples counted after {@code base} samples of cloning before it. */
    static CurvePoint of(PpoTrainer.Metric m, long base) {
        double agreement = m.expert() == null ? Double.NaN : m.expert().aliveProbability();
        double perUpdate = m.update() == 0 ? Double.NaN : (double) m.samples() / m.update();
        return new CurvePoint("ppo", base + m.samples(), m.policyLoss(), m.valueLoss(), agreement, m.successRate(), m.entropy(),
                m.clipFraction(), m.learningRate() > 0 ? m.learningRate() : Double.NaN,
                m.episodes() == 0 ? Double.NaN : perUpdate / m.episodes());
    }
}
