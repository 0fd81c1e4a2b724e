package io.pplj.tensor.cpu;

import org.apache.commons.math3.special.Gamma;

/**
 * The implicit reparameterization gradient of a standard gamma draw: {@code dx/dalpha = -(dF/dalpha) / f} with
 * {@code F} the regularized incomplete gamma function and {@code f} the density.
 *
 * <p>{@code dF/dalpha} is computed with relative accuracy in both tails: below {@code x = alpha + 1} as
 * {@code P d(log P)/dalpha}, above as {@code -Q d(log Q)/dalpha}, each logarithm evaluated where Commons Math
 * computes it directly (series for P, continued fraction for Q) and differentiated by a central difference with a
 * step of {@code 1e-4 alpha}. Dividing by the density in log space, {@code exp(log P - log f)}, keeps the ratio exact
 * where both are tiny. Accuracy is about 1e-8 relative.
 */
final class GammaGradient {

    private static final double EPSILON = 1e-15;
    private static final int MAX_ITERATIONS = 100_000;

    private GammaGradient() {
    }

    static double dxdAlpha(double x, double alpha) {
        if (!(x > 0.0) || !(alpha > 0.0) || Double.isInfinite(x)) {
            return 0.0;
        }
        double logDensity = (alpha - 1.0) * Math.log(x) - x - Gamma.logGamma(alpha);
        double h = 1e-4 * alpha;
        boolean lower = x < alpha + 1.0;
        double up = logTail(lower, alpha + h, x);
        double down = logTail(lower, alpha - h, x);
        double dLog = (up - down) / (2.0 * h);
        double ratio = Math.exp(logTail(lower, alpha, x) - logDensity);
        return lower ? -ratio * dLog : ratio * dLog;
    }

    /** {@code log P(a, x)} (lower) or {@code log Q(a, x)} (upper). */
    private static double logTail(boolean lower, double a, double x) {
        double v = lower ? Gamma.regularizedGammaP(a, x, EPSILON, MAX_ITERATIONS)
                : Gamma.regularizedGammaQ(a, x, EPSILON, MAX_ITERATIONS);
        return Math.log(v);
    }
}
