package org.rlvision.agent.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlvision.env.EnvSpec;

class ArchitectureTest {

    private static List<String> shapes(NetworkLayout l) {
        List<String> out = new ArrayList<>();
        l.layers().forEach(x -> out.add(x.name() + " " + x.shape()));
        return out;
    }

    @Test
    void clearCnnLayersHaveTheArticlesNamesAndShapes() {
        NetworkLayout l = ActorCriticNet.build(NetworkConfig.procgen(Architecture.CLEAR_CNN)).layout();
        assertEquals(List.of(
                "1a [16, 64, 64]", "2a [32, 32, 32]", "2b [32, 32, 32]", "3a [32, 16, 16]", "4a [32, 8, 8]",
                "fc1 [256]", "fc2 [512]", "pi [15]", "v [1]"), shapes(l));
        assertEquals(363_216, l.parameterCount());
    }

    @Test
    void impalaCnnLayersHaveTheirShapes() {
        NetworkLayout l = ActorCriticNet.build(NetworkConfig.procgen(Architecture.IMPALA_CNN)).layout();
        assertEquals(List.of(
                "conv1 [16, 32, 32]", "res1a [16, 32, 32]", "res1b [16, 32, 32]",
                "conv2 [32, 16, 16]", "res2a [32, 16, 16]", "res2b [32, 16, 16]",
                "conv3 [32, 8, 8]", "res3a [32, 8, 8]", "res3b [32, 8, 8]",
                "fc1 [256]", "pi [15]", "v [1]"), shapes(l));
        assertEquals(626_256, l.parameterCount());
    }

    /** The one table from DJL parameter names to state_dict keys, with shapes. */
    @Test
    void clearCnnParameterTable() {
        NetworkLayout l = ActorCriticNet.build(NetworkConfig.procgen(Architecture.CLEAR_CNN)).layout();
        List<String> rows = new ArrayList<>();
        l.parameters().forEach(p -> rows.add(p.djlName() + " -> " + p.key() + " " + p.shape()));
        assertEquals(List.of(
                "011a_01conv_weight -> conv1a.weight [16, 3, 7, 7]",
                "011a_01conv_bias -> conv1a.bias [16]",
                "022a_01conv_weight -> conv2a.weight [32, 16, 5, 5]",
                "022a_01conv_bias -> conv2a.bias [32]",
                "032b_01conv_weight -> conv2b.weight [32, 32, 5, 5]",
                "032b_01conv_bias -> conv2b.bias [32]",
                "043a_01conv_weight -> conv3a.weight [32, 32, 5, 5]",
                "043a_01conv_bias -> conv3a.bias [32]",
                "054a_01conv_weight -> conv4a.weight [32, 32, 5, 5]",
                "054a_01conv_bias -> conv4a.bias [32]",
                "06fc1_01linear_weight -> fc1.weight [256, 512]",
                "06fc1_01linear_bias -> fc1.bias [256]",
                "07fc2_01linear_weight -> fc2.weight [512, 256]",
                "07fc2_01linear_bias -> fc2.bias [512]",
                "08pi_01linear_weight -> pi.weight [15, 512]",
                "08pi_01linear_bias -> pi.bias [15]",
                "09v_01linear_weight -> v.weight [1, 512]",
                "09v_01linear_bias -> v.bias [1]"), rows);
    }

