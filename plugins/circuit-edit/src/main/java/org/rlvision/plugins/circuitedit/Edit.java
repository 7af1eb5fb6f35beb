package org.rlvision.plugins.circuitedit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlvision.agent.ActivationHook;
import org.rlvision.agent.Hooks;
import org.rlvision.agent.WeightEdit;
import org.rlvision.agent.net.NetworkLayout;

/**
 * One change to the agent, at a layer {@code L} (the layer whose <em>output</em> the direction or
 * channels live in): a weight edit of the kernels that read {@code L}, or an activation hook on
 * {@code L}. Edits compose ({@code +} in the option syntax) into one {@link Arm}.
 */
public sealed interface Edit permits Edit.KernelProjection, Edit.KernelAblation, Edit.ActivationProjection, Edit.ActivationAblation {
    /** The layer whose output the edit acts on, e.g. {@code 2b}. */
    String layer();

    /** The edit in option syntax, e.g. {@code project:2b:nmf:saw}. */
    String spec();

    /** The weight edit, or null if this edit changes no weight (a hook, or a zero direction). */
    WeightEdit weightEdit(NetworkLayout layout);

    /** {@code hooks} plus this edit's activation hook, if it has one. */
    Hooks addHooks(Hooks hooks);

    /** What the edit is, as JSON-ready values (kind, layer, direction or channels, source). */
    Map<String, Object> describe();

    /**
     * The layers reading {@code layer}'s output, whose kernels a weight edit at {@code layer} changes:
     * the next layer of the trunk, or both heads after the last dense layer.
     */
    static List<String> readers(NetworkLayout layout, String layer) {
        List<String> out = new ArrayList<>();
        for (String name : layout.layerNames()) {
            if (layer.equals(layout.previousLayer(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** The same kind of weight edit applied to every kernel reading {@code layer}, one after another. */
    private static WeightEdit atReaders(NetworkLayout layout, String layer, java.util.function.Function<String, WeightEdit> edit) {
        WeightEdit w = null;
        for (String reader : readers(layout, layer)) {
            WeightEdit e = edit.apply(reader);
            w = w == null ? e : w.andThen(e);
        }
        return w;
    }

    /**
     * Hilton et al.'s edit: every kernel reading {@code layer} is left-multiplied, per input slice,
     * by {@code P = I − vvᵀ/‖v‖²}, so the next layer no longer sees direction v. A zero v is the
     * identity (no weight changes at all).
     *
     * @param layer     where v lives, e.g. {@code 2b} (the edited kernel is {@code 3a}'s)
     * @param direction v
     * @param spec      the edit as written
     */
    record KernelProjection(String layer, Direction direction, String spec) implements Edit {
        @Override
        public WeightEdit weightEdit(NetworkLayout layout) {
            if (direction.isZero()) {
                return null;
            }
            return atReaders(layout, layer, reader -> WeightEdit.projectInputDirection(reader, direction.values()));
        }

        @Override
        public Hooks addHooks(Hooks hooks) {
            return hooks;
        }

        @Override
        public Map<String, Object> describe() {
            return description("project", layer, spec, direction);
        }
    }

    /**
     * Channel ablation in the weights: the slices of every kernel reading {@code layer} that read
     * these channels are set to zero.
     *
     * @param layer    where the channels live
     * @param channels the channels
     * @param spec     the edit as written
     */
    record KernelAblation(String layer, int[] channels, String spec) implements Edit {
        /** Copies the channels. */
        public KernelAblation {
            channels = channels.clone();
        }

        @Override
        public WeightEdit weightEdit(NetworkLayout layout) {
            return atReaders(layout, layer, reader -> WeightEdit.zeroInputChannels(reader, channels));
        }

        @Override
        public Hooks addHooks(Hooks hooks) {
            return hooks;
        }

        @Override
        public Map<String, Object> describe() {
            return description("ablate", layer, spec, channels);
        }
    }

    /**
     * Activation-space projection: {@code a ← a − v(v·a)/‖v‖²} at every position of {@code layer}'s
     * output, during the forward pass. A zero v is the identity (no hook).
     *
     * @param layer     the hooked layer
     * @param direction v
     * @param spec      the edit as written
     */
    record ActivationProjection(String layer, Direction direction, String spec) implements Edit {
        @Override
        public WeightEdit weightEdit(NetworkLayout layout) {
            return null;
        }

        @Override
        public Hooks addHooks(Hooks hooks) {
            return direction.isZero() ? hooks : hooks.and(layer, ActivationHook.projectOut(direction.values()));
        }

        @Override
        public Map<String, Object> describe() {
            return description("act-project", layer, spec, direction);
        }
    }

    /**
     * Activation-space channel ablation: these channels of {@code layer}'s output are set to zero
     * during the forward pass.
     *
     * @param layer    the hooked layer
     * @param channels the channels
     * @param spec     the edit as written
     */
    record ActivationAblation(String layer, int[] channels, String spec) implements Edit {
        /** Copies the channels. */
        public ActivationAblation {
            channels = channels.clone();
        }

        @Override
        public WeightEdit weightEdit(NetworkLayout layout) {
            return null;
        }

        @Override
        public Hooks addHooks(Hooks hooks) {
            return hooks.and(layer, ActivationHook.zeroChannels(channels));
        }

        @Override
        public Map<String, Object> describe() {
            return description("act-ablate", layer, spec, channels);
        }
    }

    private static Map<String, Object> description(String kind, String layer, String spec, Direction direction) {
        Map<String, Object> m = description(kind, layer, spec);
        m.put("direction", direction.values());
        m.put("source", direction.source());
        return m;
    }

    private static Map<String, Object> description(String kind, String layer, String spec, int[] channels) {
        Map<String, Object> m = description(kind, layer, spec);
        m.put("channels", Arrays.stream(channels).boxed().toList());
        return m;
    }

    private static Map<String, Object> description(String kind, String layer, String spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("layer", layer);
        m.put("spec", spec);
        return m;
    }
}
