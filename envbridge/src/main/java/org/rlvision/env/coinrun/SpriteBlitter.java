package org.rlvision.env.coinrun;

import java.util.Arrays;

/**
 * Draws into one {@code [size, size, 3]} RGB frame and its optional {@code [size, size]} label
 * map, without antialiasing: a pixel is covered when its centre lies inside the rectangle.
 * Holds scratch lookup tables so drawing allocates nothing; not thread-safe.
 */
final class SpriteBlitter {
    private byte[] rgb;
    private int rgbOff;
    private byte[] labels;
    private int labelOff;
    private int size;
    private int[] colTexel = new int[0];
    private int[] rowTexel = new int[0];

    /** Targets a frame of {@code size × size} pixels at {@code rgb[rgbOff..]} and, if non-null, {@code labels[labelOff..]}. */
    void begin(byte[] rgb, int rgbOff, byte[] labels, int labelOff, int size) {
        this.rgb = rgb;
        this.rgbOff = rgbOff;
        this.labels = labels;
        this.labelOff = labelOff;
        this.size = size;
        if (colTexel.length < size) {
            colTexel = new int[size];
            rowTexel = new int[size];
        }
    }

    /** First pixel index whose centre is at or right of (below) the edge {@code edge}, in pixels. */
    static int firstCovered(double edge) {
        return (int) Math.ceil(edge - 0.5);
    }

    /** Sets every label of the frame to {@code label} (no-op without labels). */
    void fillLabels(byte label) {
        if (labels != null) {
            Arrays.fill(labels, labelOff, labelOff + size * size, label);
        }
    }

    /**
     * Copies pixels {@code [x0, x1)} of one frame row from {@code src}, wrapping around
     * horizontally.
     *
     * @param src      a {@code [srcHeight, srcWidth, 3]} RGB image
     * @param srcWidth its width in pixels (at least {@code x1 - x0})
     * @param srcRow   the source row
     * @param srcCol   the source column of pixel {@code x0}, in [0, srcWidth)
     * @param row      the frame row
     */
    void copyRowWrapped(byte[] src, int srcWidth, int srcRow, int srcCol, int row, int x0, int x1) {
        int n = x1 - x0;
        int dst = rgbOff + (row * size + x0) * 3;
        int first = Math.min(n, srcWidth - srcCol);
        System.arraycopy(src, (srcRow * srcWidth + srcCol) * 3, rgb, dst, first * 3);
        if (first < n) {
            System.arraycopy(src, srcRow * srcWidth * 3, rgb, dst + first * 3, (n - first) * 3);
        }
    }

