package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Broadcasts that merge into one long row (a large tensor against a scalar) are split between threads inside the
 * row: every element still gets the right operands, in every kernel family that walks plans.
 */
class LongRowKernelsTest {

    private static final int N = 300_007;

    @Test
    void tensorAgainstScalarMatchesElementwiseReference() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Rng.seed(3);
            Tensor x = Tensor.randn(N).asType(dtype);
            Tensor s = Tensor.scalar(0.25, dtype);
            double[] xv = x.toDoubleArray();
            double[] sum = x.add(s).toDoubleArray();
            double[] pow = x.abs().pow(s).toDoubleArray();
            boolean[] gt = x.gt(s).toBooleanArray();
            double[] relu = Tensor.where(x.gt(0.0), x, Tensor.scalar(0.0, dtype)).toDoubleArray();
            boolean[] and = x.gt(0.0).and(Tensor.scalar(1.0, DType.BOOL)).toBooleanArray();
            for (int i = 0; i < N; i++) {
                double v = xv[i];
                double tol = dtype == DType.FLOAT32 ? 1e-6 * (1 + Math.abs(v)) : 1e-15;
                assertEquals(v + 0.25, sum[i], tol, dtype + " add at " + i);
                assertEquals(Math.pow(Math.abs(v), 0.25), pow[i], tol, dtype + " pow at " + i);
                assertEquals(v > 0.25, gt[i], dtype + " gt at " + i);
                assertEquals(v > 0 ? v : 0.0, relu[i], 0.0, dtype + " where at " + i);
                assertEquals(v > 0, and[i], dtype + " and at " + i);
            }
        }
        Tensor ints = Tensor.arange(N);
        long[] shifted = ints.add(Tensor.scalar(5.0, DType.INT64)).toLongArray();
        for (int i = 0; i < N; i++) {
            assertEquals(i + 5L, shifted[i], "int64 add at " + i);
        }
    }
}
