package org.rlvision.plugins.attribution;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Normalising, ordering and projecting factors, checked on a hand-made factorisation. */
class FactorsTest {
    // Two components over 3 channels: c0 = [2,0,2] (sum 4), c1 = [0,1,0] (sum 1). Two rows of V
    // (two observations of a 1x1 grid): V0 = 1·c0 + 3·c1 = [2,3,2]; V1 = 4·c1 − 0.5·c0 = [−1,4,−1].
    static final float[] H = {2, 0, 2, 0, 1, 0};
    // W factor-major [k][2·rows]: positive rows 0,1 then negative rows 0,1.
    static final float[] W = {1, 0, 0, 0.5f, 3, 4, 0, 0};
    static final NmfResult FIT = new NmfResult(2, 3, 2, W, H, 0.0, 5, 0, true);

    @Test
    void directionsSumToOneAndAreOrderedByAttributionMass() {
        Factors f = Factors.of(FIT);
        // mass(c0) = (1 + 0.5)·4 = 6, mass(c1) = (3 + 4)·1 = 7: c1 comes first
        assertArrayEquals(new int[] {1, 0}, f.order());
        assertArrayEquals(new double[] {7, 6}, f.mass(), 1e-9);
        assertArrayEquals(new float[] {0, 1, 0}, f.direction(0));
        assertArrayEquals(new float[] {0.5f, 0, 0.5f}, f.direction(1));
    }

    @Test
    void mapsCarryTheAttributionMassOfEachFactorAndProjectionAgrees() {
        Factors f = Factors.of(FIT);
        FactorMaps fitted = f.mapsOf(FIT, 2, 1, 1);
        // factor 0 (c1): positive 3 and 4; factor 1 (c0): positive 1·4 at obs 0, negative 0.5·4 at obs 1
        assertArrayEquals(new float[] {3, 4, 4, 0}, new float[] {fitted.positive()[fitted.offset(0, 0)],
                fitted.positive()[fitted.offset(1, 0)], fitted.positive()[fitted.offset(0, 1)], fitted.positive()[fitted.offset(1, 1)]});
        assertEquals(2f, fitted.negative()[fitted.offset(1, 1)]);
        assertEquals(0f, fitted.negative()[fitted.offset(0, 0)]);
        LayerAttribution attr = new LayerAttribution("x", 2, 3, 1, 1, new float[] {2, 3, 2, -1, 4, -1}, new float[2], 0f);
        Factors.Projection p = f.project(attr, 1);
        assertEquals(0, p.relativeError(), 1e-5);
        assertArrayEquals(fitted.positive(), p.maps().positive(), 1e-4f);
        assertArrayEquals(fitted.negative(), p.maps().negative(), 1e-4f);
        // the maps of observation 0 sum to its total attribution, 2 + 3 + 2 = 7
        assertEquals(7f, p.maps().positive()[0] + p.maps().positive()[2] - p.maps().negative()[0] - p.maps().negative()[2], 1e-4f);
    }
}
