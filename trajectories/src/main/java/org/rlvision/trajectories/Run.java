package org.rlvision.trajectories;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A recorded run on disk, read-only: {@code run.json} ({@link RunInfo}) and one
 * {@code episode_NNNNNN.npz} per episode ({@link EpisodeFile}).
 *
 * <p>Only complete episode files are listed: a recording killed mid-write leaves at most a
 * temporary {@code .episode_….tmp} file, which is skipped and reported by {@link #leftovers()}.
 * A run whose status is still {@value #STATUS_RECORDING} was interrupted; it reads up to its
 * last complete episode.
 */
public final class Run {
    /** The {@code format} field of {@code run.json}. */
    public static final String FORMAT = "rlvision-run";
    /** The run format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** The run description file. */
    public static final String RUN_JSON = "run.json";
    /** Status of a run being recorded (or interrupted). */
    public static final String STATUS_RECORDING = "recording";
    /** Status of a finished recording. */
    public static final String STATUS_COMPLETE = "complete";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern EPISODE = Pattern.compile("episode_\\d{6,}\\.npz");

    private final Path dir;
    private final RunInfo info;
    private final List<Path> files;
    private final List<Path> leftovers;

    private Run(Path dir, RunInfo info, List<Path> files, List<Path> leftovers) {
        this.dir = dir;
        this.info = info;
        this.files = files;
        this.leftovers = leftovers;
    }

    /**
     * Opens a run folder: reads and checks {@code run.json} and lists the episode files.
     *
     * @throws IOException naming the folder or file when it is not a run
     */
    public static Run open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no run folder at " + dir + "; record one with rlvision record --out " + dir);
        }
        RunInfo info = readInfo(dir);
        List<Path> files = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (EPISODE.matcher(n).matches()) {
                    files.add(p);
                } else if (n.startsWith(AtomicFile.TEMP_PREFIX) && n.endsWith(AtomicFile.TEMP_SUFFIX)) {
                    leftovers.add(p);
                }
            }
        }
        return new Run(dir, info, List.copyOf(files), List.copyOf(leftovers));
    }

    /** Reads and checks a run folder's {@code run.json}. */
    public static RunInfo readInfo(Path dir) throws IOException {
        Path json = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(json)) {
            throw new IOException(dir + " has no " + RUN_JSON + ", so it is not a recorded run; record one with rlvision record");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(json + " is not valid JSON (" + e.getOriginalMessage() + "); the run folder is damaged", e);
        }
        if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
            throw new IOException(json + " is not a run description: its format is '"
                    + (tree == null ? "" : tree.path("format").asText()) + "', expected '" + FORMAT + "'");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(json + " has run format version " + version + " but this workbench reads version "
                    + FORMAT_VERSION + "; use a matching workbench");
        }
        try {
            return JSON.treeToValue(tree, RunInfo.class);
        } catch (JsonProcessingException e) {
            throw new IOException(json + " is not a valid run description (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Writes {@code run.json} atomically. */
    static void writeInfo(Path dir, RunInfo info) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(info);
        AtomicFile.write(dir.resolve(RUN_JSON), out -> out.write(bytes));
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The parsed {@code run.json}. */
    public RunInfo info() {
        return info;
    }

    /**
     * The folder of the model that acted, as {@code run.json} names it (a relative path is resolved against this
     * run's folder), or null if the run names none.
     */
    public Path modelDir() {
        return info.model() == null || info.model().path() == null ? null : info.model().locate(dir);
    }

    /** True if the recording finished ({@code status = complete}). */
    public boolean complete() {
        return STATUS_COMPLETE.equals(info.status());
    }

    /** The complete episode files, in episode order. */
    public List<Path> episodeFiles() {
        return files;
    }

    /** Temporary files left by an interrupted write (ignored by readers). */
    public List<Path> leftovers() {
        return leftovers;
    }

    /** Number of complete episode files. */
    public int episodeCount() {
        return files.size();
    }

    /**
     * Reads the {@code k}-th episode file (0-based, in file order).
     *
     * @throws IOException naming the file if it is truncated, corrupt or foreign
     */
    public Episode episode(int k) throws IOException {
        if (k < 0 || k >= files.size()) {
            throw new IOException("run " + dir + " has " + files.size() + " episodes; episode " + k
                    + " does not exist (use 0.." + (files.size() - 1) + ")");
        }
        return EpisodeFile.read(files.get(k));
    }

    /** The length of every episode, reading only their {@code actions} arrays. */
    public int[] lengths() throws IOException {
        int[] out = new int[files.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = EpisodeFile.length(files.get(i));
        }
        return out;
    }

    /**
     * The episodes one at a time, each read when reached.
     *
     * @throws UncheckedIOException from the iterator when a file cannot be read
     */
    public Iterable<Episode> episodes() {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < files.size();
            }

            @Override
            public Episode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return episode(next++);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }
}
