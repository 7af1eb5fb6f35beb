package org.rlvision.agent;

import org.rlvision.env.EnvSpec;

/**
 * A batch of observations in the environment's layout, NHWC {@code [B,H,W,C]}: either raw uint8
 * frames, or float pixels {@code x = uint8/255} in [0,1] (for gradients, feature visualisation and
 * finite differences).
 */
public sealed interface Observations permits Observations.Frames, Observations.Pixels {
    /** Number of observations B. */
    int count();

    /** Height H in pixels. */
    int height();

    /** Width W in pixels. */
    int width();

    /** Colour channels C. */
    int channels();

    /** The shape {@code [B,H,W,C]}. */
    default int[] shape() {
        return new int[] {count(), height(), width(), channels()};
    }

    /**
     * uint8 frames as the environment renders them, row-major {@code [B,H,W,C]}.
     *
     * @param count    B
     * @param height   H
     * @param width    W
     * @param channels C
     * @param data     {@code B*H*W*C} bytes, read as unsigned; used as is, not copied
     */
    record Frames(int count, int height, int width, int channels, byte[] data) implements Observations {
        /** Checks the length. */
        public Frames {
            requireLength(count, height, width, channels, data.length);
        }
    }

    /**
     * Float pixels in [0,1] ({@code uint8/255}), row-major {@code [B,H,W,C]}.
     *
     * @param count    B
     * @param height   H
     * @param width    W
     * @param channels C
     * @param data     {@code B*H*W*C} floats; used as is, not copied
     */
    record Pixels(int count, int height, int width, int channels, float[] data) implements Observations {
        /** Checks the length. */
        public Pixels {
            requireLength(count, height, width, channels, data.length);
        }
    }

    /** uint8 frames of an environment spec; B is {@code data.length / spec.observationBytes()}. */
    static Frames frames(byte[] data, EnvSpec spec) {
        return frames(data, spec.height(), spec.width(), spec.channels());
    }

    /** uint8 frames of this size; B is inferred from the length. */
    static Frames frames(byte[] data, int height, int width, int channels) {
        return new Frames(countOf(data.length, height, width, channels), height, width, channels, data);
    }

    /** Float pixels of this size; B is inferred from the length. */
    static Pixels pixels(float[] data, int height, int width, int channels) {
        return new Pixels(countOf(data.length, height, width, channels), height, width, channels, data);
    }

    /** The frames converted to float pixels {@code uint8/255}. */
    static Pixels pixelsOf(Frames frames) {
        float[] p = new float[frames.data().length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (frames.data()[i] & 0xFF) / 255f;
        }
        return new Pixels(frames.count(), frames.height(), frames.width(), frames.channels(), p);
    }

    private static int countOf(int length, int height, int width, int channels) {
        int per = height * width * channels;
        if (per <= 0 || length % per != 0) {
            throw new IllegalArgumentException("observation data of length " + length + " is not a whole number of "
                    + height + "x" + width + "x" + channels + " observations");
        }
        return length / per;
    }

    private static void requireLength(int count, int height, int width, int channels, int length) {
        if (count <= 0 || height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("observation batch shape must be positive, got ["
                    + count + "," + height + "," + width + "," + channels + "]");
        }
        if ((long) count * height * width * channels != length) {
            throw new IllegalArgumentException("observation batch [" + count + "," + height + "," + width + ","
                    + channels + "] needs " + ((long) count * height * width * channels) + " values but has " + length);
        }
    }
}
