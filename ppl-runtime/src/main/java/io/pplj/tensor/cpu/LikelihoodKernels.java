package io.pplj.tensor.cpu;

import io.pplj.tensor.BinaryOp;

/**
 * The float32 binary log-likelihood {@code t log p + (1 - t) log(1 - p)} and its derivative in p,
 * {@code t / p - (1 - t) / (1 - p)}, on contiguous rows of probabilities {@code p} and targets {@code t}.
 *
 * <p>Where every target of a block is 0 or 1 (Bernoulli data), the log-likelihood needs one logarithm per element
 * instead of two, selected without a branch on the target: it is {@code log u} with {@code u = t p + (1 - t)(1 - p)},
 * which is {@code p} exactly for {@code t = 1}; for {@code t = 0} it is {@code 1 - p} rounded in float64, and the
 * correction {@code (-p - (u - 1)) / u} (weighted by {@code 1 - t}) restores {@code log(1 - p)} to full relative
 * accuracy for tiny {@code p}, as in {@link FastMath32#log1p}. Blocks with other targets (possible only with
 * validation off) are computed element by element in float64. Rows are widened into the thread's
 * {@link WideBuffers} in blocks of {@link WideBuffers#BLOCK} elements, for the reason {@link XlogyKernels} gives. The derivative is float arithmetic in bulk. The poles
 * ({@code p} exactly 0 or 1, where a zero coefficient can meet an infinite logarithm or a zero denominator) and
 * infinite or NaN probabilities are recomputed one by one, a branch that valid data almost always predicts.
 */
final class LikelihoodKernels {

    private LikelihoodKernels() {
    }

    static void f32(BinaryOp op, float[] p, int po, float[] t, int to, float[] o, int oo, int n,
                    WideBuffers buffers) {
        if (op == BinaryOp.BINARY_LOG_LIKELIHOOD_GRAD) {
            gradient(p, po, t, to, o, oo, n);
        } else {
            logLikelihood(p, po, t, to, o, oo, n, buffers);
        }
    }

    private static void gradient(float[] p, int po, float[] t, int to, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float ti = t[to + i];
            float pi = p[po + i];
            o[oo + i] = ti / pi - (1 - ti) / (1 - pi);
        }
        for (int i = 0; i < n; i++) {
            float pi = p[po + i];
            if (pi == 0f || pi == 1f) {
                o[oo + i] = BinaryKernels.applyF32(BinaryOp.BINARY_LOG_LIKELIHOOD_GRAD, pi, t[to + i]);
            }
        }
    }

    private static void logLikelihood(float[] p, int po, float[] t, int to, float[] o, int oo, int n,
                                      WideBuffers buffers) {
        for (int start = 0; start < n; start += WideBuffers.BLOCK) {
            logLikelihoodBlock(p, po + start, t, to + start, o, oo + start, Math.min(WideBuffers.BLOCK, n - start),
                    buffers);
        }
        for (int i = 0; i < n; i++) {
            float pi = p[po + i];
            if (!(pi - pi == 0f) || pi == 0f || pi == 1f) {
                o[oo + i] = BinaryKernels.applyF32(BinaryOp.BINARY_LOG_LIKELIHOOD, pi, t[to + i]);
            }
        }
    }

    /** The log-likelihood of one block of at most {@link WideBuffers#BLOCK} elements, before the pole fix-ups. */
    private static void logLikelihoodBlock(float[] p, int po, float[] t, int to, float[] o, int oo, int n,
                                           WideBuffers buffers) {
        double[] v = buffers.get(0, n);
        double[] scratch = buffers.get(1, n);
        Widening.widen(t, to, scratch, n);
        if (allZeroOrOne(scratch, n)) {
            Widening.widen(p, po, v, n);
            for (int j = 0; j < n; j++) {
                double tj = scratch[j];
                double pj = v[j];
                double q = 1.0 - pj;
                v[j] = tj * pj + (1.0 - tj) * q;
                scratch[j] = (1.0 - tj) * ((-pj - (q - 1.0)) / q) * FastMath32.INV_LN2;
            }
            FastMath32.logPlus(v, scratch, n);
            for (int j = 0; j < n; j++) {
                v[j] += 0.0;
            }
            Widening.narrow(v, o, oo, n);
        } else {
            for (int j = 0; j < n; j++) {
                o[oo + j] = BinaryKernels.applyF32(BinaryOp.BINARY_LOG_LIKELIHOOD, p[po + j], t[to + j]);
            }
        }
    }

    /**
     * Whether {@code x[0 .. m)} are all 0 or 1: the sum of {@code (x (1 - x))^2} is 0 exactly then (NaN and infinities
     * make it NaN or infinite; the smallest float32 fractions still give a positive double), summed in four chains.
     */
    private static boolean allZeroOrOne(double[] x, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            double a0 = x[j] * (1 - x[j]);
            double a1 = x[j + 1] * (1 - x[j + 1]);
            double a2 = x[j + 2] * (1 - x[j + 2]);
            double a3 = x[j + 3] * (1 - x[j + 3]);
            s0 += a0 * a0;
            s1 += a1 * a1;
            s2 += a2 * a2;
            s3 += a3 * a3;
        }
        for (; j < m; j++) {
            double a = x[j] * (1 - x[j]);
            s0 += a * a;
        }
        return s0 + s1 + s2 + s3 == 0;
    }
}
