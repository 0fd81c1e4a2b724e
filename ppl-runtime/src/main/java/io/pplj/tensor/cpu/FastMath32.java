package io.pplj.tensor.cpu;

/**
 * Elementary functions for float32 kernels, evaluated in double precision with short polynomials: accurate to
 * float32 rounding (relative error below 1e-8 before the final rounding) and several times faster than the JDK's
 * {@code StrictMath}-backed {@code tanh}, {@code log1p} and {@code expm1}.
 *
 * <p>{@code exp}: {@code x = k ln2 + r} with {@code |r| <= ln2/2}, a degree-8 Taylor polynomial for {@code e^r},
 * scaled by {@code 2^k} through the exponent bits. {@code log}: {@code x = m 2^e} with {@code m} in
 * {@code [sqrt(1/2), sqrt(2))}, {@code log m = 2 atanh(s)}, {@code s = (m-1)/(m+1)}, as an odd series in s.
 * The others are built from these two, with series near 0 where cancellation would lose digits.
 */
final class FastMath32 {

    private static final double LN2 = 0.6931471805599453;
    private static final double LOG2E = 1.4426950408889634;
    private static final double SQRT2 = 1.4142135623730951;

    private FastMath32() {
    }

    /**
     * {@code e^x}, accurate to float precision; NaN gives NaN; arguments are clamped to {@code [-120, 709]}, where
     * the result is already 0 or beyond float range (but still a double, so {@code 1 / (1 + exp(-x))} stays exact).
     */
    static double exp(double x) {
        double xc = Math.max(-120.0, Math.min(709.0, x));
        double k = Math.floor(xc * LOG2E + 0.5);
        double r = xc - k * LN2;
        double p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040 + r * (1.0 / 40320))))))));
        return p * Double.longBitsToDouble(((long) k + 1023L) << 52);
    }

    /** Natural logarithm of a positive normal double; other inputs go to {@link Math#log(double)}. */
    static double log(double x) {
        if (!(x >= Double.MIN_NORMAL && x < Double.POSITIVE_INFINITY)) {
            return Math.log(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double logm = 2.0 * s * (1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9
                + s2 * (1.0 / 11))))));
        return e * LN2 + logm;
    }

    /** {@code log(1 + x)}, accurate for small |x|. */
    static double log1p(double x) {
        if (Math.abs(x) < 1e-4) {
            return x * (1.0 - x * (0.5 - x * (1.0 / 3 - x * 0.25)));
        }
        return x > -1.0 ? log(1.0 + x) : Math.log1p(x);
    }

    /** {@code e^x - 1}, accurate for small |x|. */
    static double expm1(double x) {
        if (Math.abs(x) < 0.5) {
            return x * (1.0 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720
                    + x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880)))))))));
        }
        return exp(x) - 1.0;
    }

    /** Hyperbolic tangent as {@code expm1(2x) / (expm1(2x) + 2)}. */
    static double tanh(double x) {
        if (Math.abs(x) > 10.0) {
            return Math.copySign(1.0, x);
        }
        double em = expm1(2.0 * x);
        return em / (em + 2.0);
    }

    /** Logistic function. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    /** {@code log(1 + e^x)}, stable for large |x|. */
    static double softplus(double x) {
        return Math.max(x, 0.0) + log1p(exp(-Math.abs(x)));
    }
}
