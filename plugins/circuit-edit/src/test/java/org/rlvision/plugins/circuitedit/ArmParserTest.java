package org.rlvision.plugins.circuitedit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.net.ActorCriticNet;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.net.NetworkLayout;
import org.rlvision.env.coinrun.SemanticLabel;
import org.rlvision.plugin.PluginException;

/** The edit and control syntax: what parses to what, and one clear sentence for each mistake. */
class ArmParserTest {
    static final NetworkLayout LAYOUT = ActorCriticNet.build(NetworkConfig.procgen(Architecture.CLEAR_CNN)).layout();
    @TempDir
    static Path dir;
    static Path factors;

    @BeforeAll
    static void writeFactors() throws IOException {
        StringBuilder f = new StringBuilder("{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"2b\",\"output\":\"value\","
                + "\"channels\":32,\"k\":3,\"samples\":64,\"relativeError\":0.2,\"model\":{},\"factors\":[");
        // two factors labelled saw: the one with the higher IoU (index 2) must win
        String[][] fs = {{"0", "saw", "0.20", "5"}, {"1", "enemy", "0.31", "7"}, {"2", "saw", "0.43", "9"}};
        for (int k = 0; k < fs.length; k++) {
            f.append(k == 0 ? "" : ",").append("{\"index\":").append(fs[k][0]).append(",\"label\":\"").append(fs[k][1])
                    .append("\",\"iou\":").append(fs[k][2]).append(",\"direction\":[");
            for (int c = 0; c < 32; c++) {
                f.append(c == 0 ? "" : ",").append(c == Integer.parseInt(fs[k][3]) ? "0.9" : "0.01");
            }
            f.append("]}");
        }
        factors = dir.resolve("report");
        Files.createDirectories(factors);
        Files.writeString(factors.resolve("factors.json"), f.append("]}").toString());
    }

    static ArmParser parser() {
        return ArmParser.forOption(LAYOUT, factors.toString());
    }

    @Test
    void armsAreOriginalThenEditsThenControls() {
        List<Arm> arms = parser().parse("project:2b:nmf:saw;ablate:3a:1:4+act-project:2a:channel:3", "invisible-saws;invisible-saws+invisible-enemies");
        assertEquals(List.of("original", "project:2b:nmf:saw", "ablate:3a:1:4+act-project:2a:channel:3", "invisible-saws",
                "invisible-saws+invisible-enemies"), arms.stream().map(Arm::name).toList());
        assertEquals(Arm.Kind.EDIT, arms.get(2).kind());
        assertEquals(2, arms.get(2).edits().size());
        assertEquals(Set.of(SemanticLabel.SAW, SemanticLabel.ENEMY), arms.get(4).hidden());
        Edit.KernelAblation ablate = assertInstanceOf(Edit.KernelAblation.class, arms.get(2).edits().get(0));
        assertArrayEquals(new int[] {1, 4}, ablate.channels());
        Edit.ActivationProjection hook = assertInstanceOf(Edit.ActivationProjection.class, arms.get(2).edits().get(1));
        float[] oneHot = new float[32];
        oneHot[3] = 1;
        assertArrayEquals(oneHot, hook.direction().values());
    }

    @Test
    void nmfDirectionsByLabelTakeTheHighestIouAndByIndexTheIndex() {
        Edit.KernelProjection byLabel = assertInstanceOf(Edit.KernelProjection.class, parser().parseEdit("project:2b:nmf:SAW"));
        assertEquals(0.9f, byLabel.direction().values()[9], "factor 2 (IoU 0.43) beats factor 0 (IoU 0.20)");
        assertTrue(byLabel.direction().source().contains("factor 2 'saw'"), byLabel.direction().source());
        Edit.KernelProjection byIndex = assertInstanceOf(Edit.KernelProjection.class, parser().parseEdit("project:2b:nmf:0"));
        assertEquals(0.9f, byIndex.direction().values()[5]);
        assertEquals(List.of("3a"), Edit.readers(LAYOUT, "2b"), "the kernel edited for a direction at 2b is 3a's");
        assertEquals(List.of("pi", "v"), Edit.readers(LAYOUT, "fc2"), "both heads read fc2");
    }

