package org.rlvision.workbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recording killed with SIGKILL mid-run leaves a readable run that --resume completes. */
class RecordKillTest {
    @Test
    void killedRecordingReadsToItsLastEpisodeAndResumes(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, RlVision.execute("model", "init", "--arch", "clear-cnn", "--seed", "2", "--out", model.toString()));
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), RlVision.class.getName(), "record",
                "--model", model.toString(), "--envs", "6", "--steps", "1200", "--levels", "0..49", "--mode", "easy",
                "--seed", "4", "--out", run.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("record.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (countEpisodes(run) < 2 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the recording ended before it could be killed:\n" + Files.readString(dir.resolve("record.log")));
            p.destroyForcibly(); // SIGKILL, in the middle of writing further episodes
            p.waitFor(10, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        Run partial = Run.open(run);
        int read = 0;
        for (Episode e : partial.episodes()) {
            assertTrue(e.length() > 0);
            read++;
        }
        assertTrue(read >= 2, "read " + read + " complete episodes");
        assertTrue(!partial.complete(), "the run is marked as still recording");
        int resumed = RlVision.execute("record", "--model", model.toString(), "--out", run.toString(), "--resume");
        assertEquals(0, resumed);
        Run done = Run.open(run);
        assertTrue(done.complete());
        assertTrue(done.episodeFiles().size() >= read);
        try (Stream<Path> s = Files.list(run)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    private static int countEpisodes(Path run) {
        File[] files = run.toFile().listFiles((d, name) -> name.startsWith("episode_") && name.endsWith(".npz"));
        return files == null ? 0 : files.length;
    }
}
