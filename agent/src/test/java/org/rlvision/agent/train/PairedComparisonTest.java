package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.rlvision.env.EndCause;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** McNemar's exact test against hand computations, and the level-by-level pairing. */
class PairedComparisonTest {
    @Test
    void exactPValuesByHand() {
        // 10 discordant levels split 1:9: P(X <= 1) = (1 + 10) / 1024, two-sided 22/1024
        assertEquals(22.0 / 1024, new PairedComparison(50, 1, 9, 3).exactPValue(), 1e-15);
        // 0:5: 2 / 32
        assertEquals(0.0625, new PairedComparison(0, 5, 0, 0).exactPValue(), 1e-15);
        // an even split and no discordant level are no evidence
        assertEquals(1.0, new PairedComparison(10, 4, 4, 2).exactPValue());
        assertEquals(1.0, new PairedComparison(10, 0, 0, 2).exactPValue());
        // 2:3 of 5: P(X <= 2) = 16/32, doubled is 1
        assertEquals(1.0, new PairedComparison(0, 2, 3, 0).exactPValue(), 1e-12);
    }

    @Test
    void largeCountsAgreeWithTheNormalApproximation() {
        // 400 vs 500 of 900: the exact sum (Python's math.comb) is 0.00095644413692; the continuity-corrected
        // normal approximation, z = 99 / sqrt(900) = 3.30, gives 0.00097
        double p = new PairedComparison(0, 400, 500, 0).exactPValue();
        assertEquals(0.00095644413692, p, 1e-13);
        // symmetric in which agent is first
        assertEquals(p, new PairedComparison(0, 500, 400, 0).exactPValue(), 1e-15);
        // far tails stay finite and positive in log space
        assertEquals(0.0, new PairedComparison(0, 100, 20000, 0).exactPValue()); // underflows to 0, not NaN
    }

    @Test
    void pairsLevelByLevel() {
        List<EndCause> a = List.of(EndCause.COIN, EndCause.SAW, EndCause.COIN, EndCause.LAVA, EndCause.COIN);
        List<EndCause> b = List.of(EndCause.COIN, EndCause.COIN, EndCause.SAW, EndCause.TIMEOUT, EndCause.COIN);
        PairedComparison c = PairedComparison.of(result(a), result(b));
        assertEquals(new PairedComparison(2, 1, 1, 1), c);
        assertEquals(5, c.levels());
        assertEquals(0.0, c.differencePoints());
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(result(a), result(b.subList(0, 4))));
        List<EndCause> unplayed = new ArrayList<>(a);
        unplayed.set(2, null);
        assertThrows(NullPointerException.class, () -> result(unplayed)); // a Result holds every level's outcome
    }

    private static Evaluation.Result result(List<EndCause> outcomes) {
        int k = (int) outcomes.stream().filter(EndCause::isSuccess).count();
        return new Evaluation.Result(outcomes.size(), k, (double) k / outcomes.size(), 0, 1, Map.of(), 1, outcomes);
    }
}
