package org.rlvision.workbench;

import java.io.IOException;
import java.nio.file.Path;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.EnvSpec;

/** Loading a model bundle for a command, with user-facing errors. */
final class Models {
    private Models() {
    }

    /** Where the shipped default agent lives: {@code models/coinrun-default} under the workbench's home. */
    static Path defaultModel() {
        String home = System.getProperty("rlvision.home", ".");
        return Path.of(home, "models", "coinrun-default");
    }

    /** {@code dir}, or the shipped default when no --model was given. */
    static Path orDefault(Path dir) {
        if (dir != null) {
            return dir;
        }
        Path d = defaultModel();
        if (!java.nio.file.Files.isDirectory(d)) {
            throw new UserException("no --model given and no default model at " + d + "; pass --model DIR "
                    + "(rlvision model init makes an untrained one)");
        }
        return d;
    }

    /** Loads and checks a bundle against the Procgen spec, or fails with one sentence naming it. */
    static ModelBundle load(Path dir) {
        try {
            ModelBundle b = ModelBundle.load(dir);
            try {
                b.requireCompatible(EnvSpec.procgen());
            } catch (IllegalArgumentException e) {
                b.close();
                throw e;
            }
            return b;
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("cannot load the model " + dir + ": " + e.getMessage()
                    + " (make one with: rlvision model init --out DIR)", e);
        }
    }
}
