package org.rlvision.agent.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The static description of a network: its layers with per-example output shapes, its
 * parameters (DJL name ↔ {@code state_dict} key ↔ shape) and, for layers whose input is read by
 * a single kernel, that kernel's key (used by weight edits).
 *
 * @param config       the configuration
 * @param layers       layers in forward order, heads last
 * @param parameters   parameters in {@code block.getParameters()} order
 * @param inputKernels layer name → key of the kernel reading the layer's input (absent for
 *                     residual blocks, whose skip path bypasses the kernel)
 */
public record NetworkLayout(
        NetworkConfig config, List<LayerInfo> layers, List<ParameterSlot> parameters, Map<String, String> inputKernels) {
    /** Copies the lists. */
    public NetworkLayout {
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
        inputKernels = Map.copyOf(inputKernels);
    }

    /**
     * The layer with this name.
     *
     * @throws IllegalArgumentException naming the layer and the known ones
     */
    public LayerInfo layer(String name) {
        for (LayerInfo l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer '" + name + "'; known: " + String.join(" ", layerNames()));
    }

    /** Layer names in forward order. */
    public List<String> layerNames() {
        List<String> n = new ArrayList<>();
        layers.forEach(l -> n.add(l.name()));
        return n;
    }

    /** The {@code state_dict} keys in order. */
    public List<String> parameterKeys() {
        List<String> k = new ArrayList<>();
        parameters.forEach(p -> k.add(p.key()));
        return k;
    }

    /**
     * The parameter with this {@code state_dict} key.
     *
     * @throws IllegalArgumentException naming the key and the known ones
     */
    public ParameterSlot parameter(String key) {
        for (ParameterSlot p : parameters) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter '" + key + "'; known: " + String.join(" ", parameterKeys()));
    }

    /** The DJL parameter name for a {@code state_dict} key. */
    public String djlName(String key) {
        return parameter(key).djlName();
    }

    /** Total scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (ParameterSlot p : parameters) {
            n += p.size();
        }
        return n;
    }

    /**
     * The key of the kernel that reads this layer's input, e.g. {@code conv3a.weight} for {@code 3a}.
     *
     * @throws IllegalArgumentException if the layer is unknown or a skip path bypasses its kernel
     */
    public String inputKernelKey(String layer) {
        layer(layer);
        String key = inputKernels.get(layer);
        if (key == null) {
            List<String> editable = new ArrayList<>();
            for (String n : layerNames()) {
                if (inputKernels.containsKey(n)) {
                    editable.add(n);
                }
            }
            throw new IllegalArgumentException("layer '" + layer + "' has a skip connection, so editing its kernel "
                    + "cannot remove a direction from its input; edit one of: " + String.join(" ", editable));
        }
        return key;
    }

    /** The name of the layer right before {@code layer} (whose output it reads), or null for the first. */
    public String previousLayer(String layer) {
        List<String> names = layerNames();
        int i = names.indexOf(layer);
        layer(layer);
        int trunk = names.size() - 2;
        if (i >= trunk) {
            return names.get(trunk - 1);
        }
        return i == 0 ? null : names.get(i - 1);
    }
}
