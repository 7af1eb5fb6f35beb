package org.rlvision.plugins.circuitedit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.rlvision.agent.bundle.ModelBundle;

/** The repository's shipped agent, {@code models/coinrun-default}: it finishes a level in about 40 steps, which keeps tests short. */
final class ShippedModel {
    static final Path DIR = Path.of("../../models/coinrun-default");

    private ShippedModel() {
    }

    /** Loads the bundle (close it after use). */
    static ModelBundle load() {
        try {
            return ModelBundle.load(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped model " + DIR.toAbsolutePath() + " is missing: " + e.getMessage(), e);
        }
    }
}
