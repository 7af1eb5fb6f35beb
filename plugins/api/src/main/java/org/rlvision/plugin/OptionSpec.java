package org.rlvision.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option a plugin accepts, given on the command line as {@code --opt name=value}.
 *
 * @param name         lower-case letters, digits and dashes, e.g. {@code bins}
 * @param type         how the value is parsed and checked
 * @param defaultValue the value when none is given, in command-line form; null makes the option required
 * @param help         one sentence for {@code rlvision plugins}
 */
public record OptionSpec(String name, OptionType type, String defaultValue, String help) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Checks the name, and that the default parses as the type. */
    public OptionSpec {
        Objects.requireNonNull(type, "type");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name '" + name + "' must be lower-case letters, digits and dashes");
        }
        help = help == null ? "" : help;
        if (defaultValue != null) {
            type.parse(defaultValue, name);
        }
    }

    /** An option with a default. */
    public static OptionSpec of(String name, OptionType type, String defaultValue, String help) {
        return new OptionSpec(name, type, defaultValue, help);
    }

    /** A required option (no default). */
    public static OptionSpec required(String name, OptionType type, String help) {
        return new OptionSpec(name, type, null, help);
    }
}
