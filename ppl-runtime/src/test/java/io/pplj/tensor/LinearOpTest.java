package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code x.linear(w, b)} equals {@code x · w^T + b} for inputs of rank 1 to 3, its gradients in all three arguments
 * match finite differences, float32 products large enough for OpenBLAS (where the CPU backend adds the bias inside
 * the product) and their gradients match a float64 computation, and misfitting shapes are rejected with both shapes
 * named.
 */
class LinearOpTest {

    @Test
    void equalsMatmulWithTransposedWeight() {
        Rng.seed(11);
        Tensor w = Rng.current().normal(DType.FLOAT64, 3, 5);
        Tensor b = Rng.current().normal(DType.FLOAT64, 3);
        for (int[] shape : new int[][] {{5}, {4, 5}, {2, 4, 5}}) {
            Tensor x = Rng.current().normal(DType.FLOAT64, shape);
            Tensor expected = x.matmul(w.mT()).add(b);
            Tensor got = x.linear(w, b);
            assertArrayEquals(expected.shape(), got.shape());
            assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), 1e-12);
            assertArrayEquals(x.matmul(w.mT()).toDoubleArray(), x.linear(w, null).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng.seed(12);
        Tensor x = Rng.current().normal(DType.FLOAT64, 2, 3, 4);
        Tensor w = Rng.current().normal(DType.FLOAT64, 5, 4);
        Tensor b = Rng.current().normal(DType.FLOAT64, 5);
        GradCheck.check(in -> in[0].linear(in[1], in[2]).tanh(), x, w, b);
    }

    @Test
    void float32BiasAddedInsideTheNativeProductMatchesFloat64() {
        Rng.seed(13);
        for (int[] mnk : new int[][] {{64, 40, 48}, {256, 50, 400}, {3, 700, 30}, {1, 1, 40_000}}) {
            Tensor x = Rng.current().normal(DType.FLOAT32, mnk[0], mnk[2]).requiresGrad(true);
            Tensor w = Rng.current().normal(DType.FLOAT32, mnk[1], mnk[2]).requiresGrad(true);
            Tensor b = Rng.current().normal(DType.FLOAT32, mnk[1]).requiresGrad(true);
            Tensor y = x.linear(w, b);
            Tensor x64 = x.detach().asType(DType.FLOAT64).requiresGrad(true);
            Tensor w64 = w.detach().asType(DType.FLOAT64).requiresGrad(true);
            Tensor b64 = b.detach().asType(DType.FLOAT64).requiresGrad(true);
            Tensor y64 = x64.matmul(w64.mT()).add(b64);
            double tolerance = 1e-5 * Math.sqrt(mnk[2]);
            assertArrayEquals(y64.toDoubleArray(), y.toDoubleArray(), tolerance * 4);
            Tensor seed = Rng.current().normal(DType.FLOAT64, mnk[0], mnk[1]);
            Tensor[] g = Grad.of(y.mul(seed.asType(DType.FLOAT32)).sum(), x, w, b);
            Tensor[] g64 = Grad.of(y64.mul(seed).sum(), x64, w64, b64);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(g64[i].toDoubleArray(), g[i].toDoubleArray(),
                        1e-5 * Math.sqrt(Math.max(mnk[0], mnk[1])) * 4, "gradient " + i);
            }
        }
    }

    /** A float64 bias on float32 operands: the product stays float32, the sum is float64 (as x · w^T + b). */
    @Test
    void widerBiasPromotesOnlyTheSum() {
        Rng.seed(14);
        Tensor x = Rng.current().normal(DType.FLOAT32, 64, 64);
        Tensor w = Rng.current().normal(DType.FLOAT32, 64, 64);
        Tensor b = Rng.current().normal(DType.FLOAT64, 64);
        Tensor got = x.linear(w, b);
        assertEquals(DType.FLOAT64, got.dtype());
        assertArrayEquals(x.matmul(w.mT()).add(b).toDoubleArray(), got.toDoubleArray(), 0.0);
    }

    @Test
    void misfittingShapesAreRejected() {
        Tensor w = Tensor.zeros(3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 4).linear(w, null));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 5).linear(w, Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("bias of shape [5]"), e.getMessage());
    }
}
