package org.rlvision.trajectories;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlvision.env.EndCause;

/**
 * The {@code .npz} encoding of an {@link Episode}. Keys (numpy dtypes): {@code format_version}
 * int32, {@code observations} uint8 {@code [T,64,64,3]}, {@code actions} int32 {@code [T]},
 * {@code rewards} float32 {@code [T]}, {@code values} float32 {@code [T]}, {@code logits} float32
 * {@code [T,15]}, {@code first} bool {@code [T]}, {@code level_seed} int32, {@code end_cause}
 * str ({@code COIN}, {@code SAW}, … or {@code UNFINISHED}), {@code complete} bool (the level was
 * solved), {@code episode} int32, {@code env} int32, {@code bootstrap_value} float32 and, when
 * recorded, {@code labels} uint8 {@code [T,64,64]}.
 */
public final class EpisodeFile {
    /** The episode format version written in {@code format_version}. */
    public static final int FORMAT_VERSION = 1;
    /** The {@code end_cause} of an episode cut off by the end of the recording. */
    public static final String UNFINISHED = "UNFINISHED";

    private static final List<String> REQUIRED = List.of("format_version", "observations", "actions", "rewards",
            "values", "logits", "first", "level_seed", "end_cause", "episode", "env", "bootstrap_value");

    private EpisodeFile() {
    }

    /** The file name of episode {@code index}: {@code episode_000042.npz}. */
    public static String name(int index) {
        return String.format("episode_%06d.npz", index);
    }

    /** Writes the episode atomically. */
    public static void write(Path file, Episode e) throws IOException {
        int t = e.length();
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("format_version", NpyArray.int32(new int[] {FORMAT_VERSION}));
        m.put("observations", NpyArray.uint8(e.observations(), t, e.height(), e.width(), 3));
        m.put("actions", NpyArray.int32(e.actions(), t));
        m.put("rewards", NpyArray.float32(e.rewards(), t));
        m.put("values", NpyArray.float32(e.values(), t));
        m.put("logits", NpyArray.float32(e.logits(), t, e.numActions()));
        m.put("first", NpyArray.bool(e.first(), t));
        m.put("level_seed", NpyArray.int32(new int[] {e.levelSeed()}));
        m.put("end_cause", NpyArray.string(e.finished() ? e.endCause().name() : UNFINISHED));
        m.put("complete", NpyArray.bool(new boolean[] {e.finished() && e.endCause().isSuccess()}));
        m.put("episode", NpyArray.int32(new int[] {e.index()}));
        m.put("env", NpyArray.int32(new int[] {e.env()}));
        m.put("bootstrap_value", NpyArray.float32(new float[] {e.bootstrapValue()}));
        if (e.labels() != null) {
            m.put("labels", NpyArray.uint8(e.labels(), t, e.height(), e.width()));
        }
        Npz.write(file, m);
    }

    /**
     * Reads an episode file.
     *
     * @throws IOException naming the file if it is truncated, corrupt or not an rlvision episode
     */
    public static Episode read(Path file) throws IOException {
        Map<String, NpyArray> m;
        try {
            m = Npz.read(file, null);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; delete it and re-record (rlvision record --resume rewrites it)", e);
        }
        for (String k : REQUIRED) {
            if (!m.containsKey(k)) {
                throw new IOException(file + " is not an rlvision episode file: it has no '" + k + "' array (it has "
                        + m.keySet() + "); remove it from the run folder");
            }
        }
        int version = m.get("format_version").asInts()[0];
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has episode format version " + version + " but this workbench reads version "
                    + FORMAT_VERSION + "; use a matching workbench");
        }
        try {
            int[] obsShape = m.get("observations").shape();
            if (obsShape.length != 4 || obsShape[3] != 3) {
                throw new IOException(file + " has observations of shape " + java.util.Arrays.toString(obsShape)
                        + "; expected [T,H,W,3]");
            }
            int[] logitShape = m.get("logits").shape();
            String cause = m.get("end_cause").asString();
            EndCause end;
            try {
                end = UNFINISHED.equals(cause) ? null : EndCause.valueOf(cause);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " has end_cause '" + cause + "', which is not a known cause", e);
            }
            NpyArray labels = m.get("labels");
            return new Episode(m.get("episode").asInts()[0], m.get("env").asInts()[0], m.get("level_seed").asInts()[0],
                    end, obsShape[1], obsShape[2], logitShape.length == 2 ? logitShape[1] : -1,
                    m.get("observations").data(), m.get("actions").asInts(), m.get("rewards").asFloats(),
                    m.get("values").asFloats(), m.get("logits").asFloats(), m.get("first").asBooleans(),
                    m.get("bootstrap_value").asFloats()[0], labels == null ? null : labels.data());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IOException(file + " is not a valid rlvision episode file (" + e.getMessage() + ")", e);
        }
    }

    /** The number of steps of an episode file, reading only its {@code actions} array. */
    public static int length(Path file) throws IOException {
        NpyArray a = Npz.read(file, List.of("actions")).get("actions");
        if (a == null) {
            throw new IOException(file + " is not an rlvision episode file: it has no 'actions' array; remove it from the run folder");
        }
        return a.shape()[0];
    }
}
