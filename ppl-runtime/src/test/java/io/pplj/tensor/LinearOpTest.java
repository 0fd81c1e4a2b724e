package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code x.linear(w, b)} equals {@code x · w^T + b} for inputs of rank 1 to 3, its gradients in all three arguments
 * match finite differences, and misfitting shapes are rejected with both shapes named.
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
    void misfittingShapesAreRejected() {
        Tensor w = Tensor.zeros(3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 4).linear(w, null));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 5).linear(w, Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("bias of shape [5]"), e.getMessage());
    }
}
