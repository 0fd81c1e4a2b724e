package io.pplj.tensor;

/**
 * Independent double-precision references for the special functions, written for the tests from textbook formulas
 * (not from the library or Commons Math): shift the argument above 30 with the recurrences, then use the asymptotic
 * (Stirling / Bernoulli) series, whose truncation error there is below 1e-17. Negative arguments use the reflection
 * formulas evaluated with {@code Math.sin/Math.tan(Math.PI * x)}, as every common implementation does. Accuracy: lgamma
 * about 1e-14 absolute (the shift subtracts a sum of logarithms), digamma about 1e-15 absolute, trigamma and erf about
 * 1e-15 relative.
 */
final class SpecialReference {

    private static final double SHIFT = 30.0;

    private SpecialReference() {
    }

    /** {@code log |Gamma(x)|}: +inf at the poles 0, -1, -2, ... and at +-inf. */
    static double lgamma(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x) || (x <= 0 && x == Math.rint(x))) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < 0) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgammaPositive(1 - x);
        }
        return lgammaPositive(x);
    }

    private static double lgammaPositive(double x) {
        double logProduct = 0;
        double p = 1;
        double z = x;
        while (z < SHIFT) {
            p *= z;
            z += 1;
            if (p > 1e280 || p < 1e-280) {
                logProduct += Math.log(p);
                p = 1;
            }
        }
        logProduct += Math.log(p);
        double iz = 1 / z;
        double iz2 = iz * iz;
        double series = iz * (1.0 / 12 - iz2 * (1.0 / 360 - iz2 * (1.0 / 1260 - iz2 * (1.0 / 1680
                - iz2 * (1.0 / 1188)))));
        double stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series;
        return stirling - logProduct;
    }

    /** Digamma; -inf at +0 and +inf at -0 (as PyTorch), NaN at the poles -1, -2, ... and at -inf, +inf at +inf. */
    static double digamma(double x) {
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY || (x < 0 && x == Math.rint(x))) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x < 0) {
            return digammaPositive(1 - x) - Math.PI / Math.tan(Math.PI * x);
        }
        return digammaPositive(x);
    }

    private static double digammaPositive(double x) {
        int n = x < SHIFT ? (int) Math.ceil(SHIFT - x) : 0;
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            sum += 1 / (x + k);
        }
        double z = x + n;
        double iz2 = 1 / (z * z);
        double series = iz2 * (1.0 / 12 - iz2 * (1.0 / 120 - iz2 * (1.0 / 252 - iz2 * (1.0 / 240
                - iz2 * (1.0 / 132)))));
        return Math.log(z) - 0.5 / z - series - sum;
    }

    /**
     * Trigamma; +inf at the poles 0, -1, -2, ... (both one-sided limits are +inf there, as for 1/x^2), 0 at +inf,
     * NaN at -inf.
     */
    static double trigamma(double x) {
        if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (x <= 0 && x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < 0) {
            double s = Math.sin(Math.PI * x);
            return Math.PI * Math.PI / (s * s) - trigammaPositive(1 - x);
        }
        return trigammaPositive(x);
    }

    private static double trigammaPositive(double x) {
        int n = x < SHIFT ? (int) Math.ceil(SHIFT - x) : 0;
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            sum += 1 / ((x + k) * (x + k));
        }
        double z = x + n;
        double iz = 1 / z;
        double iz2 = iz * iz;
        double series = iz + iz2 / 2 + iz2 * iz * (1.0 / 6 - iz2 * (1.0 / 30 - iz2 * (1.0 / 42 - iz2 * (1.0 / 30
                - iz2 * (5.0 / 66)))));
        return series + sum;
    }

    /**
     * The error function from the everywhere-positive series {@code erf x = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} /
     * (1*3*...*(2n+1))} (no cancellation); {@code +-1} beyond |x| = 6, where erfc is below half an ulp of 1.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax > 6) {
            return Math.copySign(1.0, x);
        }
        double x2 = ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 1000 && term > sum * 1e-18; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum, x);
    }
}
