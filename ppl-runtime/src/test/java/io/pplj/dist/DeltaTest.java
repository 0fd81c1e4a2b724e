package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Delta: log-probability 0 / -inf plus the extra log-density, event dimensions, draws, gradients and shapes. */
class DeltaTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void scalarEventsScoreTheirValue() {
        Delta d = Delta.of(f64(new double[] {1.0, 2.0, 3.0}, 3));
        assertArrayEquals(new int[] {3}, d.batchShape());
        assertArrayEquals(new int[0], d.eventShape());
        assertArrayEquals(new double[] {0.0, NEG_INF, 0.0}, d.logProb(f64(new double[] {1.0, 2.5, 3.0}, 3))
                .toDoubleArray());
        assertArrayEquals(new double[] {0.0, NEG_INF, NEG_INF}, d.logProb(f64(1.0)).toDoubleArray());
    }

    @Test
    void eventDimensionsAndLogDensity() {
        Tensor v = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Delta d = Delta.of(v, f64(new double[] {-0.5, 1.5}, 2), 1);
        assertArrayEquals(new int[] {2}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        Tensor x = f64(new double[] {1, 2, 3, 4, 5, 7}, 2, 3);
        assertArrayEquals(new double[] {-0.5, NEG_INF}, d.logProb(x).toDoubleArray());
        assertArrayEquals(new double[] {-0.5, 1.5}, d.logProb(v).toDoubleArray());
        // a logDensity that enlarges the batch: [4, 1] against v's batch [2] gives [4, 2]
        Delta wide = Delta.of(v, f64(new double[] {0, 1, 2, 3}, 4, 1), 1);
        assertArrayEquals(new int[] {4, 2}, wide.batchShape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 2, 2, 3, 3}, wide.logProb(v).toDoubleArray());
        Delta whole = Delta.of(v, 2.0, 2);
        assertArrayEquals(new int[0], whole.batchShape());
        assertEquals(2.0, whole.logProb(v).item());
        assertEquals(NEG_INF, whole.logProb(x).item());
    }

    @Test
    void drawsAreTheValueAndCarryItsGradient() {
        Tensor v = f64(new double[] {0.5, -1.5}, 2).requiresGrad(true);
        Delta d = Delta.of(v);
        assertTrue(d.hasRsample());
        Tensor x = d.rsample(Rng.of(1), 3);
        assertArrayEquals(new int[] {3, 2}, x.shape());
        assertArrayEquals(new double[] {0.5, -1.5, 0.5, -1.5, 0.5, -1.5}, x.toDoubleArray());
        assertArrayEquals(new double[] {3, 6}, Grad.of(x.mul(f64(new double[] {1, 2}, 2)).sum(), v)[0]
                .toDoubleArray());
        assertArrayEquals(new double[] {0.5, -1.5}, d.mean().toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, d.variance().toDoubleArray());
        assertTrue(d.support().check(f64(3.0)).item() != 0.0);
    }

    @Test
    void expandAndValidation() {
        Delta d = Delta.of(f64(new double[] {1, 2}, 2), 0.5, 1);
        Delta e = d.expand(4);
        assertSame(Delta.class, e.getClass());
        assertArrayEquals(new int[] {4}, e.batchShape());
        assertArrayEquals(new int[] {5, 4, 2}, e.sample(Rng.of(2), 5).shape());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, e.logProb(f64(new double[] {1, 2}, 2)).toDoubleArray());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Delta.of(f64(new double[] {1, 2}, 2), 2));
        assertTrue(bad.getMessage().contains("Delta") && bad.getMessage().contains("eventDim"), bad.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Delta.of(f64(new double[] {1, Double.NaN}, 2)));
        assertTrue(nan.getMessage().contains("Delta") && nan.getMessage().contains("'v'"), nan.getMessage());
        assertEquals(DType.FLOAT32, Delta.of(3.0).logProb(Tensor.scalar(3.0)).dtype());
    }
}
