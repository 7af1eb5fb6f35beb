package org.rlvision.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's weights by PyTorch {@code state_dict} key (e.g. {@code conv2b.weight}, OIHW;
 * {@code fc1.weight}, [out,in]), in network order. Immutable.
 */
public final class StateDict {
    private final Map<String, Tensor> tensors;

    private StateDict(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** A state dict holding these tensors in the map's iteration order. */
    public static StateDict of(Map<String, Tensor> tensors) {
        return new StateDict(new LinkedHashMap<>(tensors));
    }

    /** The keys in network order. */
    public List<String> keys() {
        return List.copyOf(tensors.keySet());
    }

    /** The tensors by key, in network order (read-only view). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** True if a tensor has this key. */
    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /**
     * The tensor under this key.
     *
     * @throws IllegalArgumentException naming the missing key and the known ones
     */
    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + key + "'; known: " + String.join(" ", tensors.keySet()));
        }
        return t;
    }

    /** A new state dict with {@code key} replaced by {@code tensor} (same position). */
    public StateDict with(String key, Tensor tensor) {
        get(key);
        Map<String, Tensor> copy = new LinkedHashMap<>(tensors);
        copy.put(key, tensor);
        return new StateDict(copy);
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += t.size();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateDict s && tensors.equals(s.tensors) && keys().equals(s.keys());
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "StateDict" + tensors.keySet();
    }
}
