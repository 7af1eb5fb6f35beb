package org.rlvision.plugins.attribution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;

/**
 * The steps of one environment that the interface shows: its episodes in the order it played them
 * (episode files are numbered by completion, so an environment's episodes appear in play order),
 * cut after the first {@code steps} steps.
 *
 * @param env      the environment index
 * @param episodes its episodes, in play order
 * @param used     steps used of each episode (all but possibly the last are whole)
 */
public record TrajectorySelection(int env, List<Episode> episodes, int[] used) {
    /** Copies the list. */
    public TrajectorySelection {
        episodes = List.copyOf(episodes);
        if (used.length != episodes.size()) {
            throw new IllegalArgumentException(episodes.size() + " episodes but " + used.length + " step counts");
        }
    }

    /** Total steps T. */
    public int length() {
        int t = 0;
        for (int u : used) {
            t += u;
        }
        return t;
    }

    /**
     * The first {@code steps} steps of environments {@code 0..trajectories−1}, read episode by
     * episode until every one is full (environments the run does not have are left out).
     */
    public static List<TrajectorySelection> firstSteps(Run run, int trajectories, int steps) throws IOException {
        List<List<Episode>> eps = new ArrayList<>();
        List<List<Integer>> used = new ArrayList<>();
        int[] have = new int[trajectories];
        for (int i = 0; i < trajectories; i++) {
            eps.add(new ArrayList<>());
            used.add(new ArrayList<>());
        }
        int full = 0;
        for (int k = 0; k < run.episodeCount() && full < trajectories; k++) {
            Episode e = run.episode(k);
            int env = e.env();
            if (env >= trajectories || have[env] >= steps) {
                continue;
            }
            int take = Math.min(e.length(), steps - have[env]);
            eps.get(env).add(e);
            used.get(env).add(take);
            have[env] += take;
            if (have[env] == steps) {
                full++;
            }
        }
        List<TrajectorySelection> out = new ArrayList<>();
        for (int env = 0; env < trajectories; env++) {
            if (!eps.get(env).isEmpty()) {
                out.add(new TrajectorySelection(env, eps.get(env), used.get(env).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return out;
    }
}
