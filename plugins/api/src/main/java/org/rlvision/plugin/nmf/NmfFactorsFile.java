package org.rlvision.plugin.nmf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlvision.plugin.AtomicWrite;
import org.rlvision.plugin.PluginException;

/**
 * {@code factors.json}, the NMF factors an {@code attribution-nmf} report hands to other plugins
 * (circuit-edit projects a factor's direction out of a layer): written atomically, read back with
 * one clear sentence for each thing wrong with the file.
 * <pre>
 * {"format":"rlvision-nmf-factors","formatVersion":1,"layer":"2b","output":"value","channels":32,"k":8,
 *  "samples":4096,"relativeError":0.123,"model":{…provenance…},
 *  "factors":[{"index":0,"label":"saw","iou":0.01,"iouByClass":{"background":0.02,…,"saw":0.01,…},
 *               "lift":8.3,"liftByClass":{"background":0.3,…,"saw":8.3,…},
 *               "direction":[32 non-negative floats summing to 1]}, …]}
 * </pre>
 * {@code lift}/{@code liftByClass} (how much denser the factor's attribution is on the cells
 * touching each class than elsewhere; the label is the class with the highest lift) and
 * {@code iouByClass} (every class's network-dissection IoU) are absent from files written before
 * they existed; such files still read, their labels were chosen by IoU.
 * Factors are listed by index, which orders them by the attribution mass they carry.
 *
 * @param file          the file it was read from, or {@code null} for factors not read from disk
 * @param layer         the layer of the directions, e.g. {@code 2b}
 * @param output        what was attributed, e.g. {@code value}
 * @param channels      channels of that layer (the length of every direction)
 * @param samples       observations the NMF was fitted on
 * @param relativeError the fit's {@code ‖X − WH‖/‖X‖}
 * @param model         model provenance (architecture, weights hash, …)
 * @param factors       the factors in file order
 */
