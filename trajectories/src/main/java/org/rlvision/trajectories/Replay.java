package org.rlvision.trajectories;

import java.util.Arrays;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Observations;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.coinrun.CoinRunVecEnv;

/**
 * Replays recorded episodes: re-simulates each from its level seed and actions with the embedded
 * Java engine and compares every frame, reward and the ending bit for bit; optionally re-evaluates
 * the model on the stored frames and measures how far values and logits moved.
 */
public final class Replay {
    private static final int BATCH = 64;

    private Replay() {
    }

    /**
     * Replays one episode.
     *
     * @param e       the recorded episode
     * @param options the run's environment options (mode, {@code paint_vel_info}, {@code center_agent})
     * @param agent   the model to re-evaluate, or null to skip re-evaluation
     * @return where (if anywhere) the replay differs, and the value/logit deltas
     */
    public static ReplayCheck check(Episode e, EnvOptions options, Agent agent) {
        String recordedEnd = e.finished() ? e.endCause().name() : EpisodeFile.UNFINISHED;
        String replayedEnd = EpisodeFile.UNFINISHED;
        int differs = -1;
        String detail = "";
        int frame = e.frameBytes();
        EnvOptions single = options.toBuilder().optSingleLevel(e.levelSeed()).build();
        try (CoinRunVecEnv env = CoinRunVecEnv.create(1, single)) {
            StepBatch s = env.observe();
            if (!sameFrame(s.observations(), e.observations(), 0)) {
                differs = 0;
                detail = "the initial frame differs";
            }
            int[] action = new int[1];
            for (int t = 0; t < e.length() && differs < 0; t++) {
                action[0] = e.actions()[t];
                env.act(action);
                s = env.observe();
                EpisodeEnd end = s.episodeEnd(0);
                boolean last = t == e.length() - 1;
                if (Float.floatToIntBits(s.rewards()[0]) != Float.floatToIntBits(e.rewards()[t])) {
                    differs = t;
                    detail = "reward " + s.rewards()[0] + " replayed vs " + e.rewards()[t] + " recorded";
                } else if (end != null) {
                    replayedEnd = end.cause().name();
                    if (!last || !replayedEnd.equals(recordedEnd)) {
                        differs = t + 1;
                        detail = "the replay ended by " + replayedEnd + " after step " + t;
                    }
                } else if (last) {
                    if (e.finished()) {
                        differs = t + 1;
                        detail = "the recording ended by " + recordedEnd + " but the replay went on";
                    }
                } else if (!sameFrame(s.observations(), e.observations(), (t + 1) * frame)) {
                    differs = t + 1;
                    detail = "frame " + (t + 1) + " differs";
                }
            }
        }
        double dv = Double.NaN;
        double dl = Double.NaN;
        if (agent != null) {
            dv = 0;
            dl = 0;
            int a = e.numActions();
            for (int start = 0; start < e.length(); start += BATCH) {
                int b = Math.min(BATCH, e.length() - start);
                byte[] obs = Arrays.copyOfRange(e.observations(), start * frame, (start + b) * frame);
                PolicyOutput out = agent.evaluate(new Observations.Frames(b, e.height(), e.width(), 3, obs));
                for (int i = 0; i < b; i++) {
                    dv = Math.max(dv, Math.abs(out.value(i) - e.values()[start + i]));
                    for (int k = 0; k < a; k++) {
                        dl = Math.max(dl, Math.abs(out.logit(i, k) - e.logits()[(start + i) * a + k]));
                    }
                }
            }
        }
        return new ReplayCheck(e.index(), e.levelSeed(), e.length(), differs, recordedEnd, replayedEnd, detail, dv, dl);
    }

    private static boolean sameFrame(byte[] live, byte[] stored, int offset) {
        return Arrays.equals(live, 0, live.length, stored, offset, offset + live.length);
    }
}
