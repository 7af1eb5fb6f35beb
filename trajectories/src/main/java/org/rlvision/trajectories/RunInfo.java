package org.rlvision.trajectories;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.Map;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;

/**
 * The content of a run's {@code run.json}: what was recorded, with which model and environment,
 * how, and whether the recording finished.
 *
 * @param format        always {@value Run#FORMAT}
 * @param formatVersion the run format version ({@value Run#FORMAT_VERSION})
 * @param model         the model that acted
 * @param environment   environment options in Procgen's names ({@code distribution_mode}, …)
 * @param backend       {@code java} (the embedded engine)
 * @param envs          number of environments stepped together
 * @param stepsPerEnv   steps taken in each environment
 * @param levels        level seeds {@code A..B}
 * @param seed          the recording seed (action sampling and {@code rand_seed})
 * @param selection     {@code SAMPLE} or {@code GREEDY}
 * @param labels        whether semantic label maps were recorded
 * @param commandLine   the command that made the run
 * @param createdAt     ISO-8601 UTC time the recording started
 * @param status        {@value Run#STATUS_RECORDING} until the recording finishes, then {@value Run#STATUS_COMPLETE}
 * @param episodes      number of episode files once complete, else null
 * @param versions      software versions (workbench, DJL, PyTorch, Java, OS)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(String format, int formatVersion, ModelRef model, Map<String, Object> environment, String backend,
                      int envs, int stepsPerEnv, String levels, long seed, String selection, boolean labels,
                      String commandLine, String createdAt, String status, Integer episodes, Map<String, String> versions) {

    /**
     * The model of a run.
     *
     * @param path          the bundle folder: absolute, or relative to the run folder when the model travels with
     *                      the run (a report that keeps its edited models), so a moved or cloned report still finds it
     * @param architecture  e.g. {@code clear-cnn}
     * @param weightsSha256 sha256 of its weights file
     */
    public record ModelRef(String path, String architecture, String weightsSha256) {
        /**
         * A reference to {@code model} as seen from the run folder {@code runDir}: the relative path between the two,
         * for a model that is kept next to the run and moves with it.
         */
        public static ModelRef relativeTo(Path runDir, Path model, String architecture, String weightsSha256) {
            Path rel = runDir.toAbsolutePath().normalize().relativize(model.toAbsolutePath().normalize());
            return new ModelRef(rel.toString().replace('\\', '/'), architecture, weightsSha256);
        }

        /** The bundle folder for a run in {@code runDir}: {@link #path} itself if absolute, else resolved against the run. */
        public Path locate(Path runDir) {
            Path p = Path.of(path);
            return p.isAbsolute() ? p : runDir.resolve(p).normalize();
        }
    }

    /** This info with a new status and episode count. */
    public RunInfo withStatus(String newStatus, Integer episodeCount) {
        return new RunInfo(format, formatVersion, model, environment, backend, envs, stepsPerEnv, levels, seed, selection,
                labels, commandLine, createdAt, newStatus, episodeCount, versions);
    }

    /**
     * The environment options to replay a level with: mode, {@code paint_vel_info} and
     * {@code center_agent} as recorded.
     *
     * @throws IllegalArgumentException naming a missing or bad field
     */
    public EnvOptions envOptions() {
        Object mode = environment.get("distribution_mode");
        if (mode == null) {
            throw new IllegalArgumentException("run.json has no environment.distribution_mode");
        }
        return EnvOptions.builder().optDistributionMode(DistributionMode.parse(mode.toString()))
                .optPaintVelInfo(Boolean.TRUE.equals(environment.get("paint_vel_info")))
                .optCenterAgent(!Boolean.FALSE.equals(environment.get("center_agent")))
                .build();
    }
}
