package org.rlvision.agent.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training samples: uint8 observations {@code [N,64,64,3]}, the expert's action, the set of
 * actions the expert accepts as equally good (a bit mask over the 15 actions) and a value target
 * per sample. Frames live in fixed-size chunks, so the buffer can outgrow one Java array (2 GiB,
 * about 170,000 CoinRun frames) without ever copying what it holds.
 */
public final class SampleBuffer {
    /** Samples per frame chunk (about 100 MB of CoinRun frames). */
    static final int CHUNK = 8192;

    private final int obsBytes;
    private final List<byte[]> chunks = new ArrayList<>();
    private int[] actions;
    private int[] accepted;
    private float[] returns;
    private int size;

    /** An empty buffer for observations of {@code obsBytes} bytes each. */
    public SampleBuffer(int obsBytes) {
        this.obsBytes = obsBytes;
        this.actions = new int[1024];
        this.accepted = new int[1024];
        this.returns = new float[1024];
    }

    /** Appends one sample whose only acceptable action is {@code action}. */
    public void add(byte[] src, int offset, int action, float valueTarget) {
        add(src, offset, action, 1 << action, valueTarget);
    }

    /**
     * Appends one sample (the frame is copied from {@code src} at {@code offset}).
     *
     * @param action     the expert's action
     * @param accepted   bit mask of the actions as good as {@code action} (must include it)
     * @param valueTarget value target
     */
    public void add(byte[] src, int offset, int action, int accepted, float valueTarget) {
        if ((accepted >>> action & 1) == 0) {
            throw new IllegalArgumentException("the accepted set " + Integer.toBinaryString(accepted)
                    + " must contain the expert's action " + action);
        }
        if (size == actions.length) {
            int cap = size * 2;
            actions = Arrays.copyOf(actions, cap);
            this.accepted = Arrays.copyOf(this.accepted, cap);
            returns = Arrays.copyOf(returns, cap);
        }
        if (size % CHUNK == 0 && size / CHUNK == chunks.size()) {
            chunks.add(new byte[CHUNK * obsBytes]);
        }
        System.arraycopy(src, offset, chunks.get(size / CHUNK), (size % CHUNK) * obsBytes, obsBytes);
        actions[size] = action;
        this.accepted[size] = accepted;
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

    /** Copies the observation of sample {@code i} into {@code dst} at {@code offset}. */
    public void copyFrame(int i, byte[] dst, int offset) {
        System.arraycopy(chunks.get(i / CHUNK), (i % CHUNK) * obsBytes, dst, offset, obsBytes);
    }

    /** Action of sample {@code i}. */
    public int action(int i) {
        return actions[i];
    }

    /** Accepted-action mask of sample {@code i}. */
    public int accepted(int i) {
        return accepted[i];
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
        gather(indices, frameOut, actionOut, null, returnOut);
    }

    /** As {@link #gather(int[], byte[], int[], float[])}, also copying the accepted masks (when {@code acceptedOut} is not null). */
    public void gather(int[] indices, byte[] frameOut, int[] actionOut, int[] acceptedOut, float[] returnOut) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(chunks.get(i / CHUNK), (i % CHUNK) * obsBytes, frameOut, k * obsBytes, obsBytes);
            actionOut[k] = actions[i];
            if (acceptedOut != null) {
                acceptedOut[k] = accepted[i];
            }
            returnOut[k] = returns[i];
        }
    }

    /** A random permutation of the sample indices. */
    public int[] shuffled(SplittableRandom rng) {
        return PpoTrainer.permutation(size, rng);
    }
}
