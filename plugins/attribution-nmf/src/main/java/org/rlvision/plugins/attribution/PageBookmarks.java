package org.rlvision.plugins.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The interface's bookmarks, after rl_clarity: the steps with the largest and the smallest GAE
 * advantages over all trajectories, at most one per episode (an episode is a trajectory's run of
 * steps from one {@code first} flag to the next).
 */
public final class PageBookmarks {
    /** How many bookmarks each list holds at most, as in the article's interface. */
    public static final int COUNT = 16;

    private PageBookmarks() {
    }

    /**
     * One bookmarked step.
     *
     * @param trajectory trajectory index in the model
     * @param step       step within the trajectory
     * @param episode    episode index within the trajectory (0 for the steps before the second {@code first})
     * @param advantage  the step's advantage
     */
    public record Bookmark(int trajectory, int step, int episode, float advantage) {
    }

    /**
     * The {@code count} steps with the largest (or smallest) advantages, one per episode at most,
     * strongest first; ties go to the earlier trajectory and step.
     *
     * @param trajectories the trajectories
     * @param count        how many to keep at most
     * @param largest      true for the largest advantages, false for the smallest
     */
    public static List<Bookmark> select(List<TrajectoryView> trajectories, int count, boolean largest) {
        List<Bookmark> all = new ArrayList<>();
        for (int ti = 0; ti < trajectories.size(); ti++) {
            TrajectoryView t = trajectories.get(ti);
            int episode = 0;
            for (int s = 0; s < t.length(); s++) {
                if (s > 0 && t.first()[s]) {
                    episode++;
                }
                all.add(new Bookmark(ti, s, episode, t.advantages()[s]));
            }
        }
        Comparator<Bookmark> byAdvantage = Comparator.comparingDouble(Bookmark::advantage);
        all.sort((largest ? byAdvantage.reversed() : byAdvantage)
                .thenComparingInt(Bookmark::trajectory).thenComparingInt(Bookmark::step));
        List<Bookmark> picked = new ArrayList<>();
        Set<Long> episodes = new HashSet<>();
        for (Bookmark b : all) {
            if (picked.size() == count) {
                break;
            }
            if (episodes.add(((long) b.trajectory() << 32) | b.episode())) {
                picked.add(b);
            }
        }
        return picked;
    }
}
