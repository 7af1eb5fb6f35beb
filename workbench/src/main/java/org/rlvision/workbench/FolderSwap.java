package org.rlvision.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Replaces a folder whole: the new contents are written to {@code NAME.new/} beside it, then the
 * old folder is deleted and the new one moved into place, so a kill leaves either the old folder
 * or a complete {@code .new} one (which {@link #latest()} falls back to), never a half-written one.
 */
final class FolderSwap {
    private final Path target;
    private final Path fresh;

    FolderSwap(Path target) {
        this.target = target;
        this.fresh = target.resolveSibling(target.getFileName() + ".new");
    }

    /** An empty {@code NAME.new/} path to write the new contents to (left over ones are deleted). */
    Path begin() throws IOException {
        deleteTree(fresh);
        return fresh;
    }

    /** Deletes the old folder and moves the new one into its place. */
    void commit() throws IOException {
        deleteTree(target);
        Files.move(fresh, target);
    }

    /**
     * The folder to read: the target, or the {@code .new} one when a kill came between deleting the
     * target and moving the new one in ({@code complete} names a file written last).
     */
    Path latest(String complete) {
        return !Files.isRegularFile(target.resolve(complete)) && Files.isRegularFile(fresh.resolve(complete)) ? fresh : target;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