    /**
     * Draws the visible part {@code [x0, x1) × [y0, y1)} of a cell tile whose full span starts at
     * pixel {@code (spanX, spanY)}.
     */
    void tile(SpriteTile t, int spanX, int spanY, int x0, int x1, int y0, int y1, byte label) {
        int n = x1 - x0;
        int tx = x0 - spanX;
        byte[] src = t.rgb;
        byte[] mask = t.mask;
        for (int y = y0; y < y1; y++) {
            int srcPix = (y - spanY) * t.width + tx;
            int dstPix = y * size + x0;
            if (mask == null) {
                System.arraycopy(src, srcPix * 3, rgb, rgbOff + dstPix * 3, n * 3);
                if (labels != null) {
                    int l = labelOff + dstPix;
                    for (int i = 0; i < n; i++) {
                        labels[l + i] = label;
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (mask[srcPix + i] != 0) {
                        int s = (srcPix + i) * 3;
                        int d = rgbOff + (dstPix + i) * 3;
                        rgb[d] = src[s];
                        rgb[d + 1] = src[s + 1];
                        rgb[d + 2] = src[s + 2];
                        if (labels != null) {
                            labels[labelOff + dstPix + i] = label;
                        }
                    }
                }
            }
        }
    }

    /**
     * Draws an opaque-or-clear texture stretched over the screen rectangle
     * {@code (left, top, width, height)} in pixels, nearest-neighbour sampled.
     *
     * @param mirror draw mirrored left-right
     */
    void texture(SpriteTexture tex, double left, double top, double width, double height, boolean mirror, byte label) {
        int x0 = Math.max(0, firstCovered(left));
        int x1 = Math.min(size, firstCovered(left + width));
        int y0 = Math.max(0, firstCovered(top));
        int y1 = Math.min(size, firstCovered(top + height));
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        prepareLookups(tex, left, top, width, height, mirror, x0, x1, y0, y1);
        int[] px = tex.argb;
        for (int y = y0; y < y1; y++) {
            int texRow = rowTexel[y - y0];
            int dstPix = y * size;
            for (int x = x0; x < x1; x++) {
                int c = px[texRow + colTexel[x - x0]];
                if (c >>> 24 != 0) {
                    int d = rgbOff + (dstPix + x) * 3;
                    rgb[d] = (byte) (c >> 16);
                    rgb[d + 1] = (byte) (c >> 8);
                    rgb[d + 2] = (byte) c;
                    if (labels != null) {
                        labels[labelOff + dstPix + x] = label;
                    }
                }
            }
        }
    }

    /**
     * Alpha-blends a texture over the screen rectangle {@code (left, top, width, height)} with
     * opacity {@code alpha} in [0, 1]; labels are left unchanged.
     */
    void blend(SpriteTexture tex, double left, double top, double width, double height, float alpha) {
        int x0 = Math.max(0, firstCovered(left));
        int x1 = Math.min(size, firstCovered(left + width));
        int y0 = Math.max(0, firstCovered(top));
        int y1 = Math.min(size, firstCovered(top + height));
        if (x0 >= x1 || y0 >= y1 || alpha <= 0) {
            return;
        }
        prepareLookups(tex, left, top, width, height, false, x0, x1, y0, y1);
        float keep = 1 - alpha;
        int[] px = tex.argb;
        for (int y = y0; y < y1; y++) {
            int texRow = rowTexel[y - y0];
            int dstPix = y * size;
            for (int x = x0; x < x1; x++) {
                int c = px[texRow + colTexel[x - x0]];
                if (c >>> 24 != 0) {
                    int d = rgbOff + (dstPix + x) * 3;
                    rgb[d] = mixChannel(rgb[d], (c >> 16) & 0xFF, alpha, keep);
                    rgb[d + 1] = mixChannel(rgb[d + 1], (c >> 8) & 0xFF, alpha, keep);
                    rgb[d + 2] = mixChannel(rgb[d + 2], c & 0xFF, alpha, keep);
                }
            }
        }
    }

    private static byte mixChannel(byte dst, int src, float alpha, float keep) {
        return (byte) (int) ((dst & 0xFF) * keep + src * alpha + 0.5f);
    }

    private void prepareLookups(SpriteTexture tex, double left, double top, double width, double height,
                                boolean mirror, int x0, int x1, int y0, int y1) {
        double sx = tex.width / width;
        for (int x = x0; x < x1; x++) {
            int u = Math.min(tex.width - 1, Math.max(0, (int) ((x + 0.5 - left) * sx)));
            colTexel[x - x0] = mirror ? tex.width - 1 - u : u;
        }
        double sy = tex.height / height;
        for (int y = y0; y < y1; y++) {
            int v = Math.min(tex.height - 1, Math.max(0, (int) ((y + 0.5 - top) * sy)));
            rowTexel[y - y0] = v * tex.width;
        }
    }

    /** Fills pixels {@code [x0, x1) × [y0, y1)} (clipped to the frame) with grey level {@code grey}. */
    void fillGrey(int x0, int y0, int x1, int y1, int grey, byte label) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(size, x1);
        y1 = Math.min(size, y1);
        byte g = (byte) grey;
        for (int y = y0; y < y1; y++) {
            int dstPix = y * size;
            for (int x = x0; x < x1; x++) {
                int d = rgbOff + (dstPix + x) * 3;
                rgb[d] = g;
                rgb[d + 1] = g;
                rgb[d + 2] = g;
                if (labels != null) {
                    labels[labelOff + dstPix + x] = label;
                }
            }
        }
    }

    /** Fills the whole frame with black. */
    void fillBlack() {
        Arrays.fill(rgb, rgbOff, rgbOff + size * size * 3, (byte) 0);
    }
}
