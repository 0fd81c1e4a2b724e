package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/**
 * Float32 functions computed in double work in blocks of about a million elements per thread: over ranges longer
 * than a block (on one thread, and split between two), every element of exp, softplus, x log y, the binary
 * log-likelihood and softplus's derivative still matches its element-by-element float64 reference.
 */
class WideBlocksTest {

    private static final int N = (1 << 21) + 7;

    private static void check(String what, double expected, double actual, int i) {
        assertEquals(expected, actual, 3e-7 * Math.max(1, Math.abs(expected)), what + " at " + i);
    }

    private static void checkAll() {
        Rng.seed(5);
        Tensor x = Tensor.randn(N).asType(DType.FLOAT32);
        Tensor p = Tensor.rand(N).asType(DType.FLOAT32);
        Tensor t = Tensor.rand(N).lt(0.5).asType(DType.FLOAT32);
        double[] xv = x.toDoubleArray();
        double[] pv = p.toDoubleArray();
        double[] tv = t.toDoubleArray();
        double[] exp = x.exp().toDoubleArray();
        double[] softplus = x.softplus().toDoubleArray();
        double[] xlogy = x.xlogy(p).toDoubleArray();
        double[] likelihood = p.binaryLogLikelihood(t).toDoubleArray();
        double[] softplusGrad = Elementwise.binary(p, x, BinaryOp.SOFTPLUS_GRAD).toDoubleArray();
        for (int i = 0; i < N; i++) {
            double v = xv[i];
            check("exp", Math.exp(v), exp[i], i);
            check("softplus", Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))), softplus[i], i);
            check("xlogy", v * Math.log(pv[i]), xlogy[i], i);
            check("binaryLogLikelihood", tv[i] == 1 ? Math.log(pv[i]) : Math.log1p(-pv[i]), likelihood[i], i);
            check("softplus'", pv[i] / (1 + Math.exp(-v)), softplusGrad[i], i);
        }
    }

    @Test
    @SuppressWarnings("try")        // the scope only selects the backend
    void rangesLongerThanABlockOnTwoThreads() {
        try (ThreadScope scope = Backends.use(CpuBackend.withThreads(2))) {
            checkAll();
        }
    }

    @Test
    @SuppressWarnings("try")
    void rangesLongerThanABlockOnOneThread() {
        try (ThreadScope scope = Backends.use(CpuBackend.withThreads(1))) {
            checkAll();
        }
    }
}
