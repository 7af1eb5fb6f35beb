package org.rlvision.trajectories;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The project's one atomic file write: the content goes to a fresh temporary file in the same
 * folder (named {@code .NAME.<pid>.<thread>.<nanos>.tmp}, created with the umask's permissions),
 * is synced to disk, then renamed over the target, so a crash leaves the old file or the new one,
 * never half of one. Readers skip names starting with {@link #TEMP_PREFIX} and ending with
 * {@link #TEMP_SUFFIX}.
 */
public final class AtomicFile {
    /** Prefix of temporary files. */
    public static final String TEMP_PREFIX = ".";
    /** Suffix of temporary files. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically writes {@code target}, creating its parent folders. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        // unique per process, thread and call, so concurrent writers of one target never share a temporary file
        Path tmp = abs.resolveSibling(TEMP_PREFIX + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + "." + Long.toHexString(System.nanoTime()) + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
