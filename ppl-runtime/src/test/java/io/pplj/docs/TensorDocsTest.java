package io.pplj.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Backends;
import io.pplj.tensor.BatchStatistics;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import io.pplj.tensor.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The examples of docs/tensors.md, run and checked; and a check that the page shows exactly this code. */
class TensorDocsTest {

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/tensors.md",
                "ppl-runtime/src/test/java/io/pplj/docs/TensorDocsTest.java");
    }

    @Test
    void creation() {
        // example: creation
        Tensor a = Tensor.of(1.0, 2.0, 3.0);                          // 1-D, float32
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);  // 2 x 3, row-major
        Tensor z = Tensor.zeros(2, 3);
        Tensor s = Tensor.scalar(0.5);                                // rank 0: shape []
        Tensor d = Tensor.of(new double[] {1, 2}, DType.FLOAT64, 2);  // float64
        Tensor idx = Tensor.ofLongs(0, 2, 1);                         // int64 indices
        int[] shape = m.shape();                                      // [2, 3]
        double first = m.select(0, 1).select(0, 2).item();            // 6.0
        // end example
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, shape);
        assertEquals(0.0, z.sum().item());
        assertEquals(0, s.dim());
        assertEquals(DType.FLOAT64, d.dtype());
        assertEquals(DType.INT64, idx.dtype());
        assertEquals(6.0, first);
    }

    @Test
    void broadcasting() {
        // example: broadcasting
        Tensor col = Tensor.of(new double[] {10, 20}, 2, 1);   // [2, 1]
        Tensor row = Tensor.of(1.0, 2.0, 3.0);                  // [3]
        Tensor grid = col.add(row);                             // [2, 3]: 11 12 13 / 21 22 23
        // end example
        assertArrayEquals(new double[] {11, 12, 13, 21, 22, 23}, grid.toDoubleArray());
    }

    @Test
    void autodiff() {
        // example: autodiff
        Tensor w = Tensor.of(0.5, -1.0).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor loss = x.matmul(w).tanh().square().mean();
        loss.backward();                                   // d loss / d w accumulates in w.grad()
        Tensor dw = w.grad();                              // shape [2]
        w.zeroGrad();
        // end example
        // d/dw mean(tanh(xw)^2) = (2/3) sum_i tanh(x_i w) (1 - tanh^2(x_i w)) x_i
        double[] expected = new double[2];
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        for (double[] r : rows) {
            double t = Math.tanh(r[0] * 0.5 - r[1]);
            for (int j = 0; j < 2; j++) {
                expected[j] += 2.0 / 3.0 * t * (1 - t * t) * r[j];
            }
        }
        assertArrayEquals(expected, dw.toDoubleArray(), 1e-6);
        assertNull(w.grad());
    }

    @Test
    @SuppressWarnings("try")
    void gradOf() {
        // example: grad-of
        Tensor t = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor cube = t.pow(3.0).sum();
        Tensor dt = Grad.of(cube, null, true, t)[0];       // 3 t^2, itself differentiable
        Tensor d2t = Grad.of(dt.sum(), t)[0];              // 6 t = [6, 12, 18]
        try (ThreadScope off = Grad.noGrad()) {
            Tensor frozen = t.mul(2.0);                    // not recorded
            assert !frozen.requiresGrad();
        }
        // end example
        assertArrayEquals(new double[] {3, 12, 27}, dt.toDoubleArray(), 1e-5);
        assertArrayEquals(new double[] {6, 12, 18}, d2t.toDoubleArray(), 1e-5);
        assertNull(t.grad());
        assertTrue(Grad.isEnabled());
    }

    @Test
    void convolution() {
        Rng.seed(3);
        // example: convolution
        Tensor images = Tensor.rand(8, 3, 64, 64);                          // [N, C, H, W]
        Tensor w = Tensor.randn(32, 3, 4, 4).mul(0.1).requiresGrad(true);   // [out, in/groups, kH, kW]
        Tensor b = Tensor.zeros(32).requiresGrad(true);
        Tensor h = images.conv2d(w, b, 2, 1).relu();                        // stride 2, padding 1: [8, 32, 32, 32]
        Tensor pooled = h.maxPool2d(2);                                     // [8, 32, 16, 16]
        Tensor smooth = h.avgPool2d(3, 1, 1);                               // [8, 32, 32, 32]
        Tensor wt = Tensor.randn(32, 3, 4, 4).mul(0.1);                     // [in, out/groups, kH, kW]
        Tensor up = h.convTranspose2d(wt, null, 2, 1, 0);                   // [8, 3, 64, 64]
        Tensor[] grads = Grad.of(up.sub(images).square().mean(), w, b);     // shapes of w and b
        // end example
        assertArrayEquals(new int[] {8, 32, 32, 32}, h.shape());
        assertArrayEquals(new int[] {8, 32, 16, 16}, pooled.shape());
        assertArrayEquals(new int[] {8, 32, 32, 32}, smooth.shape());
        assertArrayEquals(new int[] {8, 3, 64, 64}, up.shape());
        assertArrayEquals(new int[] {32, 3, 4, 4}, grads[0].shape());
        assertArrayEquals(new int[] {32}, grads[1].shape());
        assertTrue(pooled.ge(0.0).all().item() != 0, "max of ReLU outputs is non-negative");
        assertTrue(grads[0].abs().sum().item() > 0, "the loss depends on the weight");
    }

    @Test
    void batchNorm() {
        Rng.seed(4);
        // example: batch-norm
        Tensor x = Tensor.randn(16, 4, 5, 5);                               // [N, C, H, W], or [N, C], [N, C, L]
        Tensor gamma = Tensor.ones(4).requiresGrad(true);
        Tensor beta = Tensor.zeros(4).requiresGrad(true);
        BatchStatistics stats = x.batchStatistics();                        // per channel, over N, H, W
        Tensor y = x.batchNorm(stats.mean(), stats.variance(), gamma, beta, 1e-5);     // training mode
        Tensor runningMean = stats.runningMean(Tensor.zeros(4), 0.1);       // 0.9 old + 0.1 batch, no gradient
        Tensor runningVar = stats.runningVariance(Tensor.ones(4), 0.1);     // uses the unbiased variance
        Tensor yEval = x.batchNorm(runningMean, runningVar, gamma, beta, 1e-5);        // evaluation mode
        // end example
        int[] dims = {0, 2, 3};
        assertArrayEquals(new double[4], y.mean(dims, false).toDoubleArray(), 1e-5);
        assertArrayEquals(new double[] {1, 1, 1, 1}, y.square().mean(dims, false).toDoubleArray(), 1e-3);
        assertArrayEquals(stats.mean().mul(0.1).toDoubleArray(), runningMean.toDoubleArray(), 1e-7);
        assertArrayEquals(new int[] {16, 4, 5, 5}, yEval.shape());
        assertTrue(yEval.requiresGrad() && !runningVar.requiresGrad());
    }

    @Test
    @SuppressWarnings("try")
    void random() {
        // example: random
        Rng.seed(42);                                      // this thread's generator
        Tensor noise = Tensor.randn(3, 2);                 // standard normals, float32
        Rng rng = Rng.of(7);                               // an explicit generator
        Tensor g = rng.gamma(Tensor.of(0.5, 2.0));         // Marsaglia-Tsang
        Tensor k = rng.poisson(Tensor.of(3.0, 250.0));     // multiplication / PTRS
        Tensor c = rng.categorical(Tensor.of(0.2, 0.0, 0.8)); // int64 scalar, never 1
        try (ThreadScope scoped = Rng.use(Rng.of(1))) {
            Tensor u = Tensor.rand(4);                     // from Rng.of(1)
        }
        // end example
        Rng.seed(42);
        assertArrayEquals(noise.toDoubleArray(), Tensor.randn(3, 2).toDoubleArray());
        assertTrue(g.gt(0.0).all().item() != 0);
        assertEquals(0.0, k.sub(k.floor()).abs().sum().item());
        assertEquals(DType.INT64, c.dtype());
        assertNotEquals(1.0, c.item());
    }

    @Test
    @SuppressWarnings("try")
    void backends() {
        // example: backends
        CpuBackend single = CpuBackend.withThreads(1);
        try (ThreadScope scope = Backends.use(single)) {
            Tensor y = Tensor.ones(1000).cumsum(0);        // computed on the single-threaded backend
        }
        INDArray nd = Tensor.of(1.0, 2.0).toINDArray();    // copy out to ND4J
        Tensor back = Tensor.fromINDArray(nd);             // and back
        // end example
        assertArrayEquals(new double[] {1, 2}, back.toDoubleArray());
        assertFalse(Backends.current() == single);
    }
}
