package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;

/**
 * The reused staging buffer: arrays staged through it are copies that later calls cannot change,
 * and a loop of agent calls allocates no new direct buffers.
 */
class NativeStagingTest {
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();

    @Test
    void stagedArraysAreCopiesThatTheNextCallDoesNotOverwrite() {
        try (NDManager scope = Engine.getEngine("PyTorch").newBaseManager()) {
            Shape shape = new Shape(2, 3);
            NDArray bytes = NativeStaging.bytes(scope, new byte[] {0, 1, 2, (byte) 128, (byte) 255, 7}, shape, DataType.FLOAT32);
            NDArray same = NativeStaging.floats(scope, new float[] {0.5f, -1f, 2f, 3f, 4f, 5f}, shape, DataType.FLOAT32);
            NDArray wider = NativeStaging.floats(scope, new float[] {0.25f, 1f, 2f, 3f, 4f, 6f}, shape, DataType.FLOAT64);
            // Overwrite the staging buffer with other values, as the next batch would.
            NativeStaging.bytes(scope, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9},
                    new Shape(24), DataType.FLOAT32);
            NativeStaging.floats(scope, new float[] {-9f, -9f, -9f, -9f, -9f, -9f}, shape, DataType.FLOAT32);
            assertArrayEquals(new float[] {0f, 1f, 2f, 128f, 255f, 7f}, bytes.toFloatArray(), "uint8 read unsigned, kept");
            assertArrayEquals(new float[] {0.5f, -1f, 2f, 3f, 4f, 5f}, same.toFloatArray(), "float32 kept (cloned, not aliased)");
            assertArrayEquals(new double[] {0.25, 1, 2, 3, 4, 6}, wider.toDoubleArray(), "float64 kept");
            assertEquals(DataType.FLOAT64, wider.getDataType());
            assertArrayEquals(new long[] {2, 3}, same.getShape().getShape());
        }
    }

    /**
     * 120 batches of 8 frames (98 KB each) and 30 of float pixels (393 KB each): before the staging
     * buffer, each became a fresh direct buffer held until a garbage collection (24 MB here); now
     * the direct pool keeps the one buffer it already holds and grows only by the engine's 4-byte
     * scalars (DJL stages the 255 of {@code uint8/255} as one), which collections free.
     */
    @Test
    void aLoopOfCallsAllocatesNoNewDirectBuffers() {
        // One intra-op thread: two spin-waiting ones are several times slower on a busy 2-core machine.
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try (Agent agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 3)) {
            Observations.Frames frames = Fixtures.frames(8);
            Observations.Pixels pixels = Observations.pixelsOf(frames);
            agent.evaluate(frames);
            agent.evaluate(pixels);
            long bytesBefore = DIRECT.getMemoryUsed();
            long countBefore = DIRECT.getCount();
            float first = 0;
            for (int i = 0; i < 120; i++) {
                PolicyOutput out = agent.evaluate(frames);
                first = i == 0 ? out.value(0) : first;
                assertEquals(first, out.value(0), "the same batch gives the same value every time");
            }
            for (int i = 0; i < 30; i++) {
                agent.evaluate(pixels);
            }
            long grown = DIRECT.getMemoryUsed() - bytesBefore;
            long more = DIRECT.getCount() - countBefore;
            assertTrue(grown < 16 << 10, "direct buffers grew by " + grown + " bytes (" + more + " buffers) over 150 batches");
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }
}
