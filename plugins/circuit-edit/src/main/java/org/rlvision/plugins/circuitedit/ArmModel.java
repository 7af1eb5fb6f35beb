package org.rlvision.plugins.circuitedit;

import org.rlvision.agent.Agent;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.WeightEdit;

/**
 * The network an arm plays with: the base agent, or a copy with the arm's weight edits, plus the
 * arm's activation hooks. Closing it frees an edited copy, never the base agent.
 */
public final class ArmModel implements AutoCloseable {
    private final Agent agent;
    private final boolean owned;
    private final Hooks hooks;

    private ArmModel(Agent agent, boolean owned, Hooks hooks) {
        this.agent = agent;
        this.owned = owned;
        this.hooks = hooks;
    }

    /**
     * Applies an arm's edits to {@code base}: weight edits in order on one copy, hooks chained per
     * layer. An arm whose edits change nothing (e.g. a zero direction) plays the base agent itself.
     */
    public static ArmModel of(Agent base, Arm arm) {
        WeightEdit weights = null;
        Hooks hooks = Hooks.none();
        for (Edit e : arm.edits()) {
            WeightEdit w = e.weightEdit(base.layout());
            if (w != null) {
                weights = weights == null ? w : weights.andThen(w);
            }
            hooks = e.addHooks(hooks);
        }
        return weights == null ? new ArmModel(base, false, hooks) : new ArmModel(base.withWeightEdit(weights), true, hooks);
    }

    /** The agent to evaluate. */
    public Agent agent() {
        return agent;
    }

    /** The hooks to evaluate it with. */
    public Hooks hooks() {
        return hooks;
    }

    /** True if the weights differ from the base agent's. */
    public boolean editsWeights() {
        return owned;
    }

    /** Frees an edited copy. */
    @Override
    public void close() {
        if (owned) {
            agent.close();
        }
    }
}
