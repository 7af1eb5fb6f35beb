package org.rlvision.workbench;

import java.io.IOException;
import java.nio.file.Path;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.EnvSpec;

/** Loading a model bundle for a command, with user-facing errors. */
final class Models {
    private Models() {
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
