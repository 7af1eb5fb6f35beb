package org.rlvision.plugin;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** The type of a plugin option, which says how {@code --opt name=value} is parsed. */
public enum OptionType {
    /** Any text. */
    STRING,
    /** A whole number (Java {@code long}). */
    INT,
    /** A decimal number. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A file or folder path. */
    PATH;

    /**
     * Parses a value of this type.
     *
     * @param text   the value as typed
     * @param option the option's name, for the message
     * @return a {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code Path}
     * @throws PluginException naming the option, the value and the expected form
     */
    public Object parse(String text, String option) {
        String t = text.trim();
        try {
            return switch (this) {
                case STRING -> text;
                case INT -> Long.parseLong(t);
                case DOUBLE -> {
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case PATH -> Path.of(t);
            };
        } catch (NumberFormatException | InvalidPathException e) {
            throw new PluginException("option '" + option + "' is " + article() + " but got '" + text + "'; " + hint());
        }
    }

    private String article() {
        return switch (this) {
            case INT -> "an int";
            case DOUBLE -> "a double";
            case BOOLEAN -> "a boolean";
            case PATH -> "a path";
            case STRING -> "a string";
        };
    }

    private String hint() {
        return switch (this) {
            case INT -> "give a whole number such as 20";
            case DOUBLE -> "give a number such as 0.5";
            case BOOLEAN -> "give true or false";
            case PATH -> "give a valid file path";
            case STRING -> "give any text";
        };
    }
}
