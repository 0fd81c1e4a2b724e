package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.WindowAxis;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernels give the same results whether the samples are staged in one chunk or in many (a column
 * limit below one sample's columns forces one sample per chunk, which also checks the weight gradient's
 * accumulation over chunks), with groups, in both precisions.
 */
class ConvKernelsTest {

    private final Parallel parallel = new Parallel(2);
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    private final ConvKernels whole = new ConvKernels(staging, parallel, ConvKernels.COLUMN_LIMIT);
    private final ConvKernels chunked = new ConvKernels(staging, parallel, 1);

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

    private static float[] floats(double[] v) {
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
}
