package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rlvision.plugin.PluginException;

/**
 * The NMF factors of an {@code attribution-nmf} report, read from its {@code factors.json}
 * ({@code "format": "rlvision-nmf-factors"}, version 1): the layer they live in, its channel
 * count, and per factor an index, a label, the label's IoU and the direction over channels.
 *
 * @param file     the file read
 * @param layer    the layer of the directions, e.g. {@code 2b}
 * @param channels channels of that layer (the length of every direction)
 * @param factors  the factors in file order
 */
public record NmfFactors(Path file, String layer, int channels, List<Factor> factors) {
    /** The {@code format} field this reader accepts. */
    public static final String FORMAT = "rlvision-nmf-factors";
    /** The {@code formatVersion} this reader accepts. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside an attribution-nmf report folder. */
    public static final String FILE_NAME = "factors.json";
    /** Tolerates {@code NaN} (an IoU of a factor that never fired), which Jackson writes for a NaN double. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Copies the list. */
    public NmfFactors {
        factors = List.copyOf(factors);
    }

    /**
     * One factor.
     *
     * @param index     its {@code index} field
     * @param label     its semantic label, e.g. {@code saw}
     * @param iou       the IoU of the label
     * @param direction the direction over channels
     */
    public record Factor(int index, String label, double iou, float[] direction) {
        /** Copies the direction. */
        public Factor {
            direction = direction.clone();
            label = label == null ? "" : label;
        }

        /** A copy of the direction. */
        @Override
        public float[] direction() {
            return direction.clone();
        }
    }

    /**
     * Reads {@code factors.json}, given the file or the report folder holding it.
     *
     * @throws PluginException naming the file and what is wrong with it
     */
    public static NmfFactors read(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new PluginException("--opt factors=" + fileOrDir + ": there is no " + (Files.isDirectory(fileOrDir)
                    ? FILE_NAME + " in that folder" : "such file") + "; give the factors.json of an attribution-nmf report or its folder");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PluginException(file + " is not valid JSON (" + e.getOriginalMessage() + "); give the factors.json an attribution-nmf report wrote", e);
        } catch (IOException e) {
            throw new PluginException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new PluginException(file + " is not an NMF factors file: its format is '" + (root == null ? "" : root.path("format").asText())
                    + "', expected '" + FORMAT + "'; give the factors.json an attribution-nmf report wrote");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new PluginException(file + " has formatVersion " + version + " but this plugin reads version " + FORMAT_VERSION
                    + "; re-run attribution-nmf with a matching workbench");
        }
        String layer = root.path("layer").asText("");
        int channels = root.path("channels").asInt(-1);
        if (layer.isEmpty() || channels < 1) {
            throw new PluginException(file + " lacks a 'layer' name or a positive 'channels' count; re-run attribution-nmf");
        }
        JsonNode list = root.path("factors");
        if (!list.isArray() || list.isEmpty()) {
            throw new PluginException(file + " has no 'factors' list; re-run attribution-nmf");
        }
        List<Factor> factors = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode f = list.get(k);
            JsonNode d = f.path("direction");
            if (!d.isArray() || d.size() != channels) {
                throw new PluginException(file + ": factor " + k + " has a direction of " + (d.isArray() ? d.size() : 0)
                        + " values but the file says layer " + layer + " has " + channels + " channels; the file is damaged");
            }
            float[] v = new float[channels];
            for (int c = 0; c < channels; c++) {
                if (!d.get(c).isNumber() || !Double.isFinite(d.get(c).asDouble())) {
                    throw new PluginException(file + ": factor " + k + " direction value " + c + " is '" + d.get(c)
                            + "', not a finite number; the file is damaged");
                }
                v[c] = (float) d.get(c).asDouble();
            }
            factors.add(new Factor(f.path("index").asInt(k), f.path("label").asText(""), f.path("iou").asDouble(Double.NaN), v));
        }
        return new NmfFactors(file, layer, channels, factors);
    }

    /**
     * The factor named by {@code key}: an index ({@code 3}, matching a factor's {@code index}) or a
     * label ({@code saw}, case-insensitive); when several factors share the label, the one with the
     * highest IoU (then the lowest index).
     *
     * @throws PluginException naming the key and the labels and indices there are
     */
    public Factor find(String key) {
        String k = key.trim();
        if (k.matches("\\d+")) {
            int index = Integer.parseInt(k);
            for (Factor f : factors) {
                if (f.index() == index) {
                    return f;
                }
            }
            throw new PluginException("nmf:" + key + ": " + file + " has no factor with index " + index + "; its indices are "
                    + indices() + " (labels " + String.join(", ", labels()) + ")");
        }
        Factor best = null;
        for (Factor f : factors) {
            if (f.label().toLowerCase(Locale.ROOT).equals(k.toLowerCase(Locale.ROOT))) {
                if (best == null || f.iou() > best.iou() || (f.iou() == best.iou() && f.index() < best.index())) {
                    best = f;
                }
            }
        }
        if (best == null) {
            throw new PluginException("nmf:" + key + ": " + file + " has no factor labelled '" + key + "'; its labels are "
                    + String.join(", ", labels()) + " (or give an index: " + indices() + ")");
        }
        return best;
    }

    private Set<String> labels() {
        Set<String> s = new LinkedHashSet<>();
        factors.forEach(f -> s.add(f.label()));
        return s;
    }

    private String indices() {
        StringBuilder b = new StringBuilder();
        factors.forEach(f -> b.append(b.length() == 0 ? "" : " ").append(f.index()));
        return b.toString();
    }
}
