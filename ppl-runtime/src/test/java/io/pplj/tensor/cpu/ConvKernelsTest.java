package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.WindowAxis;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernels give the same results whether the samples are staged in one chunk or in many (a column
 * limit below one sample's columns forces one sample per chunk, which also checks the weight gradient's
 * accumulation over chunks), with groups, in both precisions; taps that read only padding are skipped.
 */
class ConvKernelsTest {

    private final Parallel parallel = new Parallel(2);
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    private final NativeProducts products = new NativeProducts(parallel);
    private final ConvKernels whole = new ConvKernels(staging, parallel, products, ConvKernels.COLUMN_LIMIT);
    private final ConvKernels chunked = new ConvKernels(staging, parallel, products, 1);

    private static final Conv2dPlan PLAN = Conv2dPlan.of(5, 4, 6, 2, WindowAxis.of(7, 3, 2, 1, 1, 4),
            WindowAxis.of(6, 2, 1, 0, 2, 4));

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return v;
    }

    /** The values rounded to float32 (shared with {@link Im2colProperties}). */
    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Test
    void chunkingDoesNotChangeResults() {
        double[] x = random(PLAN.inputSize(), 1);
        double[] w = random(PLAN.weightSize(), 2);
        double[] g = random(PLAN.outputSize(), 3);
        ConvPrecision<double[]> f64 = ConvPrecision.F64;
        assertArrayEquals(whole.forward(f64, x, w, PLAN), chunked.forward(f64, x, w, PLAN), 1e-13);
        assertArrayEquals(whole.inputGrad(f64, g, w, PLAN), chunked.inputGrad(f64, g, w, PLAN), 1e-13);
        assertArrayEquals(whole.weightGrad(f64, x, g, PLAN), chunked.weightGrad(f64, x, g, PLAN), 1e-12);
        ConvPrecision<float[]> f32 = ConvPrecision.F32;
        float[] xf = floats(x);
        float[] wf = floats(w);
        float[] gf = floats(g);
        assertArrayEquals(whole.forward(f32, xf, wf, PLAN), chunked.forward(f32, xf, wf, PLAN), 1e-5f);
        assertArrayEquals(whole.inputGrad(f32, gf, wf, PLAN), chunked.inputGrad(f32, gf, wf, PLAN), 1e-5f);
        assertArrayEquals(whole.weightGrad(f32, xf, gf, PLAN), chunked.weightGrad(f32, xf, gf, PLAN), 1e-4f);
    }

    @Test
    void tapsThatReadOnlyPaddingAreSkippedWhereverTheirRunWouldStart() {
        // width 1, padding 2, dilation 2: taps 0 and 2 read only padding, and tap 0's empty run would begin at
        // input position -2 of the first channel (an out-of-bounds copy of length 0 before the fix)
        Tensor x = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64, 1, 1, 3, 1).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {10, 20, 30}, DType.FLOAT64, 1, 1, 1, 3).requiresGrad(true);
        Tensor y = x.conv2d(w, null, new int[] {1, 1}, new int[] {0, 2}, new int[] {1, 2}, 1);
        assertArrayEquals(new double[] {20, 40, 60}, y.toDoubleArray(), 0.0);
        Tensor[] g = Grad.of(y.sum(), x, w);
        assertArrayEquals(new double[] {20, 20, 20}, g[0].toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0, 6, 0}, g[1].toDoubleArray(), 0.0);
        Tensor up = x.convTranspose2d(w, null, new int[] {1, 1}, new int[] {0, 2}, new int[] {0, 0}, 1,
                new int[] {1, 2});
        assertArrayEquals(new double[] {20, 40, 60}, up.toDoubleArray(), 0.0);
    }
}
