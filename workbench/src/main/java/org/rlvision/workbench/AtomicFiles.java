package org.rlvision.workbench;

import java.io.IOException;
import java.nio.file.Path;
import org.rlvision.plugin.AtomicWrite;

/**
 * The workbench's atomic writes ({@link AtomicWrite}), with a failure turned into one sentence for
 * the user naming the file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Atomically writes {@code target}, creating its parent folders.
     *
     * @throws UserException if the folder cannot be written
     */
    public static void write(Path target, AtomicWrite.Content content) {
        try {
            AtomicWrite.write(target, content);
        } catch (IOException e) {
            throw new UserException("cannot write " + target + " (" + e.getMessage() + "); check that the folder is writable", e);
        }
    }

    /** Atomically writes a UTF-8 text file. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
