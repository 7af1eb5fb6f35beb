package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * PPO's objective as baselines' ppo2 computes it: the clipped surrogate
 * {@code −mean(min(r·A, clip(r, 1−ε, 1+ε)·A))} with {@code r = exp(logπ(a) − logπ_old(a))}, the
 * clipped value loss {@code ½·mean(max((v−R)², (v_old + clip(v−v_old, ±ε) − R)²))}, and an
 * entropy bonus.
 *
 * @param clip      ε
 * @param valueCoef weight of the value loss
 * @param entropyCoef weight of the entropy bonus
 */
public record PpoLoss(float clip, float valueCoef, float entropyCoef) {
    /** The parts of one evaluation, for logging. */
    public record Parts(float policy, float value, float entropy, float clipFraction, float approxKl) {
    }

    /**
     * Builds the loss of a minibatch.
     *
     * @param logits     {@code [B,A]} current logits
     * @param values     {@code [B]} current values
     * @param actions    taken actions
     * @param oldLogp    log-probabilities of those actions under the rollout policy
     * @param oldValues  values under the rollout policy
     * @param advantages advantages (already normalised)
     * @param returns    value targets
     * @param parts      receives the parts (may be null)
     */
    public NDArray of(NDArray logits, NDArray values, int[] actions, float[] oldLogp, float[] oldValues,
                      float[] advantages, float[] returns, NDManager scope, Parts[] parts) {
        return of(logits, values, actions, oldLogp, oldValues, advantages, returns, 0, actions.length, scope, parts);
    }

    /**
     * Builds the loss of rows {@code offset..offset+count-1} of a minibatch (the means are over
     * those rows), for a minibatch trained in several passes.
     *
     * @param logits {@code [count,A]} current logits of those rows
     * @param values {@code [count]} current values of those rows
     * @param offset the rows' first index in the minibatch arrays
     * @param count  rows
     */
    public NDArray of(NDArray logits, NDArray values, int[] actions, float[] oldLogp, float[] oldValues,
                      float[] advantages, float[] returns, int offset, int count, NDManager scope, Parts[] parts) {
        int b = count;
        actions = java.util.Arrays.copyOfRange(actions, offset, offset + count);
        oldLogp = java.util.Arrays.copyOfRange(oldLogp, offset, offset + count);
        oldValues = java.util.Arrays.copyOfRange(oldValues, offset, offset + count);
        advantages = java.util.Arrays.copyOfRange(advantages, offset, offset + count);
        returns = java.util.Arrays.copyOfRange(returns, offset, offset + count);
        NDArray logp = logits.logSoftmax(1);
        NDArray onehot = scope.create(actions).toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1))
                .toType(logits.getDataType(), false);
        NDArray newLogp = logp.mul(onehot).sum(new int[] {1});
        NDArray adv = scope.create(advantages, new Shape(b)).toType(logits.getDataType(), false);
        NDArray ratio = newLogp.sub(scope.create(oldLogp, new Shape(b)).toType(logits.getDataType(), false)).exp();
        NDArray pg = ratio.mul(adv).minimum(ratio.clip(1 - clip, 1 + clip).mul(adv)).mean().neg();
        NDArray ret = scope.create(returns, new Shape(b)).toType(logits.getDataType(), false);
        NDArray oldV = scope.create(oldValues, new Shape(b)).toType(logits.getDataType(), false);
        NDArray vClipped = oldV.add(values.sub(oldV).clip(-clip, clip));
        NDArray vf = values.sub(ret).square().maximum(vClipped.sub(ret).square()).mean().mul(0.5f);
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {1}).neg().mean();
        if (parts != null) {
            float clipFrac = ratio.sub(1).abs().gt(clip).toType(DataType.FLOAT32, false).mean().getFloat();
            float kl = newLogp.sub(scope.create(oldLogp, new Shape(b)).toType(logits.getDataType(), false)).neg().mean().getFloat();
            parts[0] = new Parts(pg.getFloat(), vf.getFloat(), entropy.getFloat(), clipFrac, kl);
        }
        return pg.add(vf.mul(valueCoef)).sub(entropy.mul(entropyCoef));
    }
}
