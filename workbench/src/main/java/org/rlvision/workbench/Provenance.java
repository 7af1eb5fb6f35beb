package org.rlvision.workbench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an artifact came from: the exact command line, the workbench and Java versions, the
 * platform and the time, recorded in every JSON report the CLI writes.
 *
 * @param commandLine the command as typed (arguments after {@code rlvision})
 * @param workbench   workbench version
 * @param java        Java runtime version and vendor
 * @param os          operating system and architecture
 * @param createdAt   ISO-8601 creation time
 */
public record Provenance(String commandLine, String workbench, String java, String os, String createdAt) {
    /** Provenance for a command run now with these arguments. */
    public static Provenance of(List<String> args) {
        return new Provenance("rlvision " + String.join(" ", args), Version.get(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Instant.now().toString());
    }

    /** As an ordered map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command_line", commandLine);
        m.put("workbench_version", workbench);
        m.put("java", java);
        m.put("os", os);
        m.put("created_at", createdAt);
        return m;
    }
}
