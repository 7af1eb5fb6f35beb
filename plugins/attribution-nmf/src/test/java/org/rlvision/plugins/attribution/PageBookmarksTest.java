package org.rlvision.plugins.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageBookmarksTest {
    private static TrajectoryView advantages(boolean[] first, float[] advantages) {
        int t = advantages.length;
        return new TrajectoryView(0, t, 1, 1, new byte[t * 3], new int[t], first, new float[t], new float[t],
                advantages, new int[t], new float[0], new float[0], new float[0]);
    }

    private static final boolean X = true;
    private static final boolean O = false;

    // trajectory 0: episodes [0..3] and [4..7]; trajectory 1 starts mid-episode: [0..2] and [3..5]
    private static final List<TrajectoryView> TRAJECTORIES = List.of(
            advantages(new boolean[] {X, O, O, O, X, O, O, O}, new float[] {0.5f, 3f, 2.9f, -1f, 0f, 1f, -4f, -3.5f}),
            advantages(new boolean[] {O, O, O, X, O, O}, new float[] {2.95f, -2f, 0f, 0.2f, -0.1f, 2.8f}));

    @Test
    void largestAdvantagesTakeAtMostOneStepPerEpisode() {
        // 3.0 (t0 s1); 2.95 (t1 s0); 2.9 is in t0's first episode again, skipped; 2.8 (t1 s5); 1.0 (t0 s5)
        List<PageBookmarks.Bookmark> top = PageBookmarks.select(TRAJECTORIES, 16, true);
        assertEquals(List.of(new PageBookmarks.Bookmark(0, 1, 0, 3f), new PageBookmarks.Bookmark(1, 0, 0, 2.95f),
                new PageBookmarks.Bookmark(1, 5, 1, 2.8f), new PageBookmarks.Bookmark(0, 5, 1, 1f)), top);
    }

    @Test
    void smallestAdvantagesAndTheCountLimit() {
        List<PageBookmarks.Bookmark> bottom = PageBookmarks.select(TRAJECTORIES, 3, false);
        // -4 (t0 s6), -3.5 is the same episode, -2 (t1 s0 episode 0), -1 (t0 s3 episode 0)
        assertEquals(List.of(new PageBookmarks.Bookmark(0, 6, 1, -4f), new PageBookmarks.Bookmark(1, 1, 0, -2f),
                new PageBookmarks.Bookmark(0, 3, 0, -1f)), bottom);
    }

    @Test
    void tiesGoToTheEarlierTrajectoryAndStep() {
        List<TrajectoryView> tied = List.of(advantages(new boolean[] {X, X, X}, new float[] {1, 2, 2}),
                advantages(new boolean[] {X, X}, new float[] {2, 0}));
        assertEquals(List.of(new PageBookmarks.Bookmark(0, 1, 1, 2f), new PageBookmarks.Bookmark(0, 2, 2, 2f)),
                PageBookmarks.select(tied, 2, true));
    }
}
