package org.rlvision.plugin;

import org.rlvision.trajectories.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a file atomically, as plugins and the workbench must: the plugin API's face of the
 * trajectories module's {@link AtomicFile} (a temporary file in the same folder, synced, then
 * renamed over the target), so a crash leaves the old file or the new one, never half of one.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically writes {@code target}, creating its parent folders (through {@link AtomicFile}, synced). */
    public static void write(Path target, Content content) throws IOException {
        AtomicFile.write(target, content::writeTo);
    }

    /** Atomically writes {@code bytes} to {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically writes a UTF-8 text file. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
