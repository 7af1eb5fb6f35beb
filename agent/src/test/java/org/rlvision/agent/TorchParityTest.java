package org.rlvision.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rlvision.agent.bundle.NpzWeights;
import org.rlvision.agent.net.Architecture;

/**
 * Checks both networks against PyTorch itself: {@code src/test/python/make_torch_fixtures.py} ran the
 * reference modules (float64) on the same formula weights and frames and saved outputs, activations
 * and autograd gradients. Agreement proves the state_dict layouts (OIHW, [out,in], C-H-W flatten),
 * the layer semantics and the split-forward gradients.
 */
class TorchParityTest {

    private static StateDict fixture(Architecture a) throws Exception {
        return NpzWeights.read(Path.of(TorchParityTest.class.getResource("torch-parity-" + a.id() + ".npz").toURI()));
    }

    private static void assertClose(String what, Tensor expected, Tensor actual, double relTol) {
        double scale = Fixtures.maxAbs(expected);
        double diff = Fixtures.maxAbsDiff(expected, actual);
        assertTrue(diff <= relTol * scale, what + ": max |diff| " + diff + " exceeds " + relTol + " x max |expected| " + scale);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void float64AgentMatchesPyTorch(Architecture a) throws Exception {
        check(a, Precision.FLOAT64, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void float32AgentMatchesPyTorch(Architecture a) throws Exception {
        check(a, Precision.FLOAT32, 5e-4);
    }

    private static void check(Architecture a, Precision p, double tol) throws Exception {
        StateDict expected = fixture(a);
        String gradLayer = a == Architecture.CLEAR_CNN ? "2b" : "res2a";
        try (Agent agent = Fixtures.formulaAgent(a, p)) {
            Observations obs = Fixtures.frames(2);
            PolicyOutput out = agent.evaluate(obs);
            assertClose("logits", expected.get("logits"), out.logits(), tol);
            assertClose("values", expected.get("values"), out.values(), tol);
            List<String> layers = expected.keys().stream().filter(k -> k.startsWith("act_")).map(k -> k.substring(4)).toList();
            LayerActivations acts = agent.activations(obs, layers);
            for (String l : layers) {
                assertClose("activation " + l, expected.get("act_" + l), acts.get(l), tol);
            }
            GradientResult g = agent.gradient(obs, gradLayer, OutputFunction.value());
            assertClose("dV/d" + gradLayer, expected.get("layer_grad_value"), g.activationGradient(), tol);
            assertClose("dV/dx", expected.get("input_grad_value"), g.inputGradient(), tol);
        }
    }
}
