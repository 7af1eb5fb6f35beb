package org.rlvision.workbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder is replaced whole, and a kill between delete and move leaves a readable {@code .new}. */
class FolderSwapTest {
    @Test
    void replacesTheWholeFolder(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run.checkpoint");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("old.txt"), "old");
        Files.writeString(target.resolve("sub/x"), "x");
        FolderSwap swap = new FolderSwap(target);
        Path fresh = swap.begin();
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("progress.json"), "new");
        assertEquals("old", Files.readString(target.resolve("old.txt")), "the old folder stays until commit");
        swap.commit();
        assertEquals("new", Files.readString(target.resolve("progress.json")));
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertFalse(Files.exists(target.resolve("sub")));
        assertFalse(Files.exists(dir.resolve("run.checkpoint.new")));
    }

    @Test
    void readsTheNewFolderWhenAKillCameBeforeTheMove(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run.checkpoint");
        FolderSwap swap = new FolderSwap(target);
        Path fresh = swap.begin();
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("progress.json"), "complete");
        assertEquals(fresh, swap.latest("progress.json"), "target gone, .new complete");
        Files.createDirectories(target);
        Files.writeString(target.resolve("progress.json"), "older");
        assertEquals(target, swap.latest("progress.json"));
        Path again = swap.begin(); // a left-over .new is cleared
        assertTrue(!Files.exists(again));
    }
}
