package io.pplj.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;

/**
 * Initialization through Deeplearning4j's schemes: the same seed gives the same weights (and layers), each scheme
 * has its documented range or variance (checked on 40,000 draws, with tolerances of about 6 standard errors), and
 * the default matches PyTorch's bound {@code 1/sqrt(fan_in)}.
 */
class InitTest {

    private static final int ROWS = 200;
    private static final int COLS = 200;

    private static double[] draw(Init init, int fanIn, int fanOut) {
        return init.sample(Rng.of(21), fanIn, fanOut, DType.FLOAT64, ROWS, COLS).toDoubleArray();
    }

    private static double variance(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
    }

    /** Asserts a zero-mean sample with the given variance: relative error of the variance within 6 sd (sd ~ sqrt(2/n)). */
    private static void assertVariance(double expected, double[] v) {
        double n = v.length;
        assertEquals(0.0, Arrays.stream(v).average().orElseThrow(), 6 * Math.sqrt(expected / n));
        assertEquals(expected, variance(v), expected * 6 * Math.sqrt(2 / n));
    }

    private static void assertUniform(double bound, double[] v) {
        assertTrue(Arrays.stream(v).allMatch(x -> x >= -bound && x <= bound), "within ±" + bound);
        assertTrue(Arrays.stream(v).max().orElseThrow() > 0.99 * bound, "reaches the upper bound");
        assertTrue(Arrays.stream(v).min().orElseThrow() < -0.99 * bound, "reaches the lower bound");
        assertVariance(bound * bound / 3, v);
    }

    @Test
    void sameSeedSameWeights() {
        Tensor a = Init.xavier().sample(Rng.of(5), 10, 20, DType.FLOAT32, 20, 10);
        Tensor b = Init.xavier().sample(Rng.of(5), 10, 20, DType.FLOAT32, 20, 10);
        Tensor c = Init.xavier().sample(Rng.of(6), 10, 20, DType.FLOAT32, 20, 10);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
        Rng.seed(77);
        Sequential n1 = Mlp.builder(8).hidden(16).output(4).build();
        Rng.seed(77);
        Sequential n2 = Mlp.builder(8).hidden(16).output(4).build();
        n1.parameters().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), n2.parameters().get(k).toFloatArray()));
    }

    @Test
    void schemesHaveTheirDocumentedDistributions() {
        int fanIn = 50;
        int fanOut = 150;
        assertUniform(1 / Math.sqrt(fanIn), draw(Init.pytorchDefault(), fanIn, fanOut));
        assertVariance(2.0 / (fanIn + fanOut), draw(Init.xavier(), fanIn, fanOut));
        assertUniform(Math.sqrt(6.0 / (fanIn + fanOut)), draw(Init.xavierUniform(), fanIn, fanOut));
        assertVariance(2.0 / fanIn, draw(Init.he(), fanIn, fanOut));
        assertUniform(Math.sqrt(6.0 / fanIn), draw(Init.heUniform(), fanIn, fanOut));
        assertVariance(1.0 / fanIn, draw(Init.normal(), fanIn, fanOut));
        double[] n = draw(Init.normal(2.0, 0.5), fanIn, fanOut);
        assertEquals(2.0, Arrays.stream(n).average().orElseThrow(), 6 * 0.5 / Math.sqrt(n.length));
        double[] u = draw(Init.uniform(1.0, 3.0), fanIn, fanOut);
        assertTrue(Arrays.stream(u).allMatch(x -> x >= 1.0 && x < 3.0));
        assertEquals(2.0, Arrays.stream(u).average().orElseThrow(), 6 * Math.sqrt(1.0 / 3 / u.length));
        assertTrue(Arrays.stream(draw(Init.constant(0.25), fanIn, fanOut)).allMatch(x -> x == 0.25));
        assertTrue(Arrays.stream(draw(Init.of(WeightInit.ZERO), fanIn, fanOut)).allMatch(x -> x == 0));
    }

    @Test
    void linearDefaultMatchesPyTorchBounds() {
        Rng.seed(3);
        Linear fc = Linear.of(64, 32);
        double bound = 1 / Math.sqrt(64);
        for (Tensor p : fc.parameters().values()) {
            assertTrue(Arrays.stream(p.toDoubleArray()).allMatch(x -> Math.abs(x) <= bound));
            assertEquals(DType.FLOAT32, p.dtype());
        }
        assertTrue(Arrays.stream(fc.parameters().get("weight").toDoubleArray()).map(Math::abs).max().orElseThrow()
                > 0.9 * bound);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Init.normal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Init.of(WeightInit.DISTRIBUTION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.xavier().sample(Rng.of(1), 0, 3, DType.FLOAT32, 3));
        assertTrue(e.getMessage().contains("fan-in 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.xavier().sample(Rng.of(1), 1, 3, DType.INT64, 3));
    }
}
