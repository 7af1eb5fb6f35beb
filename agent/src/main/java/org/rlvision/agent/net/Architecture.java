package org.rlvision.agent.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The actor-critic architectures the workbench can build, each named by the id used in
 * {@code model.json} and on the command line.
 */
public enum Architecture {
    /**
     * The network from "Understanding RL Vision" (Hilton et al. 2020): conv layers
     * {@code 1a 2a 2b 3a 4a} with L2 pooling, dense 256 and 512, heads {@code pi} and {@code v}.
     */
    CLEAR_CNN("clear-cnn"),
    /** The IMPALA CNN (Espeholt et al. 2018) as used by Procgen: three conv stacks with residual blocks. */
    IMPALA_CNN("impala-cnn");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The id written in {@code model.json}, e.g. {@code clear-cnn}. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The architecture with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the bad id and the known ones
     */
    @JsonCreator
    public static Architecture parse(String id) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        String known = Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown architecture '" + id + "'; known: " + known);
    }
}
