package org.rlvision.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies host arrays into native arrays through one reused direct buffer per thread.
 *
 * <p>Handed a heap {@code byte[]} or {@code float[]}, DJL copies it into a fresh direct buffer that
 * only a garbage collection frees, so a loop of small calls grows the process's memory by
 * gigabytes between the rare collections. Handed a direct buffer, DJL's PyTorch engine wraps it
 * without copying ({@code from_blob}, CPU), so the array created here aliases the staging buffer
 * only for as long as it takes to copy it into an array of the target type, which it closes
 * before returning; the buffer is then free for the next call. The buffer grows to the largest
 * batch seen on its thread and is kept for the thread's life.
 */
final class NativeStaging {
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> allocate(0));

    private NativeStaging() {
    }

    /**
     * A native copy of uint8 data as {@code type}, values unchanged (0..255).
     *
     * @param scope the manager that owns the result
     * @param data  the bytes, at least {@code shape.size()} of them (the first are used)
     * @param shape the array's shape
     * @param type  the element type of the result
     */
    static NDArray bytes(NDManager scope, byte[] data, Shape shape, DataType type) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer buf = buffer(n);
        buf.put(data, 0, n).flip();
        return copyOut(scope.create(buf, shape, DataType.UINT8), type);
    }

    /**
     * A native copy of float32 data as {@code type}.
     *
     * @param scope the manager that owns the result
     * @param data  the values, at least {@code shape.size()} of them (the first are used)
     * @param shape the array's shape
     * @param type  the element type of the result
     */
    static NDArray floats(NDManager scope, float[] data, Shape shape, DataType type) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer buf = buffer(Math.multiplyExact(n, Float.BYTES));
        buf.asFloatBuffer().put(data, 0, n);
        buf.limit(n * Float.BYTES);
        return copyOut(scope.create(buf, shape, DataType.FLOAT32), type);
    }

    /** A copy of {@code aliased} as {@code type} in its manager, with {@code aliased} closed. */
    private static NDArray copyOut(NDArray aliased, DataType type) {
        try (aliased) {
            // toType of an array already of the type returns it (an alias); duplicate clones it.
            return aliased.getDataType() == type ? aliased.duplicate() : aliased.toType(type, false);
        }
    }

    /** This thread's buffer, cleared, with room for {@code bytes}. */
    private static ByteBuffer buffer(int bytes) {
        ByteBuffer buf = BUFFER.get();
        if (buf.capacity() < bytes) {
            buf = allocate(Math.max(bytes, (int) Math.min(Integer.MAX_VALUE, 2L * buf.capacity())));
            BUFFER.set(buf);
        }
        buf.clear();
        return buf;
    }

    private static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
