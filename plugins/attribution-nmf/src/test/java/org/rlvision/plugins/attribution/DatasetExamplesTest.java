package org.rlvision.plugins.attribution;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing dataset examples and drawing the thumbnail. */
class DatasetExamplesTest {
    static final int N = 30;
    static final int G = 32;

    /** Observation i peaks with value 100 − i: the first ten at cell 5, the others each at its own cell. */
    static FactorMaps planted() {
        float[] pos = new float[N * G * G];
        for (int i = 0; i < N; i++) {
            int cell = i < 10 ? 5 : 100 + i;
            pos[i * G * G + cell] = 100 - i;
            pos[i * G * G + 900] = 1f;
        }
        return new FactorMaps(N, 1, G, G, pos, new float[pos.length]);
    }

    @Test
    void takesTheStrongestPeaksWithAtMostFourPerPosition() {
        int[] episodes = new int[N];
        int[] steps = new int[N];
        for (int i = 0; i < N; i++) {
            episodes[i] = i / 7;
            steps[i] = i % 7;
        }
        List<DatasetExamples.Example> ex = DatasetExamples.select(planted(), 0, episodes, steps);
        assertEquals(16, ex.size());
        // observations 0..3 (cell 5), then 10..21 (their own cells): 4..9 are skipped, cell 5 being full
        for (int e = 0; e < 16; e++) {
            int expected = e < 4 ? e : e + 6;
            assertEquals(expected, ex.get(e).observation());
            assertEquals(100 - expected, ex.get(e).example().value());
            assertEquals(expected / 7, ex.get(e).example().episode());
            assertEquals(expected % 7, ex.get(e).example().step());
        }
        assertEquals(0, ex.get(0).example().y());
        assertEquals(5, ex.get(0).example().x());
    }

    @Test
    void thumbnailPlacesEachPatchAroundItsPeakWithOpacityByStrength() {
        byte[] frames = new byte[2 * 64 * 64 * 3];
        for (int i = 0; i < frames.length; i += 3) {
            int pixel = (i / 3) % (64 * 64);
            frames[i] = (byte) (pixel % 64 * 4);      // red = 4·x
            frames[i + 1] = (byte) (pixel / 64 * 4);  // green = 4·y
            frames[i + 2] = (byte) (i < 64 * 64 * 3 ? 0 : 200);
        }
        List<DatasetExamples.Example> ex = List.of(
                new DatasetExamples.Example(1, new FactorView.DatasetExample(0, 0, 10, 20, 2f)),
                new DatasetExamples.Example(0, new FactorView.DatasetExample(0, 1, 0, 0, 1f)));
        BufferedImage img = Thumbnail.image(ex, frames, 64, 64, G, G);
        int s = Thumbnail.scale(8);
        assertEquals(4, s, "8-pixel patches are drawn 4x");
        assertEquals(4 * 8 * s, img.getWidth());
        // patch 0: cell (10,20) has its centre at pixel (21,41); the 8x8 patch starts at (17,37)
        int argb = img.getRGB(0, 0);
        assertEquals(0xFF, argb >>> 24, "the strongest example is opaque");
        assertEquals(37 * 4, argb >> 16 & 0xFF, "red = 4·x of the patch's first column");
        assertEquals(17 * 4, argb >> 8 & 0xFF, "green = 4·y of its first row");
        assertEquals(200, argb & 0xFF, "from observation 1");
        // patch 1 is half as strong, and its peak at the corner leaves rows above the frame: checkerboard
        int corner = img.getRGB(8 * s, 0);
        assertEquals(128, corner >>> 24, 1);
        assertTrue((corner & 0xFFFFFF) == 0xC0C0C0 || (corner & 0xFFFFFF) == 0xFFFFFF, "off-screen pixels are checkered");
        assertEquals(0, img.getRGB(0, 8 * s) >>> 24, "an empty grid cell is transparent");
    }

    @Test
    void aFirstLayerCellGetsAPatchAsWideAsItsReceptiveField() {
        assertEquals(8, Thumbnail.patch(1), "1a (64x64 grid): 4 cells would be 4 pixels, less than its 7x7 view");
        assertEquals(8, Thumbnail.patch(2), "2a/2b (32x32): 4 cells of 2 pixels");
        assertEquals(16, Thumbnail.patch(4), "3a (16x16): 4 cells of 4 pixels");
        byte[] frames = new byte[64 * 64 * 3];
        for (int i = 0; i < frames.length; i += 3) {
            frames[i] = (byte) ((i / 3) % 64 * 4);    // red = 4·x
            frames[i + 1] = (byte) ((i / 3) / 64 * 4); // green = 4·y
        }
        List<DatasetExamples.Example> ex = List.of(new DatasetExamples.Example(0, new FactorView.DatasetExample(0, 0, 30, 40, 1f)));
        BufferedImage img = Thumbnail.image(ex, frames, 64, 64, 64, 64);
        int s = Thumbnail.scale(8);
        assertEquals(4 * 8 * s, img.getWidth(), "four 8-pixel patches across");
        // cell (30,40) is pixel (30,40); the 8x8 patch around it starts at (26,36) and ends at (33,43)
        int first = img.getRGB(0, 0);
        assertEquals(36 * 4, first >> 16 & 0xFF);
        assertEquals(26 * 4, first >> 8 & 0xFF);
        int last = img.getRGB(8 * s - 1, 8 * s - 1);
        assertEquals(43 * 4, last >> 16 & 0xFF);
        assertEquals(33 * 4, last >> 8 & 0xFF);
    }
}
