package org.rlvision.plugins.circuitedit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.nmf.NmfFactorsFile;

/**
 * Turns the {@code edit} and {@code controls} options into arms, checking every layer, channel
 * and direction against the model.
 *
 * <p>Syntax: arms are separated by {@code ;}, the edits of one arm are joined by {@code +}:
 * <pre>
 * edit      := KIND ':' LAYER ':' ARG
 * project    / act-project  ARG = direction: nmf:LABEL | nmf:INDEX | channel:C | vec:FILE
 * ablate     / act-ablate   ARG = C[:C...]
 * controls  := invisible-saws | invisible-enemies | invisible-lava | invisible-crates, joined by ';' or '+'
 * </pre>
 * {@code project}/{@code ablate} edit the kernels that read {@code LAYER}; {@code act-project}/{@code act-ablate}
 * rewrite {@code LAYER}'s activation.
 */
public final class ArmParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SemanticLabel> CONTROLS = new LinkedHashMap<>();

    static {
        CONTROLS.put("invisible-saws", SemanticLabel.SAW);
        CONTROLS.put("invisible-enemies", SemanticLabel.ENEMY);
        CONTROLS.put("invisible-lava", SemanticLabel.LAVA);
        CONTROLS.put("invisible-crates", SemanticLabel.CRATE);
    }

    private final NetworkLayout layout;
    private final Supplier<NmfFactorsFile> factors;

    /**
     * A parser for one model.
     *
     * @param layout  the model's layers
     * @param factors reads the NMF factors when an {@code nmf:} direction needs them (throws if none were given)
     */
    public ArmParser(NetworkLayout layout, Supplier<NmfFactorsFile> factors) {
        this.layout = layout;
        this.factors = factors;
    }

    /**
     * A parser reading factors from the {@code factors} option's value (empty: none given).
     *
     * @param layout        the model's layers
     * @param factorsOption a factors.json file or a folder holding one, or empty
     */
    public static ArmParser forOption(NetworkLayout layout, String factorsOption) {
        NmfFactorsFile[] cache = new NmfFactorsFile[1];
        return new ArmParser(layout, () -> {
            if (factorsOption == null || factorsOption.isBlank()) {
                throw new PluginException("an nmf: direction needs --opt factors=PATH (the factors.json of an attribution-nmf "
                        + "report, or its folder)");
            }
            if (cache[0] == null) {
                cache[0] = NmfFactorsFile.read(Path.of(factorsOption.trim()));
            }
            return cache[0];
        });
    }

    /**
     * The arms: the original first, then one per edit arm, then one per control.
     *
     * @param editOption     the {@code edit} option, e.g. {@code project:2b:nmf:saw;ablate:3a:1+ablate:3a:2}
     * @param controlsOption the {@code controls} option, e.g. {@code invisible-saws;invisible-enemies}
     * @throws PluginException naming the bad part and what to write instead
     */
    public List<Arm> parse(String editOption, String controlsOption) {
        List<Arm> arms = new ArrayList<>();
        arms.add(Arm.original());
        Set<String> names = new LinkedHashSet<>();
        names.add(Arm.ORIGINAL);
        for (String armText : split(editOption, ";")) {
            List<Edit> edits = new ArrayList<>();
            for (String e : split(armText, "+")) {
                edits.add(parseEdit(e));
            }
            String name = String.join("+", edits.stream().map(Edit::spec).toList());
            if (!names.add(name)) {
                throw new PluginException("--opt edit lists the arm '" + name + "' twice; give each arm once");
            }
            arms.add(new Arm(name, Arm.Kind.EDIT, edits, Set.of()));
        }
        for (String controlText : split(controlsOption, ";")) {
            Set<SemanticLabel> hidden = EnumSet.noneOf(SemanticLabel.class);
            List<String> parts = new ArrayList<>();
            for (String c : split(controlText, "+")) {
                SemanticLabel label = CONTROLS.get(c.toLowerCase(Locale.ROOT));
                if (label == null) {
                    throw new PluginException("--opt controls=" + controlsOption + ": unknown control '" + c + "'; use "
                            + String.join(", ", CONTROLS.keySet()) + " (several arms separated by ';', combined with '+')");
                }
                hidden.add(label);
                parts.add(c.toLowerCase(Locale.ROOT));
            }
            String name = String.join("+", parts);
            if (!names.add(name)) {
                throw new PluginException("--opt controls lists '" + name + "' twice; give each control once");
            }
            arms.add(new Arm(name, Arm.Kind.CONTROL, List.of(), hidden));
        }
        return arms;
    }

    /**
     * Parses one edit, e.g. {@code project:2b:nmf:saw} or {@code act-ablate:3a:4:7}.
     *
     * @throws PluginException naming the edit and what is wrong
     */
    public Edit parseEdit(String text) {
        String t = text.trim();
        String[] p = t.split(":", 3);
        if (p.length < 3 || p[1].isBlank() || p[2].isBlank()) {
            throw new PluginException("edit '" + t + "' is incomplete; write KIND:LAYER:ARG, e.g. project:2b:nmf:saw, "
                    + "ablate:2b:5, act-project:2b:channel:5 or act-ablate:3a:4:7");
        }
        String kind = p[0].trim().toLowerCase(Locale.ROOT);
        String layer = p[1].trim();
        int channels = channelsOf(t, layer);
        return switch (kind) {
            case "project" -> {
                requireReaders(t, layer);
                yield new Edit.KernelProjection(layer, direction(t, layer, channels, p[2].trim()), t);
            }
            case "act-project" -> new Edit.ActivationProjection(layer, direction(t, layer, channels, p[2].trim()), t);
            case "ablate" -> {
                requireReaders(t, layer);
                yield new Edit.KernelAblation(layer, channelList(t, layer, channels, p[2]), t);
            }
            case "act-ablate" -> new Edit.ActivationAblation(layer, channelList(t, layer, channels, p[2]), t);
            default -> throw new PluginException("edit '" + t + "' has unknown kind '" + p[0] + "'; use project, ablate, "
                    + "act-project or act-ablate");
        };
    }

    /**
     * Resolves a direction at {@code layer}: {@code nmf:LABEL}, {@code nmf:INDEX}, {@code channel:C}
     * (one-hot) or {@code vec:FILE} (one number per channel, as a JSON array, a JSON object with a
     * {@code direction} array, or plain text separated by spaces, commas or new lines).
     *
     * @throws PluginException naming the direction and what is wrong
     */
    public Direction direction(String edit, String layer, int channels, String text) {
        String[] p = text.split(":", 2);
        String type = p[0].trim().toLowerCase(Locale.ROOT);
        String arg = p.length > 1 ? p[1].trim() : "";
        if (arg.isEmpty()) {
            throw new PluginException("edit '" + edit + "': direction '" + text + "' is incomplete; write nmf:LABEL, nmf:INDEX, "
                    + "channel:C or vec:FILE");
        }
        switch (type) {
            case "nmf" -> {
                NmfFactorsFile f = factors.get();
                if (!f.layer().equals(layer)) {
                    throw new PluginException("edit '" + edit + "': the factors in " + f.file() + " are directions at layer "
                            + f.layer() + ", not " + layer + "; write " + edit.replaceFirst(":" + java.util.regex.Pattern.quote(layer) + ":",
                            ":" + f.layer() + ":") + " or use factors computed at layer " + layer);
                }
                if (f.channels() != channels) {
                    throw new PluginException("edit '" + edit + "': the factors in " + f.file() + " have " + f.channels()
                            + " channels but this model's layer " + layer + " has " + channels
                            + "; use factors computed for this model");
                }
                NmfFactorsFile.Factor factor = f.find(arg);
                String fit = Double.isNaN(factor.lift()) ? String.format(Locale.ROOT, "IoU %.3f", factor.iou())
                        : String.format(Locale.ROOT, "lift %s%s, IoU %.3f", NmfFactorsFile.formatLift(factor.lift()), runnerUp(factor),
                        factor.iou());
                return new Direction(factor.direction(), "nmf:" + arg + " = factor " + factor.index() + " '" + factor.label()
                        + "' (" + fit + ")");
            }
            case "channel" -> {
                int c = channel(edit, layer, channels, arg);
                float[] v = new float[channels];
                v[c] = 1f;
                return new Direction(v, "channel:" + c);
            }
            case "vec" -> {
                return new Direction(readVector(edit, layer, channels, Path.of(arg)), "vec:" + arg);
            }
            default -> throw new PluginException("edit '" + edit + "': unknown direction '" + text + "'; use nmf:LABEL, "
                    + "nmf:INDEX, channel:C or vec:FILE");
        }
    }

    /** {@code ", next enemy 8.0×"}: the class with the factor's second-highest lift, so a label won by a hair shows as one. */
    private static String runnerUp(NmfFactorsFile.Factor factor) {
        return factor.liftByClass().entrySet().stream()
                .filter(e -> !e.getKey().equals(factor.label()))
                .max(Map.Entry.comparingByValue())
                .map(e -> ", next " + e.getKey() + " " + NmfFactorsFile.formatLift(e.getValue()))
                .orElse("");
    }

    private float[] readVector(String edit, String layer, int channels, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PluginException("edit '" + edit + "': there is no vector file " + file + "; give a file with " + channels
                    + " numbers", e);
        } catch (IOException e) {
            throw new PluginException("edit '" + edit + "': cannot read the vector file " + file + " (" + e.getMessage()
                    + "); give a file with " + channels + " numbers", e);
        }
        List<Double> values = new ArrayList<>();
        String trimmed = text.trim();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            JsonNode node;
            try {
                node = JSON.readTree(trimmed);
            } catch (IOException e) {
                throw new PluginException("edit '" + edit + "': " + file + " is not valid JSON; write a JSON array of "
                        + channels + " numbers or plain numbers separated by spaces", e);
            }
            JsonNode arr = node.isObject() ? node.path("direction") : node;
            if (!arr.isArray()) {
                throw new PluginException("edit '" + edit + "': " + file + " holds no array of numbers (a JSON object needs a "
                        + "'direction' array)");
            }
            for (JsonNode n : arr) {
                if (!n.isNumber()) {
                    throw new PluginException("edit '" + edit + "': " + file + " holds '" + n + "', not a number");
                }
                values.add(n.asDouble());
            }
        } else {
            for (String tok : trimmed.split("[\\s,;]+")) {
                if (tok.isEmpty()) {
                    continue;
                }
                try {
                    values.add(Double.parseDouble(tok));
                } catch (NumberFormatException e) {
                    throw new PluginException("edit '" + edit + "': " + file + " holds '" + tok + "', not a number", e);
                }
            }
        }
        if (values.size() != channels) {
            throw new PluginException("edit '" + edit + "': " + file + " has " + values.size() + " numbers but layer " + layer
                    + " has " + channels + " channels; write one number per channel");
        }
        float[] v = new float[channels];
        for (int i = 0; i < channels; i++) {
            double d = values.get(i);
            if (!Double.isFinite(d) || Math.abs(d) > Float.MAX_VALUE) {
                throw new PluginException("edit '" + edit + "': " + file + " value " + i + " is " + d + ", not a finite float");
            }
            v[i] = (float) d;
        }
        return v;
    }

    private int channelsOf(String edit, String layer) {
        try {
            return layout.layer(layer).channels();
        } catch (IllegalArgumentException e) {
            throw new PluginException("edit '" + edit + "': " + e.getMessage(), e);
        }
    }

    private void requireReaders(String edit, String layer) {
        List<String> readers = Edit.readers(layout, layer);
        if (readers.isEmpty()) {
            throw new PluginException("edit '" + edit + "': no layer reads the output of '" + layer + "', so there is no kernel "
                    + "to edit; use act-project or act-ablate on it, or edit an earlier layer");
        }
        for (String r : readers) {
            try {
                layout.inputKernelKey(r);
            } catch (IllegalArgumentException e) {
                throw new PluginException("edit '" + edit + "': " + e.getMessage(), e);
            }
        }
    }

    private int[] channelList(String edit, String layer, int channels, String text) {
        List<Integer> out = new ArrayList<>();
        for (String tok : text.split(":")) {
            int c = channel(edit, layer, channels, tok.trim());
            if (out.contains(c)) {
                throw new PluginException("edit '" + edit + "' lists channel " + c + " twice; give each channel once");
            }
            out.add(c);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int channel(String edit, String layer, int channels, String text) {
        int c;
        try {
            c = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new PluginException("edit '" + edit + "': '" + text + "' is not a channel number; layer " + layer
                    + " has channels 0.." + (channels - 1), e);
        }
        if (c < 0 || c >= channels) {
            throw new PluginException("edit '" + edit + "': channel " + c + " does not exist; layer " + layer + " has channels 0.."
                    + (channels - 1));
        }
        return c;
    }

    private static List<String> split(String text, String separator) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String s : text.split(java.util.regex.Pattern.quote(separator))) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * Rebuilds arms from the {@code arms} list a journal records ({@link Arm#describe()}), for merging
     * and for re-playing example levels without the original options.
     *
     * @throws PluginException if the list is malformed
     */
    public static List<Arm> fromJson(JsonNode arms) {
        List<Arm> out = new ArrayList<>();
        for (JsonNode a : arms) {
            String name = a.path("name").asText();
            Arm.Kind kind;
            try {
                kind = Arm.Kind.valueOf(a.path("kind").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PluginException("the journal's arm '" + name + "' has unknown kind '" + a.path("kind").asText()
                        + "'; the journal is damaged", e);
            }
            List<Edit> edits = new ArrayList<>();
            for (JsonNode e : a.path("edits")) {
                String layer = e.path("layer").asText();
                String spec = e.path("spec").asText();
                switch (e.path("kind").asText()) {
                    case "project" -> edits.add(new Edit.KernelProjection(layer, directionOf(e), spec));
                    case "act-project" -> edits.add(new Edit.ActivationProjection(layer, directionOf(e), spec));
                    case "ablate" -> edits.add(new Edit.KernelAblation(layer, channelsOf(e), spec));
                    case "act-ablate" -> edits.add(new Edit.ActivationAblation(layer, channelsOf(e), spec));
                    default -> throw new PluginException("the journal's arm '" + name + "' has an edit of unknown kind '"
                            + e.path("kind").asText() + "'; the journal is damaged");
                }
            }
            Set<SemanticLabel> hidden = EnumSet.noneOf(SemanticLabel.class);
            for (JsonNode h : a.path("hidden")) {
                try {
                    hidden.add(SemanticLabel.valueOf(h.asText()));
                } catch (IllegalArgumentException e) {
                    throw new PluginException("the journal's arm '" + name + "' hides unknown class '" + h.asText()
                            + "'; the journal is damaged", e);
                }
            }
            out.add(new Arm(name, kind, edits, hidden));
        }
        return out;
    }

    private static Direction directionOf(JsonNode e) {
        JsonNode d = e.path("direction");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d.get(i).asDouble();
        }
        return new Direction(v, e.path("source").asText());
    }

    private static int[] channelsOf(JsonNode e) {
        JsonNode d = e.path("channels");
        int[] c = new int[d.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = d.get(i).asInt();
        }
        return c;
    }
}
