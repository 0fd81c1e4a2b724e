package io.pplj.tensor.cpu;

/**
 * Elementary functions for float32 kernels, evaluated in double precision on chunks of a double buffer: accurate
 * to float32 rounding (relative error below 1e-9 before the final rounding) and vectorized by the JIT.
 *
 * <p>Two rules keep the loops vectorizable, which makes them 5 to 8 times faster than the scalar alternatives here:
 * no branches, {@code Math.abs}, {@code Math.copySign} or bit manipulation in a loop body, and loop bodies short
 * enough for the JIT to unroll (long formulas are split into several passes over the chunk, still in L1 cache).
 *
 * <p>{@code exp} and {@code expm1} use scaling and squaring: with {@code r = x / 1024} (|r| at most 0.102 after
 * clamping x to {@code [-104, 104]}, beyond which float32 results saturate), a degree-8 Taylor polynomial gives
 * {@code e^r}, and ten squarings give {@code e^x = (e^r)^1024} (relative error below 1e-10). For {@code expm1} the
 * squarings act on {@code q = e^r - 1}
 * as {@code q <- q (2 + q)}, which never cancels, so small arguments keep full relative accuracy. Logarithms near 1
 * use {@code log(1 + t) = 2 atanh(t / (2 + t))} as an odd series.
 */
final class FastMath32 {

    private FastMath32() {
    }

    /**
     * {@code (e^r - 1) / r = sum_k r^k / (k + 1)!} for {@code |r| <= 0.102} to degree 7 (truncation below 4e-14),
     * in Estrin's form so its dependency chain is three multiply-adds deep.
     */
    private static double expm1OverR(double r) {
        double r2 = r * r;
        double lo = (1.0 + r * (1.0 / 2)) + r2 * (1.0 / 6 + r * (1.0 / 24));
        double hi = (1.0 / 120 + r * (1.0 / 720)) + r2 * (1.0 / 5040 + r * (1.0 / 40320));
        return lo + (r2 * r2) * hi;
    }

    /**
     * The clamped, scaled argument {@code r = clamp(x, -104, 104) / 1024}. Beyond 104 every float32 result has
     * saturated: {@code e^-104} is below the smallest float and {@code e^104} above the largest.
     */
    private static double scaled(double x) {
        return Math.max(-104.0, Math.min(104.0, x)) * (1.0 / 1024);
    }

    /** {@code 2 atanh(s) = log((1 + s) / (1 - s))} for {@code |s| <= 1/3}, to about 1e-12 relative. */
    private static double twoAtanh(double s) {
        double s2 = s * s;
        return 2.0 * s * (1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11
                + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17 + s2 * (1.0 / 19 + s2 * (1.0 / 21)))))))))));
    }

    /**
     * {@code t[j] = e^t[j]} for {@code j < m}; NaN stays NaN; arguments are clamped to {@code [-104, 104]}, where
     * the float32 result is already 0 or infinite (but still finite in double, so {@code 1 / (1 + exp(-x))} is 0).
     */
    static void exp(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            double r = scaled(t[j]);
            double p = 1 + r * expm1OverR(r);
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            t[j] = p * p;
        }
    }

    /** {@code t[j] = e^t[j] - 1}, with full relative accuracy near 0. */
    static void expm1(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            double r = scaled(t[j]);
            t[j] = r * expm1OverR(r);
        }
        for (int j = 0; j < m; j++) {
            double q = t[j];
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            q *= 2 + q;
            t[j] = q * (2 + q);
        }
    }

    /** {@code t[j] = tanh(t[j]) = expm1(2x) / (expm1(2x) + 2)}: no cancellation near 0, exactly +-1 far out. */
    static void tanh(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] *= 2.0;
        }
        expm1(t, m);
        for (int j = 0; j < m; j++) {
            t[j] = t[j] / (t[j] + 2.0);
        }
    }

    /** {@code t[j] = 1 / (1 + e^-t[j])}. */
    static void sigmoid(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = -t[j];
        }
        exp(t, m);
        for (int j = 0; j < m; j++) {
            t[j] = 1.0 / (1.0 + t[j]);
        }
    }

    /**
     * {@code t[j] = sign * softplus(sign * t[j])} with {@code softplus(x) = max(x, 0) + log(1 + e^-|x|)}: sign +1 is
     * softplus, sign -1 is {@code log sigmoid}. {@code x} is scratch space of at least {@code m} doubles.
     */
    static void softplus(double[] t, double[] x, int m, double sign) {
        for (int j = 0; j < m; j++) {
            x[j] = sign * t[j];
            t[j] = Math.min(x[j], -x[j]);
        }
        exp(t, m);
        for (int j = 0; j < m; j++) {
            t[j] = twoAtanh(t[j] / (2.0 + t[j]));
        }
        for (int j = 0; j < m; j++) {
            t[j] = sign * (Math.max(x[j], 0.0) + t[j]);
        }
    }

    /** {@code t[j] = log(1 + t[j])}: the atanh series on {@code [-1/2, 1]}, {@code Math.log1p} elsewhere. */
    static void log1p(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            double v = t[j];
            t[j] = v >= -0.5 && v <= 1.0 ? twoAtanh(v / (2.0 + v)) : Math.log1p(v);
        }
    }
}