    @Test
    void impalaCnnParameterTable() {
        NetworkLayout l = ActorCriticNet.build(NetworkConfig.procgen(Architecture.IMPALA_CNN)).layout();
        List<String> rows = new ArrayList<>();
        l.parameters().forEach(p -> rows.add(p.djlName() + " -> " + p.key() + " " + p.shape()));
        assertEquals(36, rows.size());
        assertEquals(List.of(
                "01conv1_01conv_weight -> conv1.weight [16, 3, 3, 3]",
                "01conv1_01conv_bias -> conv1.bias [16]",
                "02res1a_01conv0_weight -> res1a.conv0.weight [16, 16, 3, 3]",
                "02res1a_01conv0_bias -> res1a.conv0.bias [16]",
                "02res1a_02conv1_weight -> res1a.conv1.weight [16, 16, 3, 3]",
                "02res1a_02conv1_bias -> res1a.conv1.bias [16]"), rows.subList(0, 6));
        assertEquals(List.of(
                "10fc1_01linear_weight -> fc1.weight [256, 2048]",
                "10fc1_01linear_bias -> fc1.bias [256]",
                "11pi_01linear_weight -> pi.weight [15, 256]",
                "11pi_01linear_bias -> pi.bias [15]",
                "12v_01linear_weight -> v.weight [1, 256]",
                "12v_01linear_bias -> v.bias [1]"), rows.subList(30, 36));
    }

    /** The analytic table must agree with what DJL itself creates on initialization. */
    @Test
    void djlCreatesExactlyTheTabulatedParameters() {
        for (Architecture a : Architecture.values()) {
            ActorCriticNet net = ActorCriticNet.build(NetworkConfig.procgen(a));
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
                net.initialize(m, DataType.FLOAT32, net.inputShape(1));
                List<String> djl = new ArrayList<>();
                for (Pair<String, Parameter> p : net.getParameters()) {
                    djl.add(p.getKey() + " " + p.getValue().getArray().getShape());
                }
                List<String> table = new ArrayList<>();
                for (ParameterSlot s : net.layout().parameters()) {
                    table.add(s.djlName() + " " + new ai.djl.ndarray.types.Shape(
                            s.shape().stream().mapToLong(Integer::longValue).toArray()));
                }
                assertEquals(table, djl, a.id());
            }
        }
    }

    @Test
    void everyLayerIsAChildBlockReachableByName() {
        ActorCriticNet net = ActorCriticNet.build(NetworkConfig.procgen(Architecture.CLEAR_CNN));
        List<String> children = new ArrayList<>();
        net.getChildren().forEach(p -> children.add(p.getKey()));
        assertEquals(List.of("011a", "022a", "032b", "043a", "054a", "06fc1", "07fc2", "08pi", "09v"), children);
        assertEquals(2, net.layerIndex("2b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.layerIndex("2c"));
        assertEquals("no layer '2c'; known: 1a 2a 2b 3a 4a fc1 fc2 pi v", e.getMessage());
    }

    @Test
    void inputKernelsAndPreviousLayers() {
        NetworkLayout l = ActorCriticNet.build(NetworkConfig.procgen(Architecture.CLEAR_CNN)).layout();
        assertEquals("conv3a.weight", l.inputKernelKey("3a"));
        assertEquals("2b", l.previousLayer("3a"));
        assertEquals(null, l.previousLayer("1a"));
        assertEquals("fc2", l.previousLayer("v"));
        NetworkLayout impala = ActorCriticNet.build(NetworkConfig.procgen(Architecture.IMPALA_CNN)).layout();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> impala.inputKernelKey("res2a"));
        assertTrue(e.getMessage().startsWith("layer 'res2a' has a skip connection"), e.getMessage());
        assertTrue(e.getMessage().endsWith("edit one of: conv1 conv2 conv3 fc1 pi v"), e.getMessage());
    }

    @Test
    void configValidationNamesTheProblem() {
        EnvSpec spec = EnvSpec.procgen();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(Architecture.CLEAR_CNN, 60, 64, 3, 15, List.of(16, 32, 32, 32, 32), List.of(256, 512)));
        assertEquals("clear-cnn pools 4 times, so height and width must be multiples of 16, got 60x64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(Architecture.CLEAR_CNN, 64, 64, 3, 15, List.of(16, 32), List.of(256)));
        assertTrue(e.getMessage().startsWith("clear-cnn has 5 conv layers"), e.getMessage());
        assertEquals(15, NetworkConfig.clearCnn(spec).numActions());
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("resnet"));
        assertEquals("unknown architecture 'resnet'; known: clear-cnn, impala-cnn", e.getMessage());
    }
}
