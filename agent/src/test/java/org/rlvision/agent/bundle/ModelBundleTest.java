package org.rlvision.agent.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Fixtures;
import org.rlvision.agent.Observations;
import org.rlvision.agent.PolicyOutput;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;

class ModelBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACTIONS = EnvSpec.procgen().actions();

    @TempDir
    Path tmp;

    private Path saveRandom(Architecture a, String name) throws IOException {
        Provenance prov = Provenance.now("test", 7L, new Provenance.Training("rlvision train --levels 500",
                Map.of("distribution_mode", "hard"), 0, 500, 25_000_000L, 7L, 0.91, "1000 test levels"), List.of());
        try (Agent agent = Agent.random(NetworkConfig.procgen(a), 7)) {
            ModelBundle.save(tmp.resolve(name), agent, ACTIONS, prov);
        }
        return tmp.resolve(name);
    }

    @Test
    void saveAndLoadRoundTripIsBitExact() throws IOException {
        for (Architecture a : Architecture.values()) {
            Observations obs = Fixtures.frames(3);
            try (Agent original = Agent.random(NetworkConfig.procgen(a), 42)) {
                Path dir = tmp.resolve(a.id());
                ModelBundle.save(dir, original, ACTIONS, Provenance.now("test", 42L, null, List.of()));
                try (ModelBundle loaded = ModelBundle.load(dir)) {
                    assertEquals(original.stateDict(), loaded.agent().stateDict(), "weights bit-exact");
                    PolicyOutput x = original.evaluate(obs);
                    PolicyOutput y = loaded.agent().evaluate(obs);
                    assertEquals(x.logits(), y.logits());
                    assertEquals(x.values(), y.values());
                    assertEquals(a, loaded.card().network().architecture());
                }
            }
        }
    }

    @Test
    void modelJsonDescribesTheModel() throws IOException {
        Path dir = saveRandom(Architecture.CLEAR_CNN, "m");
        JsonNode card = JSON.readTree(dir.resolve("model.json").toFile());
        assertEquals("rlvision-model", card.get("format").asText());
        assertEquals(1, card.get("formatVersion").asInt());
        assertEquals("clear-cnn", card.at("/network/architecture").asText());
        assertEquals("[16,32,32,32,32]", card.at("/network/convChannels").toString());
        assertEquals("[256,512]", card.at("/network/denseUnits").toString());
        assertEquals("2b", card.at("/layers/2/name").asText());
        assertEquals("[32,32,32]", card.at("/layers/2/shape").toString());
        assertEquals("NHWC", card.at("/observation/layout").asText());
        assertEquals(15, card.get("actions").size());
        assertEquals("RIGHT+UP", card.at("/actions/8").asText());
        assertEquals(ModelBundle.sha256(dir.resolve("weights.npz")), card.at("/weights/sha256").asText());
        assertEquals(363_216, card.at("/weights/parameters").asLong());
        assertEquals("rlvision train --levels 500", card.at("/provenance/training/command").asText());
        assertEquals(25_000_000L, card.at("/provenance/training/steps").asLong());
        assertEquals(0.91, card.at("/provenance/training/successRate").asDouble());
        assertEquals("hard", card.at("/provenance/training/environmentOptions/distribution_mode").asText());
        assertFalse(card.at("/provenance/versions/pytorch").asText().isEmpty());
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("m"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
    }

    @Test
    void saveRefusesANonEmptyFolder() throws IOException {
        Path dir = saveRandom(Architecture.CLEAR_CNN, "m");
        try (Agent agent = Agent.random(NetworkConfig.procgen(Architecture.CLEAR_CNN), 1)) {
            IOException e = assertThrows(IOException.class,
                    () -> ModelBundle.save(dir, agent, ACTIONS, Provenance.now("test", 1L, null, List.of())));
            assertTrue(e.getMessage().endsWith("already exists and is not empty; choose a new folder or delete it"));
        }
    }

    private void editCard(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode card = (ObjectNode) JSON.readTree(dir.resolve("model.json").toFile());
        edit.accept(card);
        JSON.writeValue(dir.resolve("model.json").toFile(), card);
    }

    @Test
    void wrongArchitectureInModelJsonIsRefused() throws IOException {
        Path dir = saveRandom(Architecture.CLEAR_CNN, "m");
        editCard(dir, c -> {
            ObjectNode net = (ObjectNode) c.get("network");
            net.put("architecture", "impala-cnn");
            ArrayNode conv = net.putArray("convChannels");
            conv.add(16).add(32).add(32);
            net.putArray("denseUnits").add(256);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().endsWith("lists layers [1a, 2a, 2b, 3a, 4a, fc1, fc2, pi, v] but the impala-cnn network has "
                + "[conv1, res1a, res1b, conv2, res2a, res2b, conv3, res3a, res3b, fc1, pi, v]; "
                + "the architecture field and the layer list disagree"), e.getMessage());

        editCard(dir, c -> ((ObjectNode) c.get("network")).put("architecture", "resnet"));
        e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("unknown architecture 'resnet'; known: clear-cnn, impala-cnn"), e.getMessage());
    }

    @Test
    void formatVersionAndLayerShapesAreChecked() throws IOException {
        Path dir = saveRandom(Architecture.CLEAR_CNN, "m");
        editCard(dir, c -> ((ObjectNode) c.get("layers").get(2)).putArray("shape").add(32).add(16).add(16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().endsWith("says layer '2b' has shape [32, 16, 16] but the clear-cnn network gives [32, 32, 32]"),
                e.getMessage());
        editCard(dir, c -> c.put("formatVersion", 2));
        e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().endsWith("has format version 2 but this workbench reads version 1; "
                + "use a matching workbench or re-save the bundle"), e.getMessage());
        IOException io = assertThrows(IOException.class, () -> ModelBundle.load(tmp.resolve("nothing")));
        assertTrue(io.getMessage().startsWith("no model.json in "), io.getMessage());
    }

    @Test
    void truncatedWeightsFileIsAnError() throws IOException {
        Path dir = saveRandom(Architecture.IMPALA_CNN, "m");
        Path w = dir.resolve("weights.npz");
        byte[] all = Files.readAllBytes(w);
        Files.write(w, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().endsWith("bytes but model.json records " + all.length
                + "; the file is truncated or was replaced, re-save the bundle"), e.getMessage());
        // a truncated .npz given directly, with no card to compare against
        IOException direct = assertThrows(IOException.class,
                () -> ModelBundle.importNpz(w, NetworkConfig.procgen(Architecture.IMPALA_CNN)));
        assertTrue(direct.getMessage().contains("is not a complete .npz archive"), direct.getMessage());
        // same size, one flipped byte
        all[all.length / 2] ^= 1;
        Files.write(w, all);
        e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("has sha256 "), e.getMessage());
    }

    @Test
    void npzExportImportRoundTripAndStrictChecks() throws IOException {
        NetworkConfig config = NetworkConfig.procgen(Architecture.CLEAR_CNN);
        Path f = tmp.resolve("sd.npz");
        try (Agent agent = Agent.random(config, 3)) {
            ModelBundle.exportNpz(agent, f);
            try (Agent back = ModelBundle.importNpz(f, config)) {
                assertEquals(agent.stateDict(), back.stateDict());
                Provenance.Input input = Provenance.Input.of("weights", f);
                ModelCard card = ModelBundle.save(tmp.resolve("imported"), back, ACTIONS,
                        Provenance.now("npz import", null, null, List.of(input)));
                assertEquals(ModelBundle.sha256(f), card.provenance().inputs().get(0).sha256());
                assertEquals(ModelBundle.readCard(tmp.resolve("imported")), card);
            }
            StateDict sd = agent.stateDict();

            Map<String, Tensor> missing = new LinkedHashMap<>(sd.tensors());
            missing.remove("conv2a.bias");
            IllegalArgumentException e = importing(missing, config);
            assertEquals("x.npz has no tensor 'conv2a.bias' (the clear-cnn network expects shape [32]); "
                    + "check the architecture or re-export the weights with the expected keys", e.getMessage());

            Map<String, Tensor> extra = new LinkedHashMap<>(sd.tensors());
            extra.put("num_batches_tracked", Tensor.zeros(1));
            e = importing(extra, config);
            assertEquals("x.npz has an unexpected tensor 'num_batches_tracked' [1] that the clear-cnn network does not have; "
                    + "check the architecture or re-export the weights with the expected keys", e.getMessage());

            Map<String, Tensor> shape = new LinkedHashMap<>(sd.tensors());
            shape.put("fc1.weight", Tensor.zeros(256, 2048));
            shape.remove("v.bias");
            e = importing(shape, config);
            assertEquals("tensor 'fc1.weight' has shape [256,2048] in x.npz but the clear-cnn network expects [256,512] "
                    + "(and 1 more problem); check the architecture or re-export the weights with the expected keys",
                    e.getMessage());

            // IMPALA weights offered to the clear CNN
            try (Agent impala = Agent.random(NetworkConfig.procgen(Architecture.IMPALA_CNN), 3)) {
                e = importing(impala.stateDict().tensors(), config);
                assertTrue(e.getMessage().startsWith("x.npz has no tensor 'conv1a.weight'"), e.getMessage());
                // 12 missing, 3 mis-shaped (fc1.weight, pi.weight, v.weight), 30 unexpected
                assertTrue(e.getMessage().contains("(and 44 more problems)"), e.getMessage());
            }
        }
    }

    private IllegalArgumentException importing(Map<String, Tensor> tensors, NetworkConfig config) throws IOException {
        Path f = tmp.resolve("x.npz");
        NpzWeights.write(f, StateDict.of(tensors));
        return assertThrows(IllegalArgumentException.class, () -> ModelBundle.importNpz(f, config));
    }

    @Test
    void checksCompatibilityWithAnEnvironment() throws IOException {
        try (ModelBundle b = ModelBundle.load(saveRandom(Architecture.CLEAR_CNN, "m"))) {
            b.requireCompatible(EnvSpec.procgen());
            EnvSpec nine = new EnvSpec(64, 64, 3, List.of("a", "b"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.requireCompatible(nine));
            assertTrue(e.getMessage().startsWith("the model's actions [LEFT+DOWN"), e.getMessage());
            EnvSpec small = new EnvSpec(32, 32, 3, EnvSpec.procgen().actions());
            e = assertThrows(IllegalArgumentException.class, () -> b.requireCompatible(small));
            assertEquals("the model reads 64x64x3 observations but the environment renders 32x32x3", e.getMessage());
            assertArrayEquals(new int[] {64, 64, 3}, new int[] {b.card().observation().height(),
                b.card().observation().width(), b.card().observation().channels()});
        }
    }
}
