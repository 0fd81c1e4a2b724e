package io.pplj.tensor.cpu;

import java.util.Arrays;

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
 * use {@code log(1 + t) = 2 atanh(t / (2 + t))} as an odd series. {@code log} and {@code log1p} split their argument
 * into {@code 2^e f} with {@code f} in {@code [sqrt(1/2), sqrt(2))} by its bits (a scalar pass, the one exception to
 * the rule above, 2-3 ns per element) and evaluate {@code log f = 2 atanh((f - 1) / (f + 1))}, whose
 * argument is at most 0.172 in magnitude, to degree 13 (truncation below 2e-12 relative), vectorized.
 */
final class FastMath32 {

    /** The bits of {@code sqrt(1/2)}, the lower end of the mantissa interval of {@link #log}. */
    private static final long SQRT_HALF_BITS = Double.doubleToRawLongBits(Math.sqrt(0.5));

    private static final double LN2 = Math.log(2.0);

    /** {@code 1 / log 2}, the unit of {@link #logPlus}'s corrections. */
    static final double INV_LN2 = 1.0 / LN2;

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

    /**
     * {@code t[j] = log t[j]} for float32 values widened to double; {@code k} is scratch space of at least {@code m}
     * doubles. Zero gives {@code -inf}, negative numbers and NaN give NaN, {@code +inf} stays {@code +inf}.
     */
    static void log(double[] t, double[] k, int m) {
        Arrays.fill(k, 0, m, 0.0);
        logPlus(t, k, m);
    }

    /**
     * {@code t[j] = log t[j] + k[j] log 2}: the logarithm of float32-derived values plus a small correction given in
     * units of {@code log 2} (for callers that know the rounding error of the argument they formed, as
     * {@link #log1p} does).
     */
    static void logPlus(double[] t, double[] k, int m) {
        split(t, k, m);
        logOfSplit(t, k, m);
    }

    /**
     * {@code t[j] = log(1 + t[j])} for float32 values widened to double, accurate for small arguments: with
     * {@code u = 1 + v} rounded, {@code log(1 + v) = log u + (v - (u - 1)) / u} to first order in the rounding error
     * (the correction is at most 2^-53 in magnitude, and exact where it matters, {@code u} in {@code [1/2, 2]}, where
     * {@code u - 1} is exact). {@code k} is scratch space of at least {@code m} doubles; {@code -1} gives {@code -inf},
     * arguments below it and NaN give NaN.
     */
    static void log1p(double[] t, double[] k, int m) {
        for (int j = 0; j < m; j++) {
            double v = t[j];
            double u = 1.0 + v;
            k[j] = (v - (u - 1.0)) / u * INV_LN2;
            t[j] = u;
        }
        logPlus(t, k, m);
    }

    /**
     * Writes each positive normal {@code u = t[j] = 2^e f} with {@code f} in {@code [sqrt(1/2), sqrt(2))} as
     * {@code t[j] = f} and adds {@code e} to {@code k[j]}, reading {@code e} and {@code f} from the bits: subtracting
     * the bits of {@code sqrt(1/2)} and shifting gives {@code e}; subtracting {@code e} from the exponent field gives
     * {@code f}. Zero, negative, infinite and NaN values become {@code f = 1} with {@code k = log u / log 2}
     * ({@code -inf}, NaN, {@code +inf}, NaN). The JIT does not vectorize bit moves, so this is a scalar pass, the one
     * exception to the rule of the class comment (about 2-3 ns per element).
     */
    private static void split(double[] t, double[] k, int m) {
        for (int j = 0; j < m; j++) {
            double u = t[j];
            if (u >= Double.MIN_NORMAL && u < Double.POSITIVE_INFINITY) {
                long bits = Double.doubleToRawLongBits(u);
                long e = (bits - SQRT_HALF_BITS) >> 52;
                t[j] = Double.longBitsToDouble(bits - (e << 52));
                k[j] -= -e;
            } else {
                t[j] = 1.0;
                k[j] = Math.log(u) * INV_LN2;
            }
        }
    }

    /**
     * {@code t[j] = log t[j] + k[j] log 2} for {@code t[j]} in {@code [sqrt(1/2), sqrt(2))} (or exactly 1). At
     * {@code t[j] = 1} the series term is {@code -0}, so the sum keeps the sign of a zero {@code k[j]}: that is how
     * {@code log1p(-0) = -0} survives (and why {@link #split} adds {@code e} as {@code k - (-e)}, which keeps a
     * {@code -0} where {@code k + 0} would not).
     */
    private static void logOfSplit(double[] t, double[] k, int m) {
        for (int j = 0; j < m; j++) {
            double f = t[j];
            double s = -(1.0 - f) / (f + 1.0);
            double s2 = s * s;
            double odd = 1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11
                    + s2 * (1.0 / 13))))));
            t[j] = 2.0 * s * odd + k[j] * LN2;
        }
    }
}
