package org.rlvision.agent;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets PyTorch's intra-op (OpenMP) thread count of the calling thread for a while and restores it
 * when closed. Long loops on this project's 2-core machines run with one: when another process
 * shares the cores, two OpenMP threads per call spin-wait for each other and ran 5–20× slower
 * (gradients at {@code 2b}: 11.7 against 2.3 ms per observation and α; forward passes at batch 16:
 * 54–114 against 1,025–1,319 frames/s), while two single-threaded workers side by side keep both
 * cores busy. The count is per thread in OpenMP, and new threads inherit the last value set.
 */
public final class IntraOpThreads implements AutoCloseable {
    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    /** Uses {@code threads} intra-op threads on this thread until closed; 0 or less leaves the setting alone. */
    public static IntraOpThreads use(int threads) {
        if (threads <= 0) {
            return new IntraOpThreads(0);
        }
        Engine.getEngine("PyTorch"); // loads the native library if no agent has yet
        int before = JniUtils.getNumThreads();
        if (before != threads) {
            JniUtils.setNumThreads(threads);
        }
        return new IntraOpThreads(before == threads ? 0 : before);
    }

    /** Restores the previous count. */
    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
