package org.rlvision.trajectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes a run folder: {@code run.json} first (status {@value Run#STATUS_RECORDING}), then each
 * episode atomically as it completes, then {@code run.json} again with status
 * {@value Run#STATUS_COMPLETE} and the episode count.
 */
public final class RunWriter {
    private final Path dir;
    private final RunInfo info;
    private int written;

    private RunWriter(Path dir, RunInfo info) {
        this.dir = dir;
        this.info = info;
    }

    /**
     * Starts a new run in {@code dir}, which must not exist or be empty.
     *
     * @throws IOException if {@code dir} holds files or cannot be written
     */
    public static RunWriter create(Path dir, RunInfo info) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " already exists and is not empty; choose a new --out folder, or add --resume "
                            + "to finish an interrupted recording there");
                }
            }
        }
        Files.createDirectories(dir);
        RunWriter w = new RunWriter(dir, info.withStatus(Run.STATUS_RECORDING, null));
        Run.writeInfo(dir, w.info);
        return w;
    }

    /**
     * Reopens an interrupted run to finish it; the caller repeats the same recording and
     * {@link #write} skips the episodes already on disk.
     */
    public static RunWriter reopen(Path dir, RunInfo info) {
        return new RunWriter(dir, info);
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The file episode {@code index} goes to. */
    public Path file(int index) {
        return dir.resolve(EpisodeFile.name(index));
    }

    /** Writes one episode atomically. */
    public void write(Episode e) throws IOException {
        EpisodeFile.write(file(e.index()), e);
        written++;
    }

    /** Number of episodes written by this writer. */
    public int written() {
        return written;
    }

    /** Marks the run complete with its episode count. */
    public void finish(int episodes) throws IOException {
        Run.writeInfo(dir, info.withStatus(Run.STATUS_COMPLETE, episodes));
    }
}
