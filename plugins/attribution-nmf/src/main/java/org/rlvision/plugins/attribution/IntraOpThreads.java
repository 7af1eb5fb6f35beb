package org.rlvision.plugins.attribution;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets PyTorch's intra-op thread count of the calling thread for a while and restores it when
 * closed. Integrated gradients runs with one: on this project's 2-core machines, shared with other
 * processes, two OpenMP threads per gradient call spin-wait for each other and ran 5× slower
 * (11.7 against 2.3 ms per observation and α, measured on {@code 2b} of the shipped agent), while
 * on an idle machine one thread costs only about 1.5× (the count is per thread in OpenMP).
 */
final class IntraOpThreads implements AutoCloseable {
    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    /** Uses {@code threads} intra-op threads on this thread until closed. */
    static IntraOpThreads use(int threads) {
        int before = JniUtils.getNumThreads();
        if (before != threads) {
            JniUtils.setNumThreads(threads);
        }
        return new IntraOpThreads(before == threads ? 0 : before);
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
