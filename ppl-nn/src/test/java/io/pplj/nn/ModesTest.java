package io.pplj.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.GradCheck;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The train/eval switch: dropout drops a fraction p and rescales in training, is the identity in evaluation, and
 * draws its mask from the seedable generator; batch norm normalizes with batch statistics and updates its running
 * statistics (momentum 0.1, unbiased variance) in training, and uses the running statistics in evaluation.
 */
class ModesTest {

    @Test
    void dropoutDropsAndRescalesInTrainingOnly() {
        Rng.seed(10);
        Dropout d = Dropout.of(0.3);
        Tensor x = Tensor.ones(DType.FLOAT64, 200, 100);
        double[] y = d.forward(x).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, v, 1e-15);
            }
        }
        // 20000 Bernoulli(0.3) draws: sd of the count is 65; 6 sd is far beyond what a correct mask ever gives
        assertEquals(6000, zeros, 6 * Math.sqrt(20000 * 0.3 * 0.7));
        d.eval();
        assertSame(x, d.forward(x));
        d.train();
        Rng.seed(10);
        assertArrayEquals(y, d.forward(x).toDoubleArray(), 0.0, "the same seed gives the same mask");
        assertTrue(java.util.Arrays.stream(Dropout.of(1.0).forward(x).toDoubleArray()).allMatch(v -> v == 0));
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(1.5));
    }

    @Test
    void dropoutInsideASequentialFollowsTheContainersMode() {
        Rng.seed(11);
        Sequential net = Sequential.of(Linear.of(5, 5), Dropout.of(0.5));
        Tensor x = Tensor.randn(4, 5);
        net.eval();
        Tensor a = net.forward(x);
        assertArrayEquals(a.toFloatArray(), net.forward(x).toFloatArray(), "evaluation is deterministic");
        net.train();
        assertFalse(java.util.Arrays.equals(a.toFloatArray(), net.forward(x).toFloatArray()));
    }

    @Test
    void batchNormUsesBatchStatisticsAndUpdatesRunningStatisticsInTraining() {
        Rng.seed(12);
        BatchNorm1d bn = BatchNorm1d.of(3, BatchNormOptions.defaults().dtype(DType.FLOAT64));
        Tensor x = Rng.current().normal(DType.FLOAT64, 10, 3).mul(Tensor.of(1.0, 2.0, 3.0))
                .add(Tensor.of(-1.0, 0.0, 5.0));
        double[] v = x.toDoubleArray();
        double[] y = bn.forward(x).toDoubleArray();
        double[] rm = bn.buffers().get("running_mean").toDoubleArray();
        double[] rv = bn.buffers().get("running_var").toDoubleArray();
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int n = 0; n < 10; n++) {
                mean += v[n * 3 + c] / 10;
            }
            double ss = 0;
            for (int n = 0; n < 10; n++) {
                ss += (v[n * 3 + c] - mean) * (v[n * 3 + c] - mean);
            }
            for (int n = 0; n < 10; n++) {
                assertEquals((v[n * 3 + c] - mean) / Math.sqrt(ss / 10 + 1e-5), y[n * 3 + c], 1e-12);
            }
            assertEquals(0.9 * 0 + 0.1 * mean, rm[c], 1e-14);
            assertEquals(0.9 * 1 + 0.1 * ss / 9, rv[c], 1e-14);
        }
        // evaluation: the running statistics, and no update
        bn.eval();
        double[] z = bn.forward(x).toDoubleArray();
        for (int n = 0; n < 10; n++) {
            for (int c = 0; c < 3; c++) {
                assertEquals((v[n * 3 + c] - rm[c]) / Math.sqrt(rv[c] + 1e-5), z[n * 3 + c], 1e-12);
            }
        }
        assertArrayEquals(rm, bn.buffers().get("running_mean").toDoubleArray(), 0.0);
    }

    @Test
    void batchNorm2dNormalizesPerChannelOverBatchAndSpace() {
        Rng.seed(13);
        BatchNorm2d bn = BatchNorm2d.of(2, BatchNormOptions.defaults().dtype(DType.FLOAT64));
        Tensor x = Rng.current().normal(DType.FLOAT64, 3, 2, 4, 5).mul(3.0).add(1.0);
        Tensor y = bn.forward(x);
        Tensor mean = y.mean(new int[] {0, 2, 3}, false);
        Tensor var = y.square().mean(new int[] {0, 2, 3}, false);
        assertArrayEquals(new double[] {0, 0}, mean.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 1}, var.toDoubleArray(), 1e-4);
        GradCheck.check(a -> {
            BatchNorm2d fresh = BatchNorm2d.of(2, BatchNormOptions.defaults().dtype(DType.FLOAT64));
            return fresh.forward(a[0]);
        }, x.slice(2, 0, 2).slice(3, 0, 2));
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInBothModes() {
        Rng.seed(14);
        Tensor x = Rng.current().normal(DType.FLOAT64, 6, 3);
        Tensor w = Rng.current().normal(DType.FLOAT64, 3);
        Tensor b = Rng.current().normal(DType.FLOAT64, 3);
        for (boolean training : new boolean[] {true, false}) {
            GradCheck.check(a -> {
                BatchNorm1d bn = BatchNorm1d.of(3, BatchNormOptions.defaults().dtype(DType.FLOAT64));
                bn.train(training);
                bn.loadParameters(java.util.Map.of("weight", a[1], "bias", a[2]));
                return bn.forward(a[0]);
            }, x, w, b);
        }
    }

    @Test
    void batchNormWithoutRunningStatisticsUsesBatchStatisticsInEvaluation() {
        BatchNorm1d bn = BatchNorm1d.of(2, BatchNormOptions.defaults().trackRunningStats(false).affine(false));
        assertTrue(bn.state().isEmpty());
        bn.eval();
        Tensor y = bn.forward(Tensor.of(new double[] {1, 10, 3, 30}, 2, 2));
        assertArrayEquals(new float[] {-1, -1, 1, 1}, y.toFloatArray(), 1e-4f);
    }

    @Test
    void batchNormRejectsBadInputs() {
        BatchNorm1d bn = BatchNorm1d.of(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[N, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchNorm2d.of(3).forward(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> BatchNormOptions.defaults().momentum(1.5));
    }
}
