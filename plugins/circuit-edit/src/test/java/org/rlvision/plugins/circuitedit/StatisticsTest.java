package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Wilson intervals and the pooled two-proportion z-test against values computed by hand (Python, math.erfc). */
class StatisticsTest {
    @Test
    void wilsonIntervalsMatchHandValues() {
        check(WilsonInterval.of(1, 10), 0.1, 0.0178762131, 0.4041500268);
        check(WilsonInterval.of(37, 10000), 0.0037, 0.0026856480, 0.0050955087);
        check(WilsonInterval.of(1276, 10000), 0.1276, 0.1212033930, 0.1342826089);
        // the edges: no failure at all still gives an upper bound of z²/(n+z²); all successes a lower bound
        check(WilsonInterval.of(0, 20), 0, 0, 0.1611251581);
        check(WilsonInterval.of(20, 20), 1, 0.8388748419, 1);
    }

    private static void check(WilsonInterval w, double rate, double low, double high) {
        assertEquals(rate, w.rate(), 1e-12);
        assertEquals(low, w.low(), 1e-9);
        assertEquals(high, w.high(), 1e-9);
    }

    @Test
    void pooledZTestMatchesHandValues() {
        // textbook example: 45/100 vs 30/100, pooled p = 0.375, se = 0.0684653, z = 2.19089
        TwoProportionTest t = TwoProportionTest.of(45, 100, 30, 100);
        assertEquals(2.1908902300, t.z(), 1e-9);
        assertEquals(2.845974e-02, t.pValue(), 1e-8);
        assertEquals(0.15, t.difference(), 1e-12);
        // the article's buzzsaw edit: 12.76% vs 0.37% of 10,000 levels; the tail stays precise (no 1 - Φ underflow to 0)
        TwoProportionTest saw = TwoProportionTest.of(1276, 10000, 37, 10000);
        assertEquals(35.3739981171, saw.z(), 1e-8);
        assertEquals(4.288247e-274, saw.pValue(), 1e-279);
        TwoProportionTest small = TwoProportionTest.of(12, 10000, 16, 10000);
        assertEquals(-0.7564586525, small.z(), 1e-9);
        assertEquals(4.493743e-01, small.pValue(), 1e-7);
    }

    @Test
    void rateRatiosAndTheirLogIntervalsMatchHandValues() {
        // 45/100 vs 30/100: ratio 1.5; se(ln) = sqrt(1/45 - 1/100 + 1/30 - 1/100) = 0.18559; 1.5·exp(∓1.95996·0.18559)
        TwoProportionTest t = TwoProportionTest.of(45, 100, 30, 100);
        assertEquals(1.5, t.ratio(), 1e-12);
        assertArrayEquals(new double[] {1.036542603155, 2.170677783191}, t.ratioInterval(), 1e-9);
        // the shipped agent's saw edit: 12.48% vs 10.04% of 10,000 levels, saws 24% more often (15% to 34%) ...
        TwoProportionTest saw = TwoProportionTest.of(1248, 10000, 1004, 10000);
        assertEquals(1.243027888446, saw.ratio(), 1e-9);
        assertArrayEquals(new double[] {1.149374539078, 1.344312301101}, saw.ratioInterval(), 1e-9);
        // ... and left-moving enemies 18% more often (5% to 31%): the intervals overlap
        assertArrayEquals(new double[] {1.053174715743, 1.314926969540}, TwoProportionTest.of(639, 10000, 543, 10000).ratioInterval(), 1e-9);
        assertEquals("1.24 (1.15-1.34)", Numbers.ratio(saw));
        // no original case: no ratio; no edited case: ratio 0 without an interval
        assertTrue(Double.isNaN(TwoProportionTest.of(3, 100, 0, 100).ratio()));
        assertEquals("-", Numbers.ratio(TwoProportionTest.of(3, 100, 0, 100)));
        assertEquals(0, TwoProportionTest.of(0, 100, 4, 100).ratio());
        assertEquals("0.00", Numbers.ratio(TwoProportionTest.of(0, 100, 4, 100)));
    }

    @Test
    void equalRatesAndRatesWithoutVarianceAreNoEvidence() {
        TwoProportionTest same = TwoProportionTest.of(37, 10000, 37, 10000);
        assertEquals(0, same.z());
        assertEquals(1, same.pValue());
        TwoProportionTest none = TwoProportionTest.of(0, 500, 0, 500);
        assertEquals(0, none.z());
        assertEquals(1, none.pValue());
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10));
        assertThrows(IllegalArgumentException.class, () -> TwoProportionTest.of(1, 0, 1, 10));
    }
}
