package io.pplj.infer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/**
 * Self-normalized weighted estimates of a scalar's mean and variance, with their delta-method standard errors, and
 * z-test assertions against exact values. With normalized weights {@code w_i} (summing to one) and values
 * {@code z_i}: {@code mean = sum w_i z_i} with {@code se^2 = sum w_i^2 (z_i - mean)^2}, and
 * {@code variance = sum w_i (z_i - mean)^2} with {@code se^2 = sum w_i^2 ((z_i - mean)^2 - variance)^2}. Equal
 * weights {@code 1/N} give the usual sample estimates and standard errors.
 */
record WeightedMoments(double mean, double meanSe, double variance, double varianceSe) {

    /** Standard errors allowed between an estimate and its exact value. */
    static final double Z = 5.0;

    static WeightedMoments of(double[] values, double[] weights) {
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
            mean += weights[i] * values[i];
        }
        double variance = 0;
        double meanSe = 0;
        for (int i = 0; i < values.length; i++) {
            double d2 = (values[i] - mean) * (values[i] - mean);
            variance += weights[i] * d2;
            meanSe += weights[i] * weights[i] * d2;
        }
        double varianceSe = 0;
        for (int i = 0; i < values.length; i++) {
            double d2 = (values[i] - mean) * (values[i] - mean) - variance;
            varianceSe += weights[i] * weights[i] * d2 * d2;
        }
        return new WeightedMoments(mean, Math.sqrt(meanSe), variance, Math.sqrt(varianceSe));
    }

    /** Equal weights. */
    static WeightedMoments of(double[] values) {
        double[] w = new double[values.length];
        java.util.Arrays.fill(w, 1.0 / values.length);
        return of(values, w);
    }

    /**
     * Asserts the mean within {@link #Z} standard errors of {@code exactMean}, the variance within {@link #Z} of
     * {@code exactVariance} (plus the square of the mean's allowance, see below), and enough draws that a bias of a fifth of a standard deviation in the mean, or of half
     * the variance, would show.
     */
    void assertMatches(double exactMean, double exactVariance, String what) {
        String message = String.format(Locale.ROOT, "%s: mean %.5f (se %.5f) vs %.5f, variance %.5f (se %.5f) vs %.5f",
                what, mean, meanSe, exactMean, variance, varianceSe, exactVariance);
        assertTrue(Math.abs(mean - exactMean) <= Z * meanSe + 1e-6 * Math.abs(exactMean), message);
        // variance = sum w (z - exactMean)^2 - (mean - exactMean)^2: the first term within Z of its standard error,
        // the second below (Z meanSe)^2 once the mean passed (it matters where the first term's error vanishes, as
        // for a Bernoulli with p near 1/2, whose (z - p)^2 is nearly constant)
        double meanBound = Z * meanSe;
        assertTrue(Math.abs(variance - exactVariance) <= Z * varianceSe + meanBound * meanBound
                + 1e-6 * exactVariance, message);
        assertTrue(Z * meanSe <= 0.2 * Math.sqrt(exactVariance), "too few draws: " + message);
        assertTrue(Z * varianceSe <= 0.5 * exactVariance, "too few draws: " + message);
    }
}