    @Test
    void aFactorLabelledByLiftNamesItsLiftAndRunnerUp() throws IOException {
        StringBuilder d = new StringBuilder();
        for (int c = 0; c < 32; c++) {
            d.append(c == 0 ? "" : ",").append(c == 3 ? "1" : "0");
        }
        Path lifted = dir.resolve("lifted");
        Files.createDirectories(lifted);
        Files.writeString(lifted.resolve("factors.json"), "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"2b\","
                + "\"channels\":32,\"factors\":[{\"index\":3,\"label\":\"saw\",\"iou\":0.009,\"lift\":8.3,"
                + "\"liftByClass\":{\"background\":3.6,\"saw\":8.3,\"enemy\":8.0},\"direction\":[" + d + "]}]}");
        Edit.KernelProjection e = assertInstanceOf(Edit.KernelProjection.class,
                ArmParser.forOption(LAYOUT, lifted.toString()).parseEdit("project:2b:nmf:saw"));
        assertEquals("nmf:saw = factor 3 'saw' (lift 8.3×, next enemy 8.0×, IoU 0.009)", e.direction().source(),
                "a label won by a hair shows as one");
    }

    @Test
    void vectorFilesAreReadAsJsonOrText() throws IOException {
        Path json = dir.resolve("v.json");
        Path text = dir.resolve("v.txt");
        StringBuilder j = new StringBuilder("[");
        StringBuilder t = new StringBuilder();
        for (int c = 0; c < 32; c++) {
            j.append(c == 0 ? "" : ", ").append(c * 0.5);
            t.append(c * 0.5).append(c % 8 == 7 ? "\n" : " ");
        }
        Files.writeString(json, j.append("]").toString());
        Files.writeString(text, t.toString());
        float[] a = assertInstanceOf(Edit.KernelProjection.class, parser().parseEdit("project:2a:vec:" + json)).direction().values();
        float[] b = assertInstanceOf(Edit.KernelProjection.class, parser().parseEdit("project:2a:vec:" + text)).direction().values();
        assertArrayEquals(a, b);
        assertEquals(15.5f, a[31]);
    }

    @Test
    void aZeroVectorIsAnIdentityEditNotAnError() throws IOException {
        Path zero = dir.resolve("zero.txt");
        Files.writeString(zero, "0 ".repeat(32));
        Edit e = parser().parseEdit("project:2b:vec:" + zero);
        assertNull(e.weightEdit(LAYOUT), "no weight changes for a zero direction");
        Edit h = parser().parseEdit("act-project:2b:vec:" + zero);
        assertTrue(h.addHooks(org.rlvision.agent.Hooks.none()).isEmpty(), "no hook for a zero direction");
    }

