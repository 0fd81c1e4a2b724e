package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Cholesky factorization, triangular solves and the diagonal/triangle helpers: values and gradients. */
class LinalgProperties {

    /** A batch of symmetric positive-definite matrices {@code M M^T + n I}. */
    private static Tensor spd(int batch, int n, long seed) {
        Tensor m = TensorArbitraries.uniform(new int[] {batch, n, n}, -1, 1, seed);
        return m.matmul(m.mT()).add(Tensor.eye(n).asType(DType.FLOAT64).mul(n));
    }

    /** Lower-triangular matrices with diagonals in [1, 2]. */
    private static Tensor lowerWellConditioned(int batch, int n, long seed) {
        Tensor m = TensorArbitraries.uniform(new int[] {batch, n, n}, -1, 1, seed).tril(-1);
        Tensor d = TensorArbitraries.uniform(new int[] {batch, n}, 1, 2, seed + 1).diagEmbed();
        return m.add(d);
    }

    @Property(tries = 50)
    void choleskyReconstructsAndIsLower(@ForAll @IntRange(min = 1, max = 3) int batch,
                                        @ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Tensor a = spd(batch, n, seed);
        Tensor l = a.cholesky();
        assertTrue(l.matmul(l.mT()).allClose(a, 1e-12, 1e-12), "L L^T = A");
        assertEquals(0.0, l.triu(1).abs().sum().item(), "upper triangle is zero");
        assertTrue(l.diagonal().gt(0.0).all().item() != 0, "positive diagonal");
    }

    @Property(tries = 30)
    void choleskyGradient(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Tensor a = spd(2, n, seed);
        GradCheck.check(t -> t[0].add(t[0].mT()).mul(0.5).cholesky(), a);
    }

    @Property(tries = 50)
    void solveTriangularSolves(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 3) int k,
                               @ForAll boolean upper, @ForAll long seed) {
        Tensor lower = lowerWellConditioned(2, n, seed);
        Tensor a = upper ? lower.mT() : lower;
        Tensor b = TensorArbitraries.uniform(new int[] {2, n, k}, -2, 2, seed + 5);
        Tensor x = a.solveTriangular(b, upper);
        assertTrue(a.matmul(x).allClose(b, 1e-10, 1e-10), "A X = B");
    }

    @Property(tries = 40)
    void solveTriangularGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean upper,
                                  @ForAll long seed) {
        Tensor lower = lowerWellConditioned(1, n, seed);
        Tensor a = upper ? lower.mT() : lower;
        Tensor b = TensorArbitraries.uniform(new int[] {3, n, 2}, -2, 2, seed + 5);
        GradCheck.check(t -> t[0].solveTriangular(t[1], upper), a, b);
    }

    @Property(tries = 30)
    void transposedSolveGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Tensor l = lowerWellConditioned(2, n, seed);
        Tensor b = TensorArbitraries.uniform(new int[] {2, n, 2}, -2, 2, seed + 3);
        Tensor x = LinearAlgebra.solveTriangular(l, b, false, true);
        assertTrue(l.mT().matmul(x).allClose(b, 1e-10, 1e-10), "L^T X = B");
        GradCheck.check(t -> LinearAlgebra.solveTriangular(t[0], t[1], false, true), l, b);
    }

    @Property(tries = 50)
    void diagonalTrilTriuDiagEmbed(@ForAll @IntRange(min = 1, max = 4) int rows,
                                   @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(new int[] {2, rows, cols}, -1, 1, seed);
        double[] v = x.toDoubleArray();
        double[] diag = x.diagonal().toDoubleArray();
        double[] lower = x.tril(0).toDoubleArray();
        double[] upper = x.triu(1).toDoubleArray();
        int m = Math.min(rows, cols);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int f = (b * rows + i) * cols + j;
                    if (i == j) {
                        assertEquals(v[f], diag[b * m + i]);
                    }
                    assertEquals(j <= i ? v[f] : 0.0, lower[f]);
                    assertEquals(j >= i + 1 ? v[f] : 0.0, upper[f]);
                }
            }
        }
        GradCheck.check(t -> t[0].diagonal().diagEmbed().add(t[0].tril(-1).mul(2.0)).add(t[0].triu(1)),
                TensorArbitraries.uniform(new int[] {2, rows, rows}, -1, 1, seed));
    }

    @Test
    void notPositiveDefiniteIsReported() {
        Tensor a = Tensor.of(new double[] {1, 2, 2, 1}, DType.FLOAT64, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::cholesky);
        assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains("order 2"),
                e.getMessage());
    }

    @Test
    void float32CholeskyMatchesFloat64() {
        Tensor a = spd(3, 5, 11);
        assertArrayEquals(a.cholesky().toDoubleArray(), a.asType(DType.FLOAT32).cholesky().toDoubleArray(), 1e-5);
    }
}
