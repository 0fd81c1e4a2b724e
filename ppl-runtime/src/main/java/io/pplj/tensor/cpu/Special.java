package io.pplj.tensor.cpu;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Special functions in double precision, from Apache Commons Math where it covers the whole real line, extended by
 * the reflection formula where it does not.
 */
final class Special {

    private Special() {
    }

    /**
     * {@code log |Gamma(x)|}: Commons Math for x > 0; for x <= 0 the reflection formula
     * {@code log|Gamma(x)| = log(pi / |sin(pi x)|) - log Gamma(1 - x)} (infinite at the poles 0, -1, -2, ...).
     */
    static double lgamma(double x) {
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
     * Digamma: Commons Math for x > 0; the reflection {@code psi(x) = psi(1 - x) - pi cot(pi x)} for x <= 0 (NaN at
     * the poles, as PyTorch).
     */
    static double digamma(double x) {
        if (x > 0) {
            return Gamma.digamma(x);
        }
        if (Double.isNaN(x) || x == Math.rint(x)) {
            return Double.NaN;
        }
        return Gamma.digamma(1.0 - x) - Math.PI / Math.tan(Math.PI * x);
    }

    /** Trigamma: Commons Math for x > 0; the reflection {@code psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x)}. */
    static double trigamma(double x) {
        if (x > 0) {
            return Gamma.trigamma(x);
        }
        if (Double.isNaN(x) || x == Math.rint(x)) {
            return Double.NaN;
        }
        double s = Math.sin(Math.PI * x);
        return Math.PI * Math.PI / (s * s) - Gamma.trigamma(1.0 - x);
    }

    /** The error function. */
    static double erf(double x) {
        return Erf.erf(x);
    }
}
