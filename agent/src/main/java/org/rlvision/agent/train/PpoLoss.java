package org.rlvision.agent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

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
        Shape rows = new Shape(count);
        DataType type = logits.getDataType();
        NDArray logp = logits.logSoftmax(1);
        NDArray onehot = scope.create(IntBuffer.wrap(actions, offset, count).slice(), rows).toType(DataType.INT64, false)
                .oneHot((int) logits.getShape().get(1)).toType(type, false);
        NDArray newLogp = logp.mul(onehot).sum(new int[] {1});
        NDArray adv = rowsOf(advantages, offset, rows, type, scope);
        NDArray logRatio = newLogp.sub(rowsOf(oldLogp, offset, rows, type, scope));
        NDArray ratio = logRatio.exp();
        NDArray pg = ratio.mul(adv).minimum(ratio.clip(1 - clip, 1 + clip).mul(adv)).mean().neg();
        NDArray ret = rowsOf(returns, offset, rows, type, scope);
        NDArray oldV = rowsOf(oldValues, offset, rows, type, scope);
        NDArray vClipped = oldV.add(values.sub(oldV).clip(-clip, clip));
        NDArray vf = values.sub(ret).square().maximum(vClipped.sub(ret).square()).mean().mul(0.5f);
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {1}).neg().mean();
        if (parts != null) {
            float clipFrac = ratio.sub(1).abs().gt(clip).toType(DataType.FLOAT32, false).mean().getFloat();
            float kl = logRatio.neg().mean().getFloat();
            parts[0] = new Parts(pg.getFloat(), vf.getFloat(), entropy.getFloat(), clipFrac, kl);
        }
        return pg.add(vf.mul(valueCoef)).sub(entropy.mul(entropyCoef));
    }

    /** The {@code rows} entries of a per-row array from {@code offset} on, as an array of {@code type}, without a Java copy. */
    private static NDArray rowsOf(float[] values, int offset, Shape rows, DataType type, NDManager scope) {
        return scope.create(FloatBuffer.wrap(values, offset, Math.toIntExact(rows.size())).slice(), rows).toType(type, false);
    }
}