    @Test
    void mistakesGiveOneSentenceNamingTheProblem() throws IOException {
        Path short31 = dir.resolve("short.txt");
        Files.writeString(short31, "1 ".repeat(31));
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "1 2 three");
        assertError("project:2c:channel:1", "edit 'project:2c:channel:1': no layer '2c'; known: 1a 2a 2b 3a 4a fc1 fc2 pi v");
        assertError("project:2b:channel:32", "edit 'project:2b:channel:32': channel 32 does not exist; layer 2b has channels 0..31");
        assertError("ablate:2b:x", "edit 'ablate:2b:x': 'x' is not a channel number; layer 2b has channels 0..31");
        assertError("ablate:2b:3:3", "edit 'ablate:2b:3:3' lists channel 3 twice; give each channel once");
        assertError("rotate:2b:channel:1", "edit 'rotate:2b:channel:1' has unknown kind 'rotate'; use project, ablate, act-project or act-ablate");
        assertError("project:2b", "edit 'project:2b' is incomplete; write KIND:LAYER:ARG, e.g. project:2b:nmf:saw, ablate:2b:5, "
                + "act-project:2b:channel:5 or act-ablate:3a:4:7");
        assertError("project:2b:pca:1", "edit 'project:2b:pca:1': unknown direction 'pca:1'; use nmf:LABEL, nmf:INDEX, channel:C or vec:FILE");
        assertError("project:2b:nmf:lava", "nmf:lava: " + factors.resolve("factors.json") + " has no factor labelled 'lava'; its labels are "
                + "saw, enemy (or give an index: 0 1 2)");
        assertError("project:2b:nmf:7", "nmf:7: " + factors.resolve("factors.json") + " has no factor with index 7; its indices are 0 1 2 "
                + "(labels saw, enemy)");
        assertError("project:3a:nmf:saw", "edit 'project:3a:nmf:saw': the factors in " + factors.resolve("factors.json") + " are directions "
                + "at layer 2b, not 3a; write project:2b:nmf:saw or use factors computed at layer 3a");
        assertError("project:fc1:nmf:saw", "edit 'project:fc1:nmf:saw': the factors in " + factors.resolve("factors.json") + " are directions "
                + "at layer 2b, not fc1; write project:2b:nmf:saw or use factors computed at layer fc1");
        assertError("project:2b:vec:" + short31, "edit 'project:2b:vec:" + short31 + "': " + short31 + " has 31 numbers but layer 2b has 32 "
                + "channels; write one number per channel");
        assertError("project:2b:vec:" + words, "edit 'project:2b:vec:" + words + "': " + words + " holds 'three', not a number");
        assertError("project:v:channel:0", "edit 'project:v:channel:0': no layer reads the output of 'v', so there is no kernel to edit; "
                + "use act-project or act-ablate on it, or edit an earlier layer");
        PluginException noFactors = assertThrows(PluginException.class,
                () -> ArmParser.forOption(LAYOUT, "").parseEdit("project:2b:nmf:saw"));
        assertEquals("an nmf: direction needs --opt factors=PATH (the factors.json of an attribution-nmf report, or its folder)",
                noFactors.getMessage());
        PluginException control = assertThrows(PluginException.class, () -> parser().parse("", "invisible-coins"));
        assertEquals("--opt controls=invisible-coins: unknown control 'invisible-coins'; use invisible-saws, invisible-enemies, "
                + "invisible-lava, invisible-crates (several arms separated by ';', combined with '+')", control.getMessage());
        PluginException twice = assertThrows(PluginException.class, () -> parser().parse("ablate:2b:1;ablate:2b:1", ""));
        assertEquals("--opt edit lists the arm 'ablate:2b:1' twice; give each arm once", twice.getMessage());
    }

    @Test
    void factorFilesThatDoNotFitAreNamed() throws IOException {
        // The file's own problems are NmfFactorsFileTest's (plugins/api); here: they reach the user through --opt factors.
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\":\"rlvision-run\",\"formatVersion\":1}");
        PluginException format = assertThrows(PluginException.class,
                () -> ArmParser.forOption(LAYOUT, other.toString()).parseEdit("project:2b:nmf:saw"));
        assertEquals(other + " is not an NMF factors file: its format is 'rlvision-run', expected 'rlvision-nmf-factors'; give the "
                + "factors.json an attribution-nmf report wrote", format.getMessage());
        Path sixteen = dir.resolve("sixteen.json");
        Files.writeString(sixteen, "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"2b\",\"channels\":16,"
                + "\"factors\":[{\"index\":0,\"label\":\"saw\",\"iou\":0.5,\"direction\":[" + "0.1,".repeat(15) + "0.1]}]}");
        PluginException channels = assertThrows(PluginException.class,
                () -> ArmParser.forOption(LAYOUT, sixteen.toString()).parseEdit("project:2b:nmf:saw"));
        assertEquals("edit 'project:2b:nmf:saw': the factors in " + sixteen + " have 16 channels but this model's layer 2b has 32; use "
                + "factors computed for this model", channels.getMessage());
        PluginException missing = assertThrows(PluginException.class,
                () -> ArmParser.forOption(LAYOUT, " " + dir.resolve("nothing") + " ").parseEdit("project:2b:nmf:saw"));
        assertFalse(missing.getMessage().contains("\n"));
        assertEquals("--opt factors=" + dir.resolve("nothing") + ": there is no such file; give the factors.json of an attribution-nmf "
                + "report or its folder", missing.getMessage());
    }

    private static void assertError(String edit, String message) {
        PluginException e = assertThrows(PluginException.class, () -> parser().parseEdit(edit));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aDamagedJournalArmIsOneSentence() throws IOException {
        com.fasterxml.jackson.databind.JsonNode arms = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "[{\"name\":\"invisible-ghosts\",\"kind\":\"control\",\"edits\":[],\"hidden\":[\"GHOST\"]}]");
        PluginException e = assertThrows(PluginException.class, () -> ArmParser.fromJson(arms));
        assertEquals("the journal's arm 'invisible-ghosts' hides unknown class 'GHOST'; the journal is damaged", e.getMessage());
    }
}
