package org.rlvision.agent.train;

import org.rlvision.env.DistributionMode;
import org.rlvision.env.coinrun.CoinRunExpert;
import org.rlvision.env.coinrun.CoinRunGame;

/**
 * Asks the planning expert which actions it accepts in each of a batch of game states, by one of
 * the {@link DaggerLabels} rules, on two threads (each with its own expert and look-ahead judge;
 * the labels do not depend on which thread made them). The games are not modified.
 */
public final class ExpertLabeller {
    private final DaggerLabels labels;
    private final CoinRunExpert[] experts;
    private final CoinRunExpert[] judges;

    /** A labeller for games of this distribution mode. */
    public ExpertLabeller(DistributionMode mode, DaggerLabels labels) {
        this.labels = labels;
        this.experts = new CoinRunExpert[] {new CoinRunExpert(mode, CoinRunExpert.Config.defaults()),
                new CoinRunExpert(mode, CoinRunExpert.Config.defaults())};
        this.judges = new CoinRunExpert[] {new CoinRunExpert(mode, CoinRunExpert.Config.lookout()),
                new CoinRunExpert(mode, CoinRunExpert.Config.lookout())};
    }

    /** The rule this labeller applies. */
    public DaggerLabels labels() {
        return labels;
    }

    /** Labels {@code games[0..n)} into {@code out[0..n)}. */
    public void label(CoinRunGame[] games, int n, CoinRunExpert.Decision[] out) {
        java.util.stream.IntStream.range(0, 2).parallel().forEach(t -> {
            for (int i = t; i < n; i += 2) {
                out[i] = switch (labels) {
                    case NEAR_BEST -> experts[t].decide(games[i]);
                    case SAFE -> experts[t].decideSafe(games[i], judges[t]);
                    case ALIVE -> experts[t].decideSafe(games[i], judges[t], Float.POSITIVE_INFINITY);
                };
            }
        });
    }
}
