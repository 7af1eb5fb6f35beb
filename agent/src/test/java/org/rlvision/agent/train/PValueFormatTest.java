package org.rlvision.agent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PValueFormatTest {
    @Test
    void threeSignificantDigitsThenScientificThenUnderflow() {
        assertEquals("1.00", PValueFormat.of(1.0));
        assertEquals("0.529", PValueFormat.of(0.52897));
        assertEquals("0.0312", PValueFormat.of(0.031249));
        assertEquals("0.00100", PValueFormat.of(0.001));
        assertEquals("9.99e-4", PValueFormat.of(0.000999));
        assertEquals("7.30e-95", PValueFormat.of(7.3e-95));
        assertEquals("4.29e-274", PValueFormat.of(4.288247e-274));
        assertEquals("<1e-300", PValueFormat.of(0.0));
        assertEquals("<1e-300", PValueFormat.of(1e-310));
    }
}
