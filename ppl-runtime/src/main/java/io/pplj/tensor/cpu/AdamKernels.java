package io.pplj.tensor.cpu;

import io.pplj.tensor.AdamStep;
import io.pplj.tensor.DType;

/**
 * Adam's update in one pass per element (the formulas are those of {@link io.pplj.tensor.Fused#adam}), computed in
 * the storage's own precision with the coefficients rounded to it once, split over the pool for large parameters.
 * Each element's moments are read before they are written, so the moments may be updated in place.
 */
final class AdamKernels {

    /** Relative cost of one element: two multiply-adds per moment, a square root and a division. */
    private static final long COST = 4;

    private AdamKernels() {
    }

    /** Adam's update into fresh storages: {@code {param', m', v'}}. */
    static CpuStorage[] update(CpuBackend backend, CpuStorage p, CpuStorage g, CpuStorage m, CpuStorage v,
                               AdamStep step, Parallel parallel) {
        return update(backend, p, g, m, v, step, parallel, false);
    }

    /** Adam's update with {@code m'} and {@code v'} written over {@code m} and {@code v}: {@code {param', m, v}}. */
    static CpuStorage[] updateInPlace(CpuBackend backend, CpuStorage p, CpuStorage g, CpuStorage m, CpuStorage v,
                                      AdamStep step, Parallel parallel) {
        return update(backend, p, g, m, v, step, parallel, true);
    }

    private static CpuStorage[] update(CpuBackend backend, CpuStorage p, CpuStorage g, CpuStorage m, CpuStorage v,
                                       AdamStep step, Parallel parallel, boolean inPlace) {
        int n = p.size();
        if (p.dtype() == DType.FLOAT32) {
            float[] po = new float[n];
            float[] mo = inPlace ? m.f32() : new float[n];
            float[] vo = inPlace ? v.f32() : new float[n];
            parallel.forRange(n, COST, (from, to) -> f32(p.f32(), g.f32(), m.f32(), v.f32(), po, mo, vo, step, from,
                    to));
            return new CpuStorage[] {CpuStorage.of(backend, po), inPlace ? m : CpuStorage.of(backend, mo),
                inPlace ? v : CpuStorage.of(backend, vo)};
        }
        double[] po = new double[n];
        double[] mo = inPlace ? m.f64() : new double[n];
        double[] vo = inPlace ? v.f64() : new double[n];
        parallel.forRange(n, COST, (from, to) -> f64(p.f64(), g.f64(), m.f64(), v.f64(), po, mo, vo, step, from, to));
        return new CpuStorage[] {CpuStorage.of(backend, po), inPlace ? m : CpuStorage.of(backend, mo),
            inPlace ? v : CpuStorage.of(backend, vo)};
    }

    private static void f32(float[] p, float[] g, float[] m, float[] v, float[] po, float[] mo, float[] vo,
                            AdamStep step, int from, int to) {
        float b1 = (float) step.beta1();
        float c1 = (float) (1 - step.beta1());
        float b2 = (float) step.beta2();
        float c2 = (float) (1 - step.beta2());
        float size = (float) step.stepSize();
        float root = (float) step.sqrtBiasCorrection2();
        float eps = (float) step.eps();
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * (gi * gi);
            mo[i] = mi;
            vo[i] = vi;
            po[i] = p[i] - size * mi / ((float) Math.sqrt(vi) / root + eps);
        }
    }

    private static void f64(double[] p, double[] g, double[] m, double[] v, double[] po, double[] mo, double[] vo,
                            AdamStep step, int from, int to) {
        double b1 = step.beta1();
        double c1 = 1 - step.beta1();
        double b2 = step.beta2();
        double c2 = 1 - step.beta2();
        double size = step.stepSize();
        double root = step.sqrtBiasCorrection2();
        double eps = step.eps();
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double mi = b1 * m[i] + c1 * gi;
            double vi = b2 * v[i] + c2 * (gi * gi);
            mo[i] = mi;
            vo[i] = vi;
            po[i] = p[i] - size * mi / (Math.sqrt(vi) / root + eps);
        }
    }
}
