package org.rlvision.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Rewrites a layer's activation on its way through the network ({@code [B,C,H,W]} or {@code [B,C]},
 * channels on axis 1): zero channels, project out a direction, add a direction. Never changes the
 * model's weights.
 */
@FunctionalInterface
public interface ActivationHook {
    /**
     * Returns the activation the rest of the network should see.
     *
     * @param activation the layer's output, channels on axis 1
     * @return an array of the same shape and type, created from {@code activation}'s manager
     */
    NDArray apply(NDArray activation);

    /** This hook, then {@code next}. */
    default ActivationHook andThen(ActivationHook next) {
        return a -> next.apply(apply(a));
    }

    /** Sets these channels to 0 at every position. */
    static ActivationHook zeroChannels(int... channels) {
        return new ZeroChannels(channels.clone());
    }

    /**
     * Removes the component along {@code direction} from every position's channel vector:
     * {@code a ← a − v(v·a)/‖v‖²} (that is {@code P a} with {@code P = I − vvᵀ/‖v‖²}).
     */
    static ActivationHook projectOut(float[] direction) {
        return new ProjectOut(requireDirection(direction));
    }

    /** Adds {@code scale·direction} to every position's channel vector. */
    static ActivationHook addDirection(float[] direction, float scale) {
        return new AddDirection(requireDirection(direction), scale);
    }

    private static float[] requireDirection(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        if (v.length == 0 || n == 0 || !Double.isFinite(n)) {
            throw new IllegalArgumentException("a direction must be a non-zero finite vector, got " + Arrays.toString(v));
        }
        return v.clone();
    }

    /**
     * {@code direction} as an array that broadcasts over {@code activation}'s channel axis:
     * {@code [1,C,1,1]} or {@code [1,C]}.
     */
    private static NDArray channelVector(NDArray activation, float[] direction) {
        Shape s = activation.getShape();
        if (s.dimension() < 2 || s.get(1) != direction.length) {
            throw new IllegalArgumentException("a direction of length " + direction.length
                    + " does not match an activation of shape " + s + " (channels on axis 1); use one value per channel");
        }
        long[] b = new long[s.dimension()];
        Arrays.fill(b, 1);
        b[1] = direction.length;
        return NativeStaging.floats(activation.getManager(), direction, new Shape(b), activation.getDataType());
    }

    /**
     * The hook returned by {@link #zeroChannels(int...)}.
     *
     * @param channels the channels set to zero
     */
    record ZeroChannels(int[] channels) implements ActivationHook {
        @Override
        public NDArray apply(NDArray activation) {
            long c = activation.getShape().get(1);
            float[] mask = new float[Math.toIntExact(c)];
            Arrays.fill(mask, 1f);
            for (int ch : channels) {
                if (ch < 0 || ch >= c) {
                    throw new IllegalArgumentException("channel " + ch + " is outside 0.." + (c - 1)
                            + " of an activation with " + c + " channels");
                }
                mask[ch] = 0f;
            }
            return activation.mul(channelVector(activation, mask));
        }

        @Override
        public String toString() {
            return "zeroChannels" + Arrays.toString(channels);
        }
    }

    /**
     * The hook returned by {@link #projectOut(float[])}.
     *
     * @param direction the direction v over channels
     */
    record ProjectOut(float[] direction) implements ActivationHook {
        @Override
        public NDArray apply(NDArray activation) {
            double n2 = 0;
            for (float x : direction) {
                n2 += (double) x * x;
            }
            NDArray v = channelVector(activation, direction);
            NDArray dot = activation.mul(v).sum(new int[] {1}, true);
            return activation.sub(dot.mul(v).div(n2));
        }

        @Override
        public String toString() {
            return "projectOut" + Arrays.toString(direction);
        }
    }

    /**
     * The hook returned by {@link #addDirection(float[], float)}.
     *
     * @param direction the direction over channels
     * @param scale     its multiplier
     */
    record AddDirection(float[] direction, float scale) implements ActivationHook {
        @Override
        public NDArray apply(NDArray activation) {
            return activation.add(channelVector(activation, direction).mul(scale));
        }

        @Override
        public String toString() {
            return "addDirection(" + scale + "×" + Arrays.toString(direction) + ")";
        }
    }
}
