package org.rlvision.agent.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class L2PoolTest {
    @Test
    void poolsEachTwoByTwoWindowToItsRootMeanSquare() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // one example, two channels, 2x4: windows {1,2,5,6},{3,4,7,8} and {0,0,0,0},{-3,0,0,4}
            double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, -3, 0, 0, 0, 0, 4};
            NDArray in = m.create(x, new Shape(1, 2, 2, 4));
            NDArray out = L2Pool.apply(in);
            assertEquals(new Shape(1, 2, 1, 2), out.getShape());
            double[] expected = {
                Math.sqrt((1 + 4 + 25 + 36) / 4.0 + 1e-8),
                Math.sqrt((9 + 16 + 49 + 64) / 4.0 + 1e-8),
                Math.sqrt(0 + 1e-8),
                Math.sqrt((9 + 16) / 4.0 + 1e-8)};
            assertArrayEquals(expected, out.toDoubleArray(), 1e-15);
            assertEquals(DataType.FLOAT64, out.getDataType());
        }
    }
}
