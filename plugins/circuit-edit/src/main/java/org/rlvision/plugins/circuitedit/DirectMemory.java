package org.rlvision.plugins.circuitedit;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the JVM's direct-buffer memory bounded during a long rollout.
 *
 * <p>DJL copies every batch of frames handed to the agent (a heap {@code byte[]}) into a fresh direct
 * buffer, 786 KB at batch 64, which only a garbage collection frees; the Java heap fills so slowly
 * that collections are rare, and a 10,000-level run's resident memory climbed from 0.6 to 3.2 GB
 * before levelling off. Past {@link #LIMIT_BYTES} of direct buffers this asks for a collection (at
 * most one every {@link #MIN_INTERVAL_NANOS}), which frees them: resident memory then stays flat.
 * (The lasting fix is for the agent to reuse one direct buffer per batch size.)
 */
final class DirectMemory {
    /** Direct-buffer memory above which a collection is requested. */
    static final long LIMIT_BYTES = 256L << 20;
    /** The shortest time between two requested collections. */
    static final long MIN_INTERVAL_NANOS = 2_000_000_000L;
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElse(null);
    private static final AtomicLong LAST = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);

    private DirectMemory() {
    }

    /** Requests a collection if direct buffers hold more than {@link #LIMIT_BYTES}; cheap otherwise. */
    static void keepBounded() {
        if (DIRECT == null || DIRECT.getMemoryUsed() < LIMIT_BYTES) {
            return;
        }
        long now = System.nanoTime();
        long last = LAST.get();
        if (now - last >= MIN_INTERVAL_NANOS && LAST.compareAndSet(last, now)) {
            System.gc();
        }
    }
}
