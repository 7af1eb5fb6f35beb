package org.rlvision.agent.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.Tensor;

class NpzWeightsTest {
    @TempDir
    Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(NpzWeightsTest.class.getResource("/org/rlvision/agent/" + name).toURI());
    }

    @Test
    void readsWhatNumpyWrote() throws Exception {
        StateDict sd = NpzWeights.read(resource("numpy-mixed.npz"));
        assertEquals(List.of("layer.weight", "layer.bias", "scalar"), sd.keys());
        assertEquals(new Tensor(new int[] {2, 3}, new float[] {0f, .25f, .5f, .75f, 1f, 1.25f}), sd.get("layer.weight"));
        // float64 is rounded to float32
        assertEquals(new Tensor(new int[] {3}, new float[] {1.5f, -2.25f, (float) 1e-3}), sd.get("layer.bias"));
        assertEquals(new Tensor(new int[0], new float[] {7f}), sd.get("scalar"));
        // np.savez_compressed deflates entries
        assertEquals(sd.get("layer.weight"), NpzWeights.read(resource("numpy-compressed.npz")).get("layer.weight"));
    }

    @Test
    void roundTripIsBitExactIncludingSpecialValues() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("conv.weight", new Tensor(new int[] {2, 1, 2, 2}, new float[] {1f, -0f, Float.MIN_VALUE, 3.4e38f, -1e-30f, 0.1f, 7f, -2f}));
        m.put("fc.bias", new Tensor(new int[] {3}, new float[] {Float.NaN, Float.POSITIVE_INFINITY, 5f}));
        m.put("empty", new Tensor(new int[] {0, 4}, new float[0]));
        StateDict sd = StateDict.of(m);
        Path f = tmp.resolve("w.npz");
        NpzWeights.write(f, sd);
        StateDict back = NpzWeights.read(f);
        assertEquals(sd.keys(), back.keys());
        for (String k : sd.keys()) {
            assertArrayEquals(sd.get(k).shape(), back.get(k).shape(), k);
            int[] a = bits(sd.get(k).data());
            int[] b = bits(back.get(k).data());
            assertArrayEquals(a, b, k);
        }
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("w.npz"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    private static int[] bits(float[] d) {
        return java.util.stream.IntStream.range(0, d.length).map(i -> Float.floatToRawIntBits(d[i])).toArray();
    }

    @Test
    void npyHeaderIsWhatNumpyExpects() {
        byte[] npy = NpzWeights.toNpy(new Tensor(new int[] {16}, new float[16]));
        String header = new String(npy, 10, (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (16,), }", header.strip());
        assertEquals(0, (10 + header.length()) % 64, "header is padded to 64 bytes");
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(10 + header.length() + 64, npy.length);
    }

    @Test
    void truncatedArchiveIsAnErrorNotAPartialRead() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.zeros(100));
        m.put("b", Tensor.zeros(100));
        Path f = tmp.resolve("w.npz");
        NpzWeights.write(f, StateDict.of(m));
        byte[] all = Files.readAllBytes(f);
        for (int cut : new int[] {all.length - 1, all.length - 30, all.length / 2, 10, 0}) {
            Path t = tmp.resolve("cut" + cut + ".npz");
            Files.write(t, Arrays.copyOf(all, cut));
            IOException e = assertThrows(IOException.class, () -> NpzWeights.read(t), "cut at " + cut);
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
    }

    @Test
    void rejectsNonFloatAndFortranArraysByName() throws Exception {
        IOException e = assertThrows(IOException.class, () -> NpzWeights.read(resource("numpy-int64.npz")));
        assertEquals("array 'steps' in numpy-int64.npz has dtype '<i8'; weights must be float32 ('<f4') or float64 ('<f8')",
                e.getMessage());
        e = assertThrows(IOException.class, () -> NpzWeights.read(resource("numpy-fortran.npz")));
        assertEquals("array 'w' in numpy-fortran.npz is stored in Fortran order; save np.ascontiguousarray(a) instead",
                e.getMessage());
        e = assertThrows(IOException.class, () -> NpzWeights.read(tmp.resolve("missing.npz")));
        assertTrue(e.getMessage().startsWith("no weights file at "), e.getMessage());
    }
}
