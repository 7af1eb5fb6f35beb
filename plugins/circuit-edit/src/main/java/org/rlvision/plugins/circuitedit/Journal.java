package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.rlvision.plugin.PluginException;

/**
 * The experiment's journal: a JSON-lines file whose first line describes the experiment and the
 * shard, followed by one {@link LevelOutcome} per line, appended as each level finishes.
 *
 * <p>Each line is written with a single unbuffered {@code write} call, so a run killed at any
 * moment leaves every finished level on disk and at most one torn last line (no newline yet).
 * Opening an existing journal checks that it describes the same experiment and shard, drops a
 * torn last line, and lists the levels already played, so the run resumes without repeating or
 * skipping a level. Not thread-safe.
 */
public final class Journal implements AutoCloseable {
    /** The {@code format} of the header line. */
    public static final String FORMAT = "rlvision-circuit-edit-journal";
    /** The journal format version. */
    public static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final OutputStream out;
    private final Set<String> done;
    private final List<LevelOutcome> outcomes;
    private final int droppedBytes;

    private Journal(Path file, OutputStream out, List<LevelOutcome> outcomes, int droppedBytes) {
        this.file = file;
        this.out = out;
        this.outcomes = outcomes;
        this.done = new HashSet<>();
        outcomes.forEach(o -> done.add(key(o.arm(), o.level())));
        this.droppedBytes = droppedBytes;
    }

    /**
     * What a journal file holds.
     *
     * @param file        the file
     * @param experiment  the experiment description of the header
     * @param shard       the shard of the header, e.g. {@code 0/4}, or {@code merged}
     * @param outcomes    the outcome lines, in file order
     * @param tornBytes   length of a torn last line (no newline), 0 if none
     * @param validLength bytes up to and including the last complete line
     */
    public record Contents(Path file, JsonNode experiment, String shard, List<LevelOutcome> outcomes, int tornBytes,
                           long validLength) {
        /** Copies the list. */
        public Contents {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Opens {@code file} for appending: creates it with a header if it does not exist, else checks
     * its header against this experiment and shard, and truncates a torn last line.
     *
     * @param file       the journal
     * @param experiment the experiment description ({@link Experiment#describe})
     * @param shard      this process's shard
     * @throws PluginException if the file is another experiment's or shard's journal, or damaged
     */
    public static Journal open(Path file, JsonNode experiment, Shard shard) throws IOException {
        JsonNode canonical = canonical(experiment);
        if (!Files.exists(file) || Files.size(file) == 0) {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            out.write(headerLine(shard.toString(), canonical).getBytes(StandardCharsets.UTF_8));
            return new Journal(file, out, new ArrayList<>(), 0);
        }
        Contents c = read(file);
        if (!c.shard().equals(shard.toString())) {
            throw new PluginException(file + " is the journal of shard " + c.shard() + ", not " + shard
                    + "; give --opt shard=" + c.shard() + " to resume it, or a new journal file");
        }
        String diff = firstDifference(c.experiment(), canonical, "", "journal has", "this run has");
        if (diff != null) {
            throw new PluginException(file + " was written for another experiment (" + diff + "); resume it with the same "
                    + "model, options and --seed, or give a new journal file");
        }
        if (c.tornBytes() > 0) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(c.validLength());
            }
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, out, new ArrayList<>(c.outcomes()), c.tornBytes());
    }

    /**
     * The header line, newline included.
     *
     * @param shard      the shard, e.g. {@code 0/4}, or {@code merged}
     * @param experiment the experiment description, already {@link #canonical}
     */
    static String headerLine(String shard, JsonNode experiment) throws JsonProcessingException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("shard", shard);
        header.set("experiment", experiment);
        return JSON.writeValueAsString(header) + "\n";
    }

    /**
     * Reads a journal without changing it: the header, every complete outcome line, and the size
     * of a torn last line (which is ignored).
     *
     * @throws PluginException naming the file and line if it is not a journal or a complete line is damaged
     */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PluginException("there is no journal at " + file + "; give the journal.jsonl a circuit-edit run wrote");
        }
        byte[] bytes = Files.readAllBytes(file);
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        String text = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
        int torn = bytes.length - (lastNewline + 1);
        Iterator<String> lines = text.lines().iterator();
        if (!lines.hasNext()) {
            throw new PluginException(file + " has no complete header line; delete it and run again (nothing was recorded)");
        }
        JsonNode header = parse(file, 1, lines.next());
        if (!FORMAT.equals(header.path("format").asText())) {
            throw new PluginException(file + " is not a circuit-edit journal (its first line's format is '"
                    + header.path("format").asText() + "', expected '" + FORMAT + "'); give a journal.jsonl a circuit-edit run wrote");
        }
        if (header.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new PluginException(file + " has journal format version " + header.path("formatVersion").asInt(-1)
                    + " but this plugin reads version " + FORMAT_VERSION + "; use a matching workbench");
        }
        List<LevelOutcome> outcomes = new ArrayList<>();
        int lineNo = 1;
        while (lines.hasNext()) {
            lineNo++;
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            try {
                outcomes.add(JSON.treeToValue(parse(file, lineNo, line), LevelOutcome.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new PluginException(file + " line " + lineNo + " is not a level outcome (" + e.getMessage().lines().findFirst().orElse("")
                        + "); the journal is damaged: remove that line to replay the level", e);
            }
        }
        return new Contents(file, header.path("experiment"), header.path("shard").asText(), outcomes, torn, lastNewline + 1);
    }

    private static JsonNode parse(Path file, int lineNo, String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new PluginException(file + " line " + lineNo + " is not JSON (" + e.getOriginalMessage()
                    + "); the journal is damaged: remove that line to replay the level", e);
        }
    }

    /** The experiment description as it reads back from text (floats as doubles), for comparison. */
    static JsonNode canonical(JsonNode experiment) {
        try {
            return JSON.readTree(JSON.writeValueAsString(experiment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot round-trip the experiment description", e);
        }
    }

    /**
     * The first difference between two JSON trees, e.g. {@code seed: journal has 1, this run has 2}, or null.
     *
     * @param a     one tree
     * @param b     the other
     * @param path  where they sit ({@code ""} at the top)
     * @param hasA  how to introduce a's value, e.g. {@code journal has}
     * @param hasB  how to introduce b's value
     */
    static String firstDifference(JsonNode a, JsonNode b, String path, String hasA, String hasB) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                String d = firstDifference(a.path(n), b.path(n), path.isEmpty() ? n : path + "." + n, hasA, hasB);
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]", hasA, hasB);
                if (d != null) {
                    return d;
                }
            }
        }
        return (path.isEmpty() ? "content" : path) + ": " + hasA + " " + abbreviate(a) + ", " + hasB + " " + abbreviate(b);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.isMissingNode() ? "nothing" : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String key(String arm, int level) {
        return arm + "\u0000" + level;
    }

    /** True if the journal already holds this arm's outcome on this level. */
    public boolean has(String arm, int level) {
        return done.contains(key(arm, level));
    }

    /** Appends one outcome as one line, written through to the file. */
    public void append(LevelOutcome o) throws IOException {
        if (!done.add(key(o.arm(), o.level()))) {
            throw new IllegalStateException("level " + o.level() + " of arm " + o.arm() + " is already in " + file);
        }
        out.write((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        outcomes.add(o);
    }

    /** Every outcome in the journal, the resumed ones first, in file order. */
    public List<LevelOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Bytes of a torn last line dropped when the journal was opened. */
    public int droppedBytes() {
        return droppedBytes;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
