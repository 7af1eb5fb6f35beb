package org.rlvision.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * Parsed option values of one plugin run, by option name; every declared option has a value
 * (given or default) unless it is required and was not given, which the workbench refuses before
 * the plugin runs.
 *
 * @param values {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code Path} by name
 */
public record PluginOptions(Map<String, Object> values) {
    /** Copies the map. */
    public PluginOptions {
        values = Map.copyOf(values);
    }

    /** A string option. */
    public String string(String name) {
        return get(name, String.class);
    }

    /** An {@link OptionType#INT} option. */
    public long integer(String name) {
        return get(name, Long.class);
    }

    /** A {@link OptionType#DOUBLE} option. */
    public double number(String name) {
        return get(name, Double.class);
    }

    /** A {@link OptionType#BOOLEAN} option. */
    public boolean flag(String name) {
        return get(name, Boolean.class);
    }

    /** A {@link OptionType#PATH} option. */
    public Path path(String name) {
        return get(name, Path.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no option '" + name + "'; declared options: " + values.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("option '" + name + "' holds a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName() + "; read it with the accessor of its declared type");
        }
        return type.cast(v);
    }
}
