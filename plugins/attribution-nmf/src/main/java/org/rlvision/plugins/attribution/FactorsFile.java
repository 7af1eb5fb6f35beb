package org.rlvision.plugins.attribution;

import org.rlvision.plugin.AtomicWrite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code factors.json}, the factors as other plugins read them (circuit-edit projects a factor's
 * direction out of the next layer):
 * <pre>
 * {"format":"rlvision-nmf-factors","formatVersion":1,"layer":"2b","output":"value","channels":32,"k":8,
 *  "samples":4096,"relativeError":0.123,"model":{…provenance…},
 *  "factors":[{"index":0,"label":"saw","iou":0.43,"direction":[32 non-negative floats summing to 1]}, …]}
 * </pre>
 * Factors are listed by index, which orders them by the attribution mass they carry.
 *
 * @param layer         the layer, e.g. {@code 2b}
 * @param output        what was attributed, e.g. {@code value}
 * @param channels      C
 * @param samples       observations the NMF was fitted on
 * @param relativeError the fit's {@code ‖X − WH‖/‖X‖}
 * @param model         model provenance (architecture, weights hash, …)
 * @param factors       the factors, by index
 */
public record FactorsFile(String layer, String output, int channels, int samples, double relativeError,
                          Map<String, Object> model, List<Entry> factors) {
    /** The {@code format} field. */
    public static final String FORMAT = "rlvision-nmf-factors";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The file name. */
    public static final String NAME = "factors.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the collections. */
    public FactorsFile {
        model = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
        factors = List.copyOf(factors);
    }

    /**
     * One factor.
     *
     * @param index     factor index
     * @param label     automatic label, e.g. {@code saw}
     * @param iou       the label's IoU
     * @param direction the direction over channels (length C, non-negative)
     */
    public record Entry(int index, String label, double iou, float[] direction) {
    }

    /** Writes the file atomically into {@code dir}. */
    public void write(Path dir) throws IOException {
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
        for (Entry e : factors) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("index", e.index());
            f.put("label", e.label());
            f.put("iou", e.iou());
            f.put("direction", e.direction());
            list.add(f);
        }
        root.put("factors", list);
        AtomicWrite.write(dir.resolve(NAME), JSON.writeValueAsBytes(root));
    }

    /**
     * Reads a {@code factors.json}.
     *
     * @throws IOException naming the file when it is not this format or version
     */
    public static FactorsFile read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IOException(file + " is not a " + FORMAT + " v" + FORMAT_VERSION
                    + " file; write one with rlvision run attribution-nmf");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode f : root.path("factors")) {
            JsonNode d = f.path("direction");
            float[] dir = new float[d.size()];
            for (int i = 0; i < dir.length; i++) {
                dir[i] = (float) d.get(i).asDouble();
            }
            entries.add(new Entry(f.path("index").asInt(), f.path("label").asText(), f.path("iou").asDouble(), dir));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> model = JSON.convertValue(root.path("model"), Map.class);
        return new FactorsFile(root.path("layer").asText(), root.path("output").asText(), root.path("channels").asInt(),
                root.path("samples").asInt(), root.path("relativeError").asDouble(), model == null ? Map.of() : model, entries);
    }
}
