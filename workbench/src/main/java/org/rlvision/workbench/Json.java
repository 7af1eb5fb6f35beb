package org.rlvision.workbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper the CLI uses: pretty-printed, stable field order from ordered maps and records. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Serialises a value (maps, lists, records, primitives) to pretty JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
        }
    }

    /** The shared mapper, for reading. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
