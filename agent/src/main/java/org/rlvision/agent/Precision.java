package org.rlvision.agent;

import ai.djl.ndarray.types.DataType;

/**
 * The floating-point type an {@link Agent} computes in: float32 by default, float64 for exact
 * analysis (finite differences).
 *
 * <p>No 16-bit option: DJL 0.36's PyTorch engine aborts the JVM when asked for bfloat16, and
 * float16 convolutions run about 10× slower than float32 on x86 CPUs.
 */
public enum Precision {
    /** 32-bit floats, the default. */
    FLOAT32(DataType.FLOAT32),
    /** 64-bit floats, for checks that need exact arithmetic. */
    FLOAT64(DataType.FLOAT64);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type. */
    public DataType dataType() {
        return dataType;
    }
}
