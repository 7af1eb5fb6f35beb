package org.rlvision.plugins.attribution;

import org.rlvision.agent.IntraOpThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.Agent;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunVecEnv;
import org.rlvision.trajectories.Recorder;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.RunInfo;
import org.rlvision.trajectories.RunWriter;

/** Records a small real run in the Java engine for the plugin's tests. */
final class RecordedRun {
    static final EnvOptions OPTIONS = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true)
            .optStartLevel(300).optNumLevels(50).optRandSeed(4).build();

    private RecordedRun() {
    }

    /** {@code envs × steps} steps of the agent's sampled policy, with or without label maps. */
    static Run record(Agent agent, Path dir, int envs, int steps, boolean labels) throws IOException {
        RunInfo info = new RunInfo(Run.FORMAT, Run.FORMAT_VERSION, new RunInfo.ModelRef("random", "clear-cnn", "-"),
                Map.copyOf(OPTIONS.toProcgenKwargs()), "java", envs, steps, "300..349", 5, "SAMPLE", labels, "test", "now",
                null, null, Map.of());
        RunWriter w = RunWriter.create(dir, info);
        IntraOpThreads threads = IntraOpThreads.use(1);
        try (CoinRunVecEnv env = CoinRunVecEnv.create(envs, OPTIONS)) {
            Recorder.record(agent, env, new Recorder.Config(steps, 5, ActionSelection.SAMPLE, labels), w::write, n -> { });
        } finally {
            threads.close();
        }
        w.finish(w.written());
        return Run.open(dir);
    }
}
