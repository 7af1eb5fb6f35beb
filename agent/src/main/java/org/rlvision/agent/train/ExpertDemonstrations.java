package org.rlvision.agent.train;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;
import org.rlvision.env.coinrun.CoinRunRenderer;

/**
 * Expert demonstrations: the planning expert solves each level, then its actions are replayed and
 * every observation it saw is stored with its action (and the actions that lead to exactly the
 * same next state) and the discounted return that followed.
 * Levels the expert fails are skipped (their actions lead into hazards).
 */
public final class ExpertDemonstrations {
    private final DistributionMode mode;
    private final CoinRunExpert expert;
    private final CoinRunRenderer renderer;
    private final float gamma;

    /**
     * @param mode         distribution mode of the levels
     * @param paintVelInfo whether observations show the velocity squares
     * @param gamma        discount of the value targets
     */
    public ExpertDemonstrations(DistributionMode mode, boolean paintVelInfo, float gamma) {
        this.mode = mode;
        this.expert = new CoinRunExpert(mode, CoinRunExpert.Config.defaults());
        this.renderer = new CoinRunRenderer(paintVelInfo, true);
        this.gamma = gamma;
    }

    /** What one collection produced. */
    public record Summary(int levels, int solved, int samples) {
    }

    /**
     * Adds the expert's observations on levels {@code [first, last]} to {@code buffer}.
     *
     * @param onLevel called after each level (for progress)
     */
    public Summary collect(int first, int last, SampleBuffer buffer, Runnable onLevel) {
        CoinRunGame game = new CoinRunGame(mode);
        byte[] frame = new byte[64 * 64 * 3];
        int solved = 0;
        int before = buffer.size();
        for (int seed = first; seed <= last; seed++) {
            CoinRunExpert.Episode e = expert.solve(game, seed);
            if (e.cause() == EndCause.COIN) {
                solved++;
                game.reset(seed);
                int n = e.length();
                float[] rewards = new float[n];
                rewards[n - 1] = CoinRunGame.GOAL_REWARD;
                float[] g = Returns.discounted(rewards, n, gamma, 0f);
                for (int t = 0; t < n; t++) {
                    renderer.render(game, frame, 0);
                    int a = e.actions()[t];
                    buffer.add(frame, 0, a, expert.equivalents(game, 1 << a), g[t]);
                    game.step(e.actions()[t]);
                }
            }
            onLevel.run();
        }
        return new Summary(last - first + 1, solved, buffer.size() - before);
    }
}
