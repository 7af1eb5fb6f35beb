package org.rlvision.trajectories;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A write either replaces the file whole or leaves it as it was, and never leaves its temporary file. */
class AtomicFileTest {
    @Test
    void replacesWholeOrNotAtAll(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/run.json");
        AtomicFile.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target), "parents created");
        AtomicFile.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(target));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("second", Files.readString(target), "a failed write leaves the old file");
        try (var files = Files.list(target.getParent())) {
            assertEquals(java.util.List.of(target), files.toList(), "no temporary file is left behind");
        }
    }
}
