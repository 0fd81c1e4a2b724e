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
 * maxPool2d and avgPool2d over generated kernels, strides, paddings (up to half the kernel), dilations (max) and
 * both average divisors: values against {@link ConvReference#pool} in float64 and float32, gradients against finite
 * differences (max pooling on pairwise distinct values, so no window has a tie), and errors.
 */
class PoolingProperties {

    /** A generated pooling geometry on an input {@code [n, c, h, w]}. */
    record Pool(int n, int c, int h, int w, int[] kernel, int[] stride, int[] pad, int[] dil, boolean includePad,
                long seed) {

        int[] shape() {
            return new int[] {n, c, h, w};
        }

        @Override
        public String toString() {
            return "Pool[input " + n + "x" + c + "x" + h + "x" + w + ", kernel " + kernel[0] + "," + kernel[1]
                    + ", stride " + stride[0] + "," + stride[1] + ", pad " + pad[0] + "," + pad[1] + ", dil " + dil[0]
                    + "," + dil[1] + ", includePad " + includePad + "]";
        }
    }

    static Arbitrary<Pool> pools(int maxSize, boolean dilated) {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            int[] k = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] pad = {r.nextInt(k[0] / 2 + 1), r.nextInt(k[1] / 2 + 1)};
            int[] dil = dilated ? new int[] {1 + r.nextInt(2), 1 + r.nextInt(2)} : new int[] {1, 1};
            int h = Math.max(1 + r.nextInt(maxSize), dil[0] * (k[0] - 1) + 1 - 2 * pad[0]);
            int w = Math.max(1 + r.nextInt(maxSize), dil[1] * (k[1] - 1) + 1 - 2 * pad[1]);
            return new Pool(1 + r.nextInt(2), 1 + r.nextInt(3), h, w, k, stride, pad, dil, r.nextBoolean(), seed);
        });
    }

    @Provide
    Arbitrary<Pool> maxPools() {
        return pools(7, true);
    }

    @Provide
    Arbitrary<Pool> avgPools() {
        return pools(7, false);
    }

    private static double[] reference(Pool p, Tensor x, boolean max) {
        return ConvReference.pool(x.toDoubleArray(), p.n() * p.c(), p.h(), p.w(), p.kernel(), p.stride(), p.pad(),
                p.dil(), max, p.includePad());
    }

    private static int[] outShape(Pool p) {
        return new int[] {p.n(), p.c(),
            ConvReference.outSize(p.h(), p.kernel()[0], p.stride()[0], p.pad()[0], p.dil()[0]),
            ConvReference.outSize(p.w(), p.kernel()[1], p.stride()[1], p.pad()[1], p.dil()[1])};
    }

    private static Tensor max(Pool p, Tensor x) {
        return x.maxPool2d(p.kernel(), p.stride(), p.pad(), p.dil());
    }

    private static Tensor avg(Pool p, Tensor x) {
        return x.avgPool2d(p.kernel(), p.stride(), p.pad(), p.includePad());
    }

    /** Whether every window reads at least one input element (dilation can make a window read only padding). */
    private static boolean windowsReadInput(Pool p) {
        int[] size = {p.h(), p.w()};
        for (int d = 0; d < 2; d++) {
            int out = ConvReference.outSize(size[d], p.kernel()[d], p.stride()[d], p.pad()[d], p.dil()[d]);
            for (int o = 0; o < out; o++) {
                boolean any = false;
                for (int t = 0; t < p.kernel()[d]; t++) {
                    int s = o * p.stride()[d] - p.pad()[d] + t * p.dil()[d];
                    any |= s >= 0 && s < size[d];
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    @Property(tries = 150)
    void maxPoolMatchesReference(@ForAll("maxPools") Pool p) {
        if (!windowsReadInput(p)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> max(p, Tensor.zeros(p.shape())));
            assertTrue(e.getMessage().contains("only padding"), e.getMessage());
            return;
        }
        Tensor x = TensorArbitraries.choose(p.shape(), p.seed(), -2, -1, 0, 0.5, 1, 3);
        double[] expected = reference(p, x, true);
        Tensor y = max(p, x);
        assertArrayEquals(outShape(p), y.shape(), p.toString());
        ConvolutionProperties.assertClose(expected, y.toDoubleArray(), 0, p + " float64");
        Tensor y32 = max(p, x.asType(DType.FLOAT32));
        assertEquals(DType.FLOAT32, y32.dtype());
        ConvolutionProperties.assertClose(expected, y32.toDoubleArray(), 0, p + " float32");
    }

    @Property(tries = 80)
    void maxPoolGradients(@ForAll("maxPools") Pool p) {
        if (!windowsReadInput(p)) {
            return;
        }
        Tensor x = TensorArbitraries.distinct(p.shape(), p.seed(), 1e-3);
        GradCheck.check(t -> max(p, t[0]), x);
    }

    @Property(tries = 150)
    void avgPoolMatchesReference(@ForAll("avgPools") Pool p) {
        Tensor x = TensorArbitraries.uniform(p.shape(), -1, 1, p.seed());
        double[] expected = reference(p, x, false);
        Tensor y = avg(p, x);
        assertArrayEquals(outShape(p), y.shape(), p.toString());
        ConvolutionProperties.assertClose(expected, y.toDoubleArray(), 1e-14, p + " float64");
        ConvolutionProperties.assertClose(expected, avg(p, x.asType(DType.FLOAT32)).toDoubleArray(), 1e-6,
                p + " float32");
    }

    @Property(tries = 80)
    void avgPoolGradients(@ForAll("avgPools") Pool p) {
        GradCheck.check(t -> avg(p, t[0]), TensorArbitraries.uniform(p.shape(), -1, 1, p.seed()));
    }

    @Property(tries = 30)
    void avgPoolSecondDerivatives(@ForAll("avgPools") Pool p) {
        GradCheck.check(t -> {
            Tensor x = t[0].requiresGrad() ? t[0] : t[0].requiresGrad(true);
            return Grad.of(avg(p, x).pow(3.0).sum(), null, true, x)[0];
        }, TensorArbitraries.uniform(p.shape(), -1, 1, p.seed()));
    }

    @Example
    void overloadsAndUnbatchedInput() {
        Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 6, 7, 9, 3, 1, 2}, 1, 4, 4);
        assertArrayEquals(new double[] {5, 8, 9, 7}, x.maxPool2d(2).toDoubleArray());
        assertArrayEquals(new double[] {13 / 4.0, 11 / 4.0, 14 / 4.0, 16 / 4.0}, x.avgPool2d(2).toDoubleArray(),
                1e-6);
        assertArrayEquals(new int[] {1, 4, 4}, x.maxPool2d(3, 1, 1).shape());
        Tensor nan = Tensor.of(new double[] {1, Double.NaN, 2, 3}, 1, 1, 2, 2);
        assertTrue(Double.isNaN(nan.maxPool2d(2).item()), "NaN propagates");
    }

    @Example
    void errors() {
        Tensor x = Tensor.zeros(1, 2, 4, 4);
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class, () -> x.maxPool2d(2, 1, 2));
        assertTrue(pad.getMessage().contains("half of kernel"), pad.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> x.avgPool2d(5));
        assertTrue(small.getMessage().contains("[1, 2, 4, 4]"), small.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(4, 4).maxPool2d(2));
        assertTrue(rank.getMessage().contains("[4, 4]"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(new long[16], 1, 4, 4).avgPool2d(2));
    }
}
