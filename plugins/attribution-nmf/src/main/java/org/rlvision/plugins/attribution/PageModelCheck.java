package org.rlvision.plugins.attribution;

/**
 * Checks that an {@link InterfaceModel}'s arrays have the shapes its records document before the
 * page is written, naming the trajectory, the array, and the expected and actual lengths.
 */
final class PageModelCheck {
    private PageModelCheck() {
    }

    /**
     * Checks the model.
     *
     * @throws IllegalArgumentException at the first array whose length or content is wrong
     */
    static void check(InterfaceModel model) {
        if (model.title() == null || model.layer() == null || model.output() == null) {
            throw new IllegalArgumentException("interface model needs a title, a layer and an output name, got "
                    + model.title() + ", " + model.layer() + " and " + model.output());
        }
        int k = model.factors().size();
        int a = model.actionNames().size();
        if (model.layerHeight() <= 0 || model.layerWidth() <= 0) {
            throw new IllegalArgumentException("interface model layer grid " + model.layerHeight() + "x"
                    + model.layerWidth() + " must be positive");
        }
        for (int f = 0; f < k; f++) {
            if (model.factors().get(f).index() != f) {
                throw new IllegalArgumentException("factor at position " + f + " has index "
                        + model.factors().get(f).index() + "; factors must be listed in index order");
            }
        }
        int cells = model.layerHeight() * model.layerWidth();
        for (int i = 0; i < model.trajectories().size(); i++) {
            TrajectoryView t = model.trajectories().get(i);
            int n = t.length();
            String where = "trajectory " + i + " (env " + t.env() + ", " + n + " steps)";
            length(where, "frames", t.frames().length, (long) n * t.height() * t.width() * 3);
            length(where, "levelSeeds", t.levelSeeds().length, n);
            length(where, "first", t.first().length, n);
            length(where, "rewards", t.rewards().length, n);
            length(where, "values", t.values().length, n);
            length(where, "advantages", t.advantages().length, n);
            length(where, "actions", t.actions().length, n);
            length(where, "logits", t.logits().length, (long) n * a);
            length(where, "positive", t.positive().length, (long) n * k * cells);
            length(where, "negative", t.negative().length, (long) n * k * cells);
            finite(where, "rewards", t.rewards());
            finite(where, "values", t.values());
            finite(where, "advantages", t.advantages());
            finite(where, "logits", t.logits());
            finite(where, "positive", t.positive());
            finite(where, "negative", t.negative());
            for (int s = 0; s < n; s++) {
                if (t.actions()[s] < 0 || t.actions()[s] >= a) {
                    throw new IllegalArgumentException(where + ": action " + t.actions()[s] + " at step " + s
                            + " is out of range; the model names " + a + " actions");
                }
            }
        }
    }

    private static void length(String where, String array, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(where + ": " + array + " has " + actual + " values, expected " + expected);
        }
    }

    private static void finite(String where, String array, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(where + ": " + array + "[" + i + "] is " + values[i]
                        + "; the interface needs finite numbers");
            }
        }
    }
}
