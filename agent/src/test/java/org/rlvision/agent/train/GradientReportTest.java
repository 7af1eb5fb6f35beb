package org.rlvision.agent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlvision.agent.net.ParameterSlot;

class GradientReportTest {
    private static final List<ParameterSlot> SLOTS = List.of(
            new ParameterSlot("a", "conv1a.weight", "1a", List.of(16, 3, 7, 7)),
            new ParameterSlot("b", "fc1.weight", "fc1", List.of(256, 512)),
            new ParameterSlot("c", "pi.bias", "pi", List.of(15)));

    @Test
    void namesTheNonFiniteParametersAndTheLargestFiniteNorm() {
        assertEquals("not finite in conv1a.weight (overflow), pi.bias (NaN); largest finite: fc1.weight 3.0",
                GradientReport.of(SLOTS, new double[] {Double.POSITIVE_INFINITY, 9, Double.NaN}));
        assertEquals("every parameter's gradient is finite; largest finite: pi.bias 1.2e+03",
                GradientReport.of(SLOTS, new double[] {4, 9, 1.44e6}));
        assertEquals("not finite in conv1a.weight (NaN), fc1.weight (NaN), pi.bias (NaN)",
                GradientReport.of(SLOTS, new double[] {Double.NaN, Double.NaN, Double.NaN}));
    }
}