public record NmfFactorsFile(Path file, String layer, String output, int channels, int samples, double relativeError,
                             Map<String, Object> model, List<Factor> factors) {
    /** The {@code format} field. */
    public static final String FORMAT = "rlvision-nmf-factors";
    /** The {@code formatVersion} this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside an attribution-nmf report folder. */
    public static final String NAME = "factors.json";
    /** Indents when writing; tolerates {@code NaN} when reading (an IoU of a factor that never fired). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Copies the collections, keeping the model's key order. */
    public NmfFactorsFile {
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        factors = List.copyOf(factors);
    }

    /** Factors computed in memory, not read from a file. */
    public NmfFactorsFile(String layer, String output, int channels, int samples, double relativeError,
                          Map<String, Object> model, List<Factor> factors) {
        this(null, layer, output, channels, samples, relativeError, model, factors);
    }

    /**
     * One factor: a direction over the layer's channels and the semantic label that fits it best.
     *
     * @param index       its {@code index} field
     * @param label       its semantic label, e.g. {@code saw}
     * @param iou         the IoU of the label ({@code NaN} when unknown)
     * @param direction   the direction over channels (length C, non-negative)
     * @param iouByClass  every class's IoU with the factor, in the labeller's class order (empty when unknown)
     * @param liftByClass every class's lift (empty when unknown; classes without one left out)
     */
    public record Factor(int index, String label, double iou, float[] direction, Map<String, Double> iouByClass,
                         Map<String, Double> liftByClass) {
        /** Copies the direction and the maps. */
        public Factor {
            direction = direction.clone();
            label = label == null ? "" : label;
            iouByClass = iouByClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(iouByClass));
            liftByClass = liftByClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(liftByClass));
        }

        /** A factor labelled by IoU, without lifts. */
        public Factor(int index, String label, double iou, float[] direction, Map<String, Double> iouByClass) {
            this(index, label, iou, direction, iouByClass, Map.of());
        }

        /** A factor without the other classes' IoUs. */
        public Factor(int index, String label, double iou, float[] direction) {
            this(index, label, iou, direction, Map.of());
        }

        /** The label's lift, or NaN when the file has none for it. */
        public double lift() {
            Double l = liftByClass.get(label);
            return l == null ? Double.NaN : l;
        }

        /** A copy of the direction. */
        @Override
        public float[] direction() {
            return direction.clone();
        }

        /** Equal index, label, IoU, direction values and per-class maps. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Factor f && index == f.index && label.equals(f.label) && Double.compare(iou, f.iou) == 0
                    && Arrays.equals(direction, f.direction) && iouByClass.equals(f.iouByClass) && liftByClass.equals(f.liftByClass);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * (31 * (31 * index + label.hashCode()) + Double.hashCode(iou)) + Arrays.hashCode(direction))
                    + iouByClass.hashCode()) + liftByClass.hashCode();
        }

        @Override
        public String toString() {
            return "Factor[index=" + index + ", label=" + label + ", iou=" + iou + ", direction=" + Arrays.toString(direction)
                    + ", iouByClass=" + iouByClass + ", liftByClass=" + liftByClass + "]";
        }
    }

    /**
     * Writes {@value #NAME} atomically into {@code dir}.
     *
     * @return the file written
     */
    public Path write(Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("layer", layer);
        root.put("output", output);
        root.put("channels", channels);
        root.put("k", factors.size());
        root.put("samples", samples);
        root.put("relativeError", relativeError);
        root.put("model", model);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Factor e : factors) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("index", e.index());
            f.put("label", e.label());
            f.put("iou", e.iou());
            if (!e.iouByClass().isEmpty()) {
                f.put("iouByClass", e.iouByClass());
            }
            if (!e.liftByClass().isEmpty()) {
                f.put("lift", e.lift());
                f.put("liftByClass", e.liftByClass());
            }
            f.put("direction", e.direction);
            list.add(f);
        }
        root.put("factors", list);
        Path target = dir.resolve(NAME);
        AtomicWrite.write(target, JSON.writeValueAsBytes(root));
        return target;
    }

    /**
     * Reads {@value #NAME}, given the file or the report folder holding it.
     *
     * @throws PluginException naming the file and what is wrong with it
     */
    public static NmfFactorsFile read(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(NAME) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new PluginException("--opt factors=" + fileOrDir + ": there is no " + (Files.isDirectory(fileOrDir)
                    ? NAME + " in that folder" : "such file") + "; give the factors.json of an attribution-nmf report or its folder");
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
            factors.add(new Factor(f.path("index").asInt(k), f.path("label").asText(""), f.path("iou").asDouble(Double.NaN), v,
                    byClass(file, k, f, "iouByClass", "IoU"), byClass(file, k, f, "liftByClass", "lift")));
        }
        JsonNode model = root.path("model");
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = model.isObject() ? JSON.convertValue(model, LinkedHashMap.class) : Map.of();
        return new NmfFactorsFile(file, layer, root.path("output").asText(""), channels, root.path("samples").asInt(0),
                root.path("relativeError").asDouble(Double.NaN), provenance, factors);
    }

    /** The optional per-class map {@code field} of factor {@code k}: numbers, or the texts Infinity and NaN. */
    private static Map<String, Double> byClass(Path file, int k, JsonNode factor, String field, String what) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        JsonNode node = factor.path(field);
        if (!node.isMissingNode() && !node.isObject()) {
            throw new PluginException(file + ": factor " + k + " has an '" + field + "' that is not an object of class → " + what
                    + "; the file is damaged");
        }
        for (Map.Entry<String, JsonNode> c : node.properties()) {
            JsonNode value = c.getValue();
            boolean special = value.isTextual() && Set.of("Infinity", "NaN").contains(value.asText());
            if (!value.isNumber() && !special) {
                throw new PluginException(file + ": factor " + k + " " + field + "." + c.getKey() + " is '" + value
                        + "', not a number; the file is damaged");
            }
            byClass.put(c.getKey(), special ? Double.parseDouble(value.asText()) : value.asDouble());
        }
        return byClass;
    }

    /**
     * The factor named by {@code key}: an index ({@code 3}, matching a factor's {@code index}) or a
     * label ({@code saw}, case-insensitive); when several factors share the label, the one with the
     * highest lift (files without lifts: IoU), then the lowest index.
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
            throw new PluginException("nmf:" + key + ": " + source() + " has no factor with index " + index + "; its indices are "
                    + indices() + " (labels " + String.join(", ", labels()) + ")");
        }
        Factor best = null;
        for (Factor f : factors) {
            if (f.label().toLowerCase(Locale.ROOT).equals(k.toLowerCase(Locale.ROOT))) {
                if (best == null || strength(f) > strength(best) || (strength(f) == strength(best) && f.index() < best.index())) {
                    best = f;
                }
            }
        }
        if (best == null) {
            throw new PluginException("nmf:" + key + ": " + source() + " has no factor labelled '" + key + "'; its labels are "
                    + String.join(", ", labels()) + " (or give an index: " + indices() + ")" + closest(k));
        }
        return best;
    }

    /** A lift as reports print it: {@code 8.3×}, {@code ∞×} (a factor that is zero away from the class). */
    public static String formatLift(double lift) {
        return Double.isInfinite(lift) ? "∞×" : String.format(Locale.ROOT, "%.1f×", lift);
    }

    /** How well a factor fits its label: its lift, or its IoU in a file without lifts. */
    private static double strength(Factor f) {
        return Double.isNaN(f.lift()) ? f.iou() : f.lift();
    }

    /**
     * For a label no factor won: the factor with the highest lift on that class (files without
     * lifts: IoU); empty when the file knows no such figure for the class.
     */
    private String closest(String label) {
        boolean lifts = factors.stream().anyMatch(f -> !f.liftByClass().isEmpty());
        Factor closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Factor f : factors) {
            for (Map.Entry<String, Double> e : (lifts ? f.liftByClass() : f.iouByClass()).entrySet()) {
                if (e.getKey().equalsIgnoreCase(label) && e.getValue() > best) {
                    closest = f;
                    best = e.getValue();
                }
            }
        }
        if (closest == null) {
            return "";
        }
        return lifts ? String.format(Locale.ROOT, "; the factor densest on '%s' is %d (%s, lift %s on %s)", label, closest.index(),
                closest.label(), formatLift(best), label)
                : String.format(Locale.ROOT, "; the factor that overlaps '%s' most is %d (%s, IoU %.3f with %s)",
                label, closest.index(), closest.label(), best, label);
    }

    /** The file for messages, or what stands in for it when the factors were not read from one. */
    private String source() {
        return file == null ? "the unwritten " + NAME + " of layer " + layer : file.toString();
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
