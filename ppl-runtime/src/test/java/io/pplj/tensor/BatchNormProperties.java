package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Batch statistics and batch normalization on {@code [N, C]}, {@code [N, C, L]} and {@code [N, C, H, W]} inputs:
 * per-channel mean and biased variance against direct sums, the normalized output against the formula, gradients
 * in training mode (through the batch statistics) and evaluation mode (with respect to every argument) against
 * finite differences, PyTorch's running-estimate updates, and errors.
 */
class BatchNormProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            int[] s = new int[2 + r.nextInt(3)];
            for (int d = 0; d < s.length; d++) {
                s[d] = 1 + r.nextInt(d == 0 ? 3 : 4);
            }
            if (Shapes.numel(s) / s[1] < 2) {
                s[0] = 2;
            }
            return s;
        });
    }

    /** Reference per-channel {mean, biased variance} by direct sums. */
    private static double[][] moments(double[] x, int[] shape) {
        int c = shape[1];
        int inner = Shapes.prod(shape, 2, shape.length);
        int m = shape[0] * inner;
        double[][] out = new double[2][c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int n = 0; n < shape[0]; n++) {
                for (int k = 0; k < inner; k++) {
                    sum += x[(n * c + ch) * inner + k];
                }
            }
            double mean = sum / m;
            double sq = 0;
            for (int n = 0; n < shape[0]; n++) {
                for (int k = 0; k < inner; k++) {
                    double d = x[(n * c + ch) * inner + k] - mean;
                    sq += d * d;
                }
            }
            out[0][ch] = mean;
            out[1][ch] = sq / m;
        }
        return out;
    }

    @Property(tries = 100)
    void statisticsAndOutputMatchTheFormulas(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(shape, -3, 5, seed);
        int c = shape[1];
        Tensor gamma = TensorArbitraries.uniform(new int[] {c}, 0.5, 2, seed + 1);
        Tensor beta = TensorArbitraries.uniform(new int[] {c}, -1, 1, seed + 2);
        double[][] ref = moments(x.toDoubleArray(), shape);
        BatchStatistics s = x.batchStatistics();
        assertEquals(Shapes.numel(shape) / c, s.count());
        ConvolutionProperties.assertClose(ref[0], s.mean().toDoubleArray(), 1e-12, "mean");
        ConvolutionProperties.assertClose(ref[1], s.variance().toDoubleArray(), 1e-12, "variance");
        double eps = 1e-5;
        double[] y = x.batchNorm(s.mean(), s.variance(), gamma, beta, eps).toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] g = gamma.toDoubleArray();
        double[] b = beta.toDoubleArray();
        int inner = Shapes.prod(shape, 2, shape.length);
        for (int i = 0; i < xv.length; i++) {
            int ch = (i / inner) % c;
            double expected = (xv[i] - ref[0][ch]) / Math.sqrt(ref[1][ch] + eps) * g[ch] + b[ch];
            assertEquals(expected, y[i], 1e-10, "element " + i);
        }
        Tensor y32 = x.asType(DType.FLOAT32).batchNorm(s.mean(), s.variance(), null, null, eps);
        assertEquals(DType.FLOAT64, y32.dtype(), "float64 statistics promote");
    }

    @Property(tries = 60)
    void trainingModeGradients(@ForAll("shapes") int[] shape, @ForAll long seed) {
        int c = shape[1];
        Tensor x = TensorArbitraries.uniform(shape, -2, 2, seed);
        Tensor gamma = TensorArbitraries.uniform(new int[] {c}, 0.5, 2, seed + 1);
        Tensor beta = TensorArbitraries.uniform(new int[] {c}, -1, 1, seed + 2);
        GradCheck.check(t -> {
            BatchStatistics s = t[0].batchStatistics();
            return t[0].batchNorm(s.mean(), s.variance(), t[1], t[2], 0.1);
        }, x, gamma, beta);
        GradCheck.check(t -> {
            BatchStatistics s = t[0].batchStatistics();
            return Tensor.stack(0, s.mean(), s.variance());
        }, x);
    }

    @Property(tries = 60)
    void evaluationModeGradients(@ForAll("shapes") int[] shape, @ForAll long seed) {
        int c = shape[1];
        Tensor x = TensorArbitraries.uniform(shape, -2, 2, seed);
        Tensor mean = TensorArbitraries.uniform(new int[] {c}, -1, 1, seed + 1);
        Tensor var = TensorArbitraries.uniform(new int[] {c}, 0.5, 2, seed + 2);
        Tensor gamma = TensorArbitraries.uniform(new int[] {c}, 0.5, 2, seed + 3);
        Tensor beta = TensorArbitraries.uniform(new int[] {c}, -1, 1, seed + 4);
        GradCheck.check(t -> t[0].batchNorm(t[1], t[2], t[3], t[4], 1e-5), x, mean, var, gamma, beta);
    }

    @Example
    void runningEstimatesFollowPyTorch() {
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 60}, DType.FLOAT64, 3, 2);
        BatchStatistics s = x.requiresGrad(true).batchStatistics();
        assertArrayEquals(new double[] {3, 30}, s.mean().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {8 / 3.0, 1400 / 3.0}, s.variance().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {4, 700}, s.unbiasedVariance().toDoubleArray(), 1e-12);
        Tensor rm = s.runningMean(Tensor.zeros(DType.FLOAT64, 2), 0.1);
        Tensor rv = s.runningVariance(Tensor.ones(DType.FLOAT64, 2), 0.1);
        assertArrayEquals(new double[] {0.3, 3}, rm.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.4, 0.9 + 70}, rv.toDoubleArray(), 1e-12);
        assertTrue(!rm.requiresGrad() && !rv.requiresGrad(), "running estimates carry no gradient");
    }

    @Example
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(4, 3, 2, 2);
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class,
                () -> x.batchNorm(Tensor.zeros(2), Tensor.ones(3), null, null, 1e-5));
        assertTrue(mean.getMessage().contains("[3]") && mean.getMessage().contains("[2]")
                && mean.getMessage().contains("[4, 3, 2, 2]"), mean.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).batchStatistics());
        assertThrows(IllegalArgumentException.class,
                () -> x.batchNorm(Tensor.zeros(3), Tensor.ones(3), null, null, -1));
        IllegalStateException single = assertThrows(IllegalStateException.class,
                () -> Tensor.zeros(1, 3).batchStatistics().unbiasedVariance());
        assertTrue(single.getMessage().contains("[1, 3]"), single.getMessage());
        IllegalArgumentException running = assertThrows(IllegalArgumentException.class,
                () -> x.batchStatistics().runningMean(Tensor.zeros(4), 0.1));
        assertTrue(running.getMessage().contains("[4]"), running.getMessage());
    }
}
