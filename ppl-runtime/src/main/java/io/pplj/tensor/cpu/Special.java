package io.pplj.tensor.cpu;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Special functions in double precision. {@code log Gamma} and {@code erf} come from Apache Commons Math (extended by
 * reflection and special values); digamma and trigamma are our own, because Commons Math 3.6.1's are accurate only
 * to about 1e-8: the recurrence {@code psi(x) = psi(x + 1) - 1/x} (and {@code psi'(x) = psi'(x + 1) + 1/x^2})
 * raises the argument to at least {@value #ASYMPTOTIC_FROM}, where the asymptotic series in Bernoulli numbers
 * converges to double precision.
 */
final class Special {

    private static final double ASYMPTOTIC_FROM = 20.0;
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Special() {
    }

    /**
     * {@code log |Gamma(x)|}: Commons Math for x > 0; for x <= 0 the reflection formula
     * {@code log|Gamma(x)| = log(pi / |sin(pi x)|) - log Gamma(1 - x)}; infinite at the poles 0, -1, -2, ... and at
     * both infinities.
     */
    static double lgamma(double x) {
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - Gamma.logGamma(1.0 - x);
    }

    /**
     * Digamma {@code psi(x) = d/dx log Gamma(x)}: for x > 0 the recurrence then
     * {@code log x - 1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) - 1/(132x^10)}; for x < 0 the
     * reflection {@code psi(x) = psi(1 - x) - pi cot(pi x)}. {@code -inf} at +0 ({@code +inf} at -0) and NaN at
     * the negative integers (as PyTorch), {@code +inf} at {@code +inf}.
     */
    static double digamma(double x) {
        if (x == 0.0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        if (x < 0.0) {
            if (x == Math.rint(x) || Double.isInfinite(x)) {
                return Double.NaN;
            }
            return digamma(1.0 - x) - Math.PI / Math.tan(Math.PI * x);
        }
        if (!(x < Double.POSITIVE_INFINITY)) {
            return x;
        }
        double acc = 0.0;
        double y = x;
        while (y < ASYMPTOTIC_FROM) {
            acc -= 1.0 / y;
            y += 1.0;
        }
        double inv = 1.0 / (y * y);
        double series = inv * (1.0 / 12 - inv * (1.0 / 120 - inv * (1.0 / 252 - inv * (1.0 / 240
                - inv * (1.0 / 132)))));
        return acc + Math.log(y) - 0.5 / y - series;
    }

    /**
     * Trigamma {@code psi'(x)}: for x > 0 the recurrence then
     * {@code 1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9) + 5/(66x^11)}; for x < 0 the reflection
     * {@code psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x)}. {@code +inf} at the poles 0, -1, -2, ..., 0 at
     * {@code +inf}.
     */
    static double trigamma(double x) {
        if (x <= 0.0) {
            if (Double.isInfinite(x)) {
                return Double.NaN;
            }
            if (x == Math.rint(x)) {
                return Double.POSITIVE_INFINITY;
            }
            double s = Math.sin(Math.PI * x);
            return Math.PI * Math.PI / (s * s) - trigamma(1.0 - x);
        }
        if (!(x < Double.POSITIVE_INFINITY)) {
            return Double.isNaN(x) ? x : 0.0;
        }
        double acc = 0.0;
        double y = x;
        while (y < ASYMPTOTIC_FROM) {
            acc += 1.0 / (y * y);
            y += 1.0;
        }
        double inv = 1.0 / (y * y);
        double series = inv * (1.0 / 6 - inv * (1.0 / 30 - inv * (1.0 / 42 - inv * (1.0 / 30
                - inv * (5.0 / 66)))));
        return acc + 1.0 / y + 0.5 * inv + series / y;
    }

    /** The error function: {@code 2x/sqrt(pi)} for |x| below 1e-8 (keeping the sign of zero), else Commons Math. */
    static double erf(double x) {
        if (Math.abs(x) < 1e-8) {
            return x * TWO_OVER_SQRT_PI;
        }
        return Erf.erf(x);
    }
}
