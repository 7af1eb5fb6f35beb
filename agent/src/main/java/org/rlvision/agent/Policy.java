package org.rlvision.agent;

import java.util.SplittableRandom;
import org.rlvision.env.StepBatch;

/**
 * Chooses actions for batches of observations: greedy (argmax) or sampled from softmax(logits)
 * with its own seeded generator, so a seed and a sequence of batches give the same actions.
 * Each call runs in its own NDManager scope, so memory stays flat over millions of steps.
 */
public final class Policy {
    private final Agent agent;
    private final ActionSelection selection;
    private final SplittableRandom rng;
    private final Hooks hooks;

    Policy(Agent agent, ActionSelection selection, long seed, Hooks hooks) {
        this.agent = agent;
        this.selection = selection;
        this.rng = new SplittableRandom(seed);
        this.hooks = hooks;
    }

    /** How this policy picks actions. */
    public ActionSelection selection() {
        return selection;
    }

    /**
     * Picks one action per observation.
     *
     * @param obs a batch of B observations
     * @return B actions with the logits {@code [B,A]} and values {@code [B]}
     */
    public ActResult act(Observations obs) {
        PolicyOutput out = agent.evaluate(obs, hooks);
        int[] actions = new int[out.count()];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = selection == ActionSelection.GREEDY ? out.greedyAction(i) : sample(out, i);
        }
        return new ActResult(actions, out);
    }

    /**
     * Picks one action per environment of a step, reading the step's uint8 NHWC observations.
     *
     * @param step the batch from {@code VecEnv.observe()}
     * @return one action per environment
     */
    public ActResult act(StepBatch step) {
        var c = agent.config();
        return act(new Observations.Frames(step.numEnvs(), c.height(), c.width(), c.channels(), step.observations()));
    }

    /** Inverse-CDF sample from softmax of example {@code i}'s logits, in double precision. */
    private int sample(PolicyOutput out, int i) {
        return Softmax.sample(out.logits().data(), i * out.numActions(), out.numActions(), rng.nextDouble());
    }
}
