package org.rlvision.workbench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.trajectories.Recorder;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.RunInfo;

/** What {@code rlvision record} and {@code rlvision demo} share: describing a new run and playing it in the Java CoinRun. */
final class RunRecording {
    private RunRecording() {
    }

    /**
     * The {@code run.json} of a run about to be recorded.
     *
     * @param options the environment (mode, velocity squares, centring) and level range
     * @param args    the command line after {@code rlvision}
     */
    static RunInfo newRun(Path model, ModelBundle bundle, EnvOptions options, int envs, int steps, SeedRange levels,
                          long seed, ActionSelection selection, boolean labels, List<String> args) {
        return new RunInfo(Run.FORMAT, Run.FORMAT_VERSION,
                new RunInfo.ModelRef(model.toAbsolutePath().toString(), bundle.card().network().architecture().id(),
                        bundle.card().weights().sha256()),
                new LinkedHashMap<>(options.toProcgenKwargs()), "java", envs, steps, levels.toString(), seed,
                selection.name(), labels, "rlvision " + String.join(" ", args), java.time.Instant.now().toString(),
                Run.STATUS_RECORDING, null, Provenance.currentVersions());
    }

    /** Plays the run {@code info} describes with {@code bundle}'s agent, handing each episode to {@code sink}. */
    static Recorder.Summary play(ModelBundle bundle, RunInfo info, Recorder.EpisodeSink sink, Progress progress)
            throws java.io.IOException {
        SeedRange range = SeedRange.parse(info.levels());
        EnvOptions options = info.envOptions().toBuilder().optStartLevel(range.first()).optNumLevels(range.size())
                .optRandSeed((int) info.seed()).build();
        try (CoinRunVecEnv vec = CoinRunVecEnv.create(info.envs(), options)) {
            return Recorder.record(bundle.agent(), vec, new Recorder.Config(info.stepsPerEnv(), info.seed(),
                    ActionSelection.valueOf(info.selection()), info.labels()), sink, progress::advance);
        }
    }
}
