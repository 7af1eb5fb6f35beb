package org.rlvision.env.procgen;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory-mapped file the worker writes each step's block into (in {@code /dev/shm} where it
 * exists, else the temp folder): observations cross processes without being copied through the
 * socket. Deleted on {@link #close()}.
 */
final class SharedBlock implements AutoCloseable {
    private final Path path;
    private final int size;
    private final MappedByteBuffer buffer;

    SharedBlock(int size) {
        this.size = size;
        Path shm = Path.of("/dev/shm");
        try {
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            this.path = Files.createTempFile(dir, "rlvision-procgen-", ".block");
            try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                f.setLength(size);
                this.buffer = f.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
        } catch (IOException e) {
            throw new ProcgenBridgeException("cannot create the shared step buffer (" + e.getMessage()
                    + "); check that /dev/shm or java.io.tmpdir is writable", e);
        }
    }

    Path path() {
        return path;
    }

    int size() {
        return size;
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }
}
