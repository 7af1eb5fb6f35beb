package org.rlvision.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a plugin run produced: a title, summary figures and the files it wrote into its output
 * folder. The workbench saves it as {@code report.json} and renders an {@code index.html} that
 * shows PNG artifacts inline and links the others.
 *
 * @param title     a heading, e.g. {@code Value histogram of runs/demo}
 * @param figures   summary numbers
 * @param artifacts files in the output folder
 */
public record Report(String title, List<Figure> figures, List<Artifact> artifacts) {
    /** Copies the lists. */
    public Report {
        Objects.requireNonNull(title, "title");
        figures = List.copyOf(figures);
        artifacts = List.copyOf(artifacts);
    }

    /** A builder for a report with this title. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * One summary number.
     *
     * @param name  what it is, e.g. {@code mean value}
     * @param value the number
     * @param unit  its unit, or empty
     */
    public record Figure(String name, double value, String unit) {
        /** Checks the name. */
        public Figure {
            Objects.requireNonNull(name, "name");
            unit = unit == null ? "" : unit;
        }
    }

    /** The kind of an artifact, which decides how {@code index.html} shows it. */
    public enum Kind {
        /** Machine-readable data. */
        JSON,
        /** An image, shown inline. */
        PNG,
        /** A page, linked. */
        HTML,
        /** Anything else, linked. */
        OTHER
    }

    /**
     * A file the plugin wrote.
     *
     * @param path    relative to the output folder, e.g. {@code histogram.png}
     * @param kind    how to show it
     * @param caption one line describing it
     */
    public record Artifact(String path, Kind kind, String caption) {
        /** Checks the path is relative and stays inside the output folder. */
        public Artifact {
            Objects.requireNonNull(kind, "kind");
            if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("artifact path '" + path + "' must be relative to the output folder");
            }
            caption = caption == null ? "" : caption;
        }
    }

    /** Builds a {@link Report}. */
    public static final class Builder {
        private final String title;
        private final List<Figure> figures = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /** Adds a summary number. */
        public Builder figure(String name, double value, String unit) {
            figures.add(new Figure(name, value, unit));
            return this;
        }

        /** Adds a file the plugin wrote. */
        public Builder artifact(String path, Kind kind, String caption) {
            artifacts.add(new Artifact(path, kind, caption));
            return this;
        }

        /** The report. */
        public Report build() {
            return new Report(title, figures, artifacts);
        }
    }
}
