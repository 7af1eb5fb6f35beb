package org.rlvision.agent.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training samples: uint8 observations {@code [N,64,64,3]}, the expert's action and a value
 * target per sample, in growable primitive arrays (no per-sample objects).
 */
public final class SampleBuffer {
    private final int obsBytes;
    private byte[] frames;
    private int[] actions;
    private float[] returns;
    private int size;

    /** An empty buffer for observations of {@code obsBytes} bytes each. */
    public SampleBuffer(int obsBytes) {
        this.obsBytes = obsBytes;
        this.frames = new byte[obsBytes * 1024];
        this.actions = new int[1024];
        this.returns = new float[1024];
    }

    /** Appends one sample (the frame is copied from {@code src} at {@code offset}). */
    public void add(byte[] src, int offset, int action, float valueTarget) {
        if (size == actions.length) {
            int cap = size * 2;
            frames = Arrays.copyOf(frames, cap * obsBytes);
            actions = Arrays.copyOf(actions, cap);
            returns = Arrays.copyOf(returns, cap);
        }
        System.arraycopy(src, offset, frames, size * obsBytes, obsBytes);
        actions[size] = action;
        returns[size] = valueTarget;
        size++;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Bytes per observation. */
    public int observationBytes() {
        return obsBytes;
    }

    /** Sets the value target of sample {@code i}. */
    public void setReturn(int i, float value) {
        returns[i] = value;
    }

    /** Action of sample {@code i}. */
    public int action(int i) {
        return actions[i];
    }

    /** Value target of sample {@code i}. */
    public float valueTarget(int i) {
        return returns[i];
    }

    /**
     * Copies the samples at {@code indices} into the minibatch arrays.
     *
     * @param indices   sample indices
     * @param frameOut  {@code [indices.length * obsBytes]} destination
     * @param actionOut actions destination
     * @param returnOut value targets destination
     */
    public void gather(int[] indices, byte[] frameOut, int[] actionOut, float[] returnOut) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(frames, i * obsBytes, frameOut, k * obsBytes, obsBytes);
            actionOut[k] = actions[i];
            returnOut[k] = returns[i];
        }
    }

    /** A random permutation of the sample indices. */
    public int[] shuffled(SplittableRandom rng) {
        return PpoTrainer.permutation(size, rng);
    }
}
