package org.rlvision.plugin.nmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.plugin.PluginException;

/** factors.json: the bytes attribution-nmf has always written, read back equal, and one sentence per damage. */
class NmfFactorsFileTest {
    /** What the writer produced before it moved into the API (attribution-nmf's FactorsFile), byte for byte. */
    static final String WRITTEN = """
            {
              "format" : "rlvision-nmf-factors",
              "formatVersion" : 1,
              "layer" : "2b",
              "output" : "value",
              "channels" : 4,
              "k" : 2,
              "samples" : 64,
              "relativeError" : 0.0553336694663,
              "model" : {
                "architecture" : "clear-cnn",
                "parameters" : 363216,
                "completenessGap" : "NaN",
                "levels" : {
                  "first" : 1000000
                }
              },
              "factors" : [ {
                "index" : 0,
                "label" : "velocity info",
                "iou" : 0.2906018840046051,
                "direction" : [ 4.7448793E-5, 0.0, 0.9960264, 0.0023768053 ]
              }, {
                "index" : 1,
                "label" : "saw",
                "iou" : "NaN",
                "direction" : [ 0.25, 0.25, 0.5, 0.0 ]
              } ]
            }""";

    @TempDir
    Path dir;

    static NmfFactorsFile factors() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("architecture", "clear-cnn");
        model.put("parameters", 363216);
        model.put("completenessGap", Double.NaN);
        model.put("levels", Map.of("first", 1000000));
        return new NmfFactorsFile("2b", "value", 4, 64, 0.0553336694663, model, List.of(
                new NmfFactorsFile.Factor(0, "velocity info", 0.2906018840046051, new float[] {4.7448793E-5f, 0f, 0.9960264f, 0.0023768053f}),
                new NmfFactorsFile.Factor(1, "saw", Double.NaN, new float[] {0.25f, 0.25f, 0.5f, 0f})));
    }

    @Test
    void writesTheBytesAttributionNmfAlwaysWrote() throws IOException {
        Path file = factors().write(dir);
        assertEquals(dir.resolve(NmfFactorsFile.NAME), file);
        assertEquals(WRITTEN, Files.readString(file));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void writeThenReadGivesTheSameFactorsAndWritingThemAgainTheSameBytes() throws IOException {
        NmfFactorsFile written = factors();
        Path file = written.write(dir.resolve("first"));
        NmfFactorsFile read = NmfFactorsFile.read(file);
        assertEquals(file, read.file());
        assertEquals(new NmfFactorsFile(file, written.layer(), written.output(), written.channels(), written.samples(),
                written.relativeError(), Map.of("architecture", "clear-cnn", "parameters", 363216, "completenessGap", "NaN",
                "levels", Map.of("first", 1000000)), written.factors()), read, "a NaN in the provenance comes back as the string Jackson wrote");
        assertEquals(written.factors(), read.factors());
        assertTrue(Double.isNaN(read.factors().get(1).iou()));
        assertEquals(List.of("architecture", "parameters", "completenessGap", "levels"), List.copyOf(read.model().keySet()),
                "provenance keeps its order");
        assertEquals(read, NmfFactorsFile.read(dir.resolve("first")), "the folder reads as its factors.json");
        Path again = read.write(dir.resolve("second"));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        assertEquals(read.factors(), NmfFactorsFile.read(again).factors());
    }

    @Test
    void everyClassesIouIsWrittenBeforeTheDirectionAndReadBackInOrder() throws IOException {
        Map<String, Double> ious = new LinkedHashMap<>();
        ious.put("background", 0.04);
        ious.put("velocity info", 0.14);
        ious.put("saw", 0.001);
        NmfFactorsFile written = new NmfFactorsFile("2b", "value", 2, 8, 0.2, Map.of(),
                List.of(new NmfFactorsFile.Factor(0, "velocity info", 0.14, new float[] {1, 0}, ious)));
        Path file = written.write(dir);
        String text = Files.readString(file);
        assertTrue(text.replaceAll("\\s+", " ").contains("\"iou\" : 0.14, \"iouByClass\" : { \"background\" : 0.04, "
                + "\"velocity info\" : 0.14, \"saw\" : 0.001 }, \"direction\" : [ 1.0, 0.0 ]"), text);
        NmfFactorsFile read = NmfFactorsFile.read(file);
        assertEquals(written.factors(), read.factors());
        assertEquals(List.of("background", "velocity info", "saw"), List.copyOf(read.factors().get(0).iouByClass().keySet()));
        Map<String, Double> other = new LinkedHashMap<>();
        other.put("background", 0.13);
        other.put("velocity info", 0.02);
        other.put("saw", 0.007);
        NmfFactorsFile two = new NmfFactorsFile("2b", "value", 2, 8, 0.2, Map.of(), List.of(read.factors().get(0),
                new NmfFactorsFile.Factor(1, "background", 0.13, new float[] {0, 1}, other)));
        assertEquals("nmf:saw: the unwritten factors.json of layer 2b has no factor labelled 'saw'; its labels are velocity info, "
                + "background (or give an index: 0 1); the factor that overlaps 'saw' most is 1 (background, IoU 0.007 with saw)",
                assertThrows(PluginException.class, () -> two.find("saw")).getMessage());
        assertEquals(Map.of(), NmfFactorsFile.read(write("old.json", "2b", 2, "[" + factor(0, "saw", "0.5", "[1, 0]") + "]"))
                .factors().get(0).iouByClass(), "files written before iouByClass existed read with none");
        assertError(write("badious.json", "2b", 2, "[{\"index\":0,\"iouByClass\":[0.1],\"direction\":[1,0]}]"),
                dir.resolve("badious.json") + ": factor 0 has an 'iouByClass' that is not an object of class → IoU; the file is damaged");
        assertError(write("wordiou.json", "2b", 2, "[{\"index\":0,\"iouByClass\":{\"saw\":\"high\"},\"direction\":[1,0]}]"),
                dir.resolve("wordiou.json") + ": factor 0 iouByClass.saw is '\"high\"', not a number; the file is damaged");
    }

    @Test
    void liftsAreWrittenWithTheLabelsLiftReadBackAndChooseAmongFactorsOfOneLabel() throws IOException {
        Map<String, Double> ious = Map.of("background", 0.13, "saw", 0.01);
        Map<String, Double> lifts3 = new LinkedHashMap<>();
        lifts3.put("background", 0.3);
        lifts3.put("saw", 8.3);
        lifts3.put("enemy", 8.0);
        Map<String, Double> lifts5 = new LinkedHashMap<>();
        lifts5.put("background", 0.9);
        lifts5.put("saw", Double.POSITIVE_INFINITY); // zero away from saws
        Map<String, Double> lifts6 = new LinkedHashMap<>();
        lifts6.put("background", 2.8);
        lifts6.put("saw", 1.5);
        NmfFactorsFile written = new NmfFactorsFile("2b", "value", 2, 8, 0.2, Map.of(), List.of(
                new NmfFactorsFile.Factor(3, "saw", 0.01, new float[] {1, 0}, ious, lifts3),
                new NmfFactorsFile.Factor(5, "saw", 0.005, new float[] {0, 1}, ious, lifts5),
                new NmfFactorsFile.Factor(6, "background", 0.13, new float[] {0.5f, 0.5f}, ious, lifts6)));
        Path file = written.write(dir);
        String text = Files.readString(file).replaceAll("\\s+", " ");
        assertTrue(text.contains("\"lift\" : 8.3, \"liftByClass\" : { \"background\" : 0.3, \"saw\" : 8.3, \"enemy\" : 8.0 }"), text);
        NmfFactorsFile read = NmfFactorsFile.read(file);
        assertEquals(written.factors(), read.factors(), "an infinite lift reads back");
        assertEquals(8.3, read.factors().get(0).lift());
        assertEquals(Double.POSITIVE_INFINITY, read.factors().get(1).lift());
        assertEquals(5, read.find("saw").index(), "of two saw factors the one with the higher lift, though its IoU is lower");
        NmfFactorsFile noSawWinner = new NmfFactorsFile("2b", "value", 2, 8, 0.2, Map.of(), List.of(read.factors().get(2)));
        assertTrue(assertThrows(PluginException.class, () -> noSawWinner.find("saw")).getMessage()
                .endsWith("; the factor densest on 'saw' is 6 (background, lift 1.5× on saw)"));
        assertTrue(Double.isNaN(new NmfFactorsFile.Factor(0, "saw", 0.5, new float[] {1, 0}).lift()), "a factor without lifts");
        assertEquals("8.3×", NmfFactorsFile.formatLift(8.26903));
        assertEquals("∞×", NmfFactorsFile.formatLift(Double.POSITIVE_INFINITY), "one formatter for the log, popup, demo and circuit-edit");
    }

    @Test
    void factorsAreFoundByIndexOrByTheBestLabel() throws IOException {
        NmfFactorsFile f = NmfFactorsFile.read(write("three.json", "2b", 2, "[" + factor(0, "saw", "0.20", "[1, 0]") + ","
                + factor(1, "enemy", "0.31", "[0, 1]") + "," + factor(2, "saw", "0.43", "[0.5, 0.5]") + "]"));
        assertEquals(1, f.find("1").index());
        assertEquals(1, f.find(" 1 ").index());
        assertEquals(2, f.find("SAW").index(), "of two factors labelled saw, the higher IoU wins");
        assertArrayEquals(new float[] {0.5f, 0.5f}, f.find("saw").direction());
        Path file = dir.resolve("three.json");
        assertEquals("nmf:lava: " + file + " has no factor labelled 'lava'; its labels are saw, enemy (or give an index: 0 1 2)",
                assertThrows(PluginException.class, () -> f.find("lava")).getMessage());
        assertEquals("nmf:7: " + file + " has no factor with index 7; its indices are 0 1 2 (labels saw, enemy)",
                assertThrows(PluginException.class, () -> f.find("7")).getMessage());

        NmfFactorsFile tie = NmfFactorsFile.read(write("tie.json", "2b", 1, "[" + factor(4, "saw", "0.5", "[1]") + ","
                + factor(3, "saw", "0.5", "[1]") + "]"));
        assertEquals(3, tie.find("saw").index(), "equal IoU: the lower index wins");
        NmfFactorsFile inMemory = new NmfFactorsFile("2b", "value", 1, 1, 0.1, Map.of(),
                List.of(new NmfFactorsFile.Factor(0, "saw", 0.5, new float[] {1})));
        assertEquals("nmf:1: the unwritten factors.json of layer 2b has no factor with index 1; its indices are 0 (labels saw)",
                assertThrows(PluginException.class, () -> inMemory.find("1")).getMessage(),
                "factors not read from a file are named by their layer");
    }

    @Test
    void aFileMissingOnlyOptionalFieldsReads() throws IOException {
        Path file = dir.resolve("bare.json");
        Files.writeString(file, "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"3a\",\"channels\":2,"
                + "\"factors\":[{\"direction\":[0,1]}]}");
        NmfFactorsFile f = NmfFactorsFile.read(file);
        assertEquals("", f.output());
        assertEquals(Map.of(), f.model());
        assertEquals(new NmfFactorsFile.Factor(0, "", Double.NaN, new float[] {0, 1}), f.factors().get(0),
                "a factor's index defaults to its position, its label to empty, its IoU to NaN");
    }

    @Test
    void eachProblemWithTheFileIsOneSentenceNamingIt() throws IOException {
        Path nothing = dir.resolve("nothing");
        assertError(nothing, "--opt factors=" + nothing + ": there is no such file; give the factors.json of an attribution-nmf "
                + "report or its folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertError(empty, "--opt factors=" + empty + ": there is no factors.json in that folder; give the factors.json of an "
                + "attribution-nmf report or its folder");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\":");
        String json = assertThrows(PluginException.class, () -> NmfFactorsFile.read(broken)).getMessage();
        assertTrue(json.startsWith(broken + " is not valid JSON (") && json.endsWith("); give the factors.json an attribution-nmf "
                + "report wrote"), json);
        assertFalse(json.contains("\n"), json);

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\":\"rlvision-run\",\"formatVersion\":1}");
        assertError(other, other + " is not an NMF factors file: its format is 'rlvision-run', expected 'rlvision-nmf-factors'; give the "
                + "factors.json an attribution-nmf report wrote");

        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":2}");
        assertError(v2, v2 + " has formatVersion 2 but this plugin reads version 1; re-run attribution-nmf with a matching workbench");

        String oneFactor = "[" + factor(0, "saw", "0.5", "[1, 0]") + "]";
        assertError(write("nolayer.json", "", 2, oneFactor), dir.resolve("nolayer.json")
                + " lacks a 'layer' name or a positive 'channels' count; re-run attribution-nmf");
        assertError(write("nochannels.json", "2b", 0, oneFactor), dir.resolve("nochannels.json")
                + " lacks a 'layer' name or a positive 'channels' count; re-run attribution-nmf");
        assertError(write("nofactors.json", "2b", 2, "[]"), dir.resolve("nofactors.json")
                + " has no 'factors' list; re-run attribution-nmf");
        assertError(write("short.json", "2b", 3, oneFactor), dir.resolve("short.json")
                + ": factor 0 has a direction of 2 values but the file says layer 2b has 3 channels; the file is damaged");
        assertError(write("nodirection.json", "2b", 2, "[{\"index\":0}]"), dir.resolve("nodirection.json")
                + ": factor 0 has a direction of 0 values but the file says layer 2b has 2 channels; the file is damaged");
        assertError(write("nan.json", "2b", 2, "[" + factor(0, "saw", "0.5", "[1, NaN]") + "]"), dir.resolve("nan.json")
                + ": factor 0 direction value 1 is '\"NaN\"', not a finite number; the file is damaged");
        assertError(write("word.json", "2b", 2, "[" + factor(0, "saw", "0.5", "[1, 0]") + "," + factor(1, "enemy", "0.5", "[\"x\", 0]") + "]"),
                dir.resolve("word.json") + ": factor 1 direction value 0 is '\"x\"', not a finite number; the file is damaged");
    }

    private Path write(String name, String layer, int channels, String factors) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"format\":\"rlvision-nmf-factors\",\"formatVersion\":1,\"layer\":\"" + layer
                + "\",\"output\":\"value\",\"channels\":" + channels + ",\"factors\":" + factors + "}");
        return file;
    }

    private static String factor(int index, String label, String iou, String direction) {
        return "{\"index\":" + index + ",\"label\":\"" + label + "\",\"iou\":" + iou + ",\"direction\":" + direction + "}";
    }

    private static void assertError(Path file, String message) {
        PluginException e = assertThrows(PluginException.class, () -> NmfFactorsFile.read(file));
        assertEquals(message, e.getMessage());
    }
}
