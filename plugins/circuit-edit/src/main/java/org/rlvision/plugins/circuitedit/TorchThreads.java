package org.rlvision.plugins.circuitedit;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets PyTorch's intra-op thread count for the calling thread while a rollout runs, and restores
 * it afterwards.
 *
 * <p>Why: with two OpenMP threads per forward pass, a forward pass on a 2-core machine that another
 * process also uses runs 10–20× slower (the threads spin-wait for each other); one thread per
 * forward pass, with two workers side by side, keeps both cores busy and degrades gracefully. The
 * count is per thread in OpenMP (and new threads inherit the last value set), so it is restored
 * when the rollout ends.
 */
final class TorchThreads implements AutoCloseable {
    private final int previous;

    private TorchThreads(int previous) {
        this.previous = previous;
    }

    /**
     * Uses {@code threads} intra-op threads on this thread until closed; 0 leaves the setting alone.
     */
    static TorchThreads use(int threads) {
        if (threads <= 0) {
            return new TorchThreads(0);
        }
        Engine.getEngine("PyTorch"); // loads the native library if no agent has yet
        int before = JniUtils.getNumThreads();
        if (before != threads) {
            JniUtils.setNumThreads(threads);
        }
        return new TorchThreads(before == threads ? 0 : before);
    }

    /** Restores the previous count. */
    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
