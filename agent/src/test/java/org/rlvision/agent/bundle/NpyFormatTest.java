package org.rlvision.agent.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyFormatTest {

    @Test
    void headerRoundTripsDtypesAndShapesWithDataOn64ByteBoundary() throws IOException {
        Object[][] cases = {
            {"<f4", new int[] {2, 3}, 24},
            {"|u1", new int[] {4, 64, 64, 3}, 4 * 64 * 64 * 3},
            {"|b1", new int[] {5}, 5},
            {"<i4", new int[0], 4},
            {"<U7", new int[0], 28},
            {"<f8", new int[] {0, 4}, 0},
            // a long shape pushes the header past one 64-byte block
            {">f4", new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}, 8},
        };
        for (Object[] c : cases) {
            String descr = (String) c[0];
            int[] shape = (int[]) c[1];
            byte[] data = new byte[(int) c[2]];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7 + 1);
            }
            byte[] npy = NpyFormat.encode(descr, shape, data);
            NpyFormat.Header h = NpyFormat.readHeader(npy, "array 'x' in t.npz");
            assertEquals(descr, h.descr());
            assertArrayEquals(shape, h.shape(), descr);
            assertEquals(0, h.dataOffset() % 64, descr + ": data starts on a 64-byte boundary");
            assertEquals(npy.length - data.length, h.dataOffset(), descr);
            assertArrayEquals(data, Arrays.copyOfRange(npy, h.dataOffset(), npy.length), descr);
            assertEquals('\n', npy[h.dataOffset() - 1], descr + ": header ends with a newline");
        }
        byte[] longShape = NpyFormat.encode(">f4", (int[]) cases[6][1], new byte[8]);
        NpyFormat.Header h = NpyFormat.readHeader(longShape, "x");
        assertEquals(128, h.dataOffset());
        assertEquals(ByteOrder.BIG_ENDIAN, h.byteOrder());
        assertEquals(2, h.elementCount());
        assertEquals(ByteOrder.LITTLE_ENDIAN, NpyFormat.readHeader(NpyFormat.encode("<f4", new int[] {3}, new byte[12]), "x").byteOrder());
    }

    @Test
    void encodesExactlyWhatNumpySaves() {
        // the header np.save writes for np.zeros((2, 3), dtype="<i4"): 118 bytes of dict, spaces and a newline
        byte[] npy = NpyFormat.encode("<i4", new int[] {2, 3}, new byte[24]);
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
        assertEquals(0x93, npy[0] & 0xFF);
        assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, npy[6]);
        assertEquals(0, npy[7]);
        assertEquals(118, (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8);
        String header = new String(npy, 10, 118, StandardCharsets.US_ASCII);
        assertEquals(dict + " ".repeat(118 - dict.length() - 1) + "\n", header);
        assertEquals(128 + 24, npy.length);
    }

    @Test
    void readsVersion2Headers() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n";
        byte[] h = dict.getBytes(StandardCharsets.US_ASCII);
        byte[] npy = new byte[12 + h.length + 12];
        System.arraycopy(NpyFormat.encode("<f4", new int[0], new byte[0]), 0, npy, 0, 6);
        npy[6] = 2;
        npy[8] = (byte) h.length;
        System.arraycopy(h, 0, npy, 12, h.length);
        NpyFormat.Header header = NpyFormat.readHeader(npy, "x");
        assertArrayEquals(new int[] {3}, header.shape());
        assertEquals(12 + h.length, header.dataOffset());
    }

    @Test
    void malformedHeaderIsOneSentenceNamingTheEntry() {
        String where = "array 'obs' in runs/demo/episode_000003.npz";
        byte[] good = NpyFormat.encode("<f4", new int[] {2}, new byte[8]);

        byte[] noShape = good.clone();
        int at = new String(noShape, StandardCharsets.ISO_8859_1).indexOf("'shape'");
        noShape[at + 1] = 'S';
        IOException e = assertThrows(IOException.class, () -> NpyFormat.readHeader(noShape, where));
        assertEquals(where + " has no 'shape' in its .npy header; save arrays with np.save or np.savez", e.getMessage());

        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        e = assertThrows(IOException.class, () -> NpyFormat.readHeader(badMagic, where));
        assertEquals(where + " is not a .npy array (bad magic); save arrays with np.save or np.savez", e.getMessage());

        byte[] cut = Arrays.copyOf(good, 40);
        e = assertThrows(IOException.class, () -> NpyFormat.readHeader(cut, where));
        assertEquals(where + " is truncated inside its header; the file is corrupt, write it again", e.getMessage());

        byte[] badShape = new String(good, StandardCharsets.ISO_8859_1).replace("(2,)", "(x,)")
                .getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(IOException.class, () -> NpyFormat.readHeader(badShape, where));
        assertEquals(where + " has an unreadable shape '(x,)'; the file is corrupt, write it again", e.getMessage());

        byte[] fortran = NpyFormat.encode("<f4", new int[] {2}, new byte[8]);
        String text = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
        e = assertThrows(IOException.class,
                () -> NpyFormat.readHeader(text.getBytes(StandardCharsets.ISO_8859_1), where));
        assertEquals(where + " is stored in Fortran order; save np.ascontiguousarray(a) instead", e.getMessage());

        byte[] v9 = good.clone();
        v9[6] = 9;
        e = assertThrows(IOException.class, () -> NpyFormat.readHeader(v9, where));
        assertEquals(where + " uses .npy format version 9; versions 1 to 3 are supported", e.getMessage());
    }
}
