package io.pplj.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Shared assertions of the continuous-family tests.
 *
 * <ul>
 *   <li>Log densities agree with a float64 reference within {@value #RTOL} relative (plus {@value #ATOL} absolute,
 *       for values near 0).
 *   <li>Kolmogorov-Smirnov tests need a p-value above {@value #MIN_P}, so a correct sampler fails a fixed-seed case
 *       less than once in 10^6 seeds.
 *   <li>Monte Carlo estimates (means of n i.i.d. terms) must lie within {@value #Z} standard errors of the exact value,
 *       the standard error {@code sd / sqrt(n)} estimated from the same terms: a two-sided normal tail of 5.7e-7.
 * </ul>
 */
final class ContinuousChecks {

    static final double RTOL = 1e-10;
    static final double ATOL = 1e-12;
    static final double MIN_P = 1e-6;
    static final double Z = 5.0;

    private ContinuousChecks() {
    }

    /** A float64 scalar. */
    static Tensor f64(double v) {
        return Tensor.scalar(v, DType.FLOAT64);
    }

    /** A float64 tensor of the given shape. */
    static Tensor f64(double[] values, int... shape) {
        return Tensor.of(values, DType.FLOAT64, shape);
    }

    /** A float64 tensor from a generated list. */
    static Tensor f64(List<Double> values, int... shape) {
        return f64(values.stream().mapToDouble(Double::doubleValue).toArray(), shape);
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Elementwise {@code exp}: points and parameters spread over orders of magnitude from generated logarithms. */
    static double[] exp(double[] logs) {
        double[] out = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            out[i] = Math.exp(logs[i]);
        }
        return out;
    }

    /** {@code |got - expected| <= RTOL |expected| + ATOL}, infinities equal. */
    static void assertClose(double expected, double got, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, got, what);
            return;
        }
        assertEquals(expected, got, RTOL * Math.abs(expected) + ATOL, what);
    }

    /** A reference value (log density or CDF) of one element from the parameters of row i, column j. */
    interface Reference {
        double logDensity(int i, int j);
    }

    /** Checks a {@code [rows, cols]} log-density result element by element against a reference. */
    static void assertGrid(Tensor got, int rows, int cols, Reference reference) {
        assertArrayEquals(new int[] {rows, cols}, got.shape());
        assertEquals(DType.FLOAT64, got.dtype());
        double[] g = got.toDoubleArray();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertClose(reference.logDensity(i, j), g[i * cols + j], "element [" + i + ", " + j + "]");
            }
        }
    }

    /**
     * Checks a {@code [rows, cols]} CDF result against a reference CDF with relative tolerance {@link #RTOL} and an
     * absolute floor of {@link Double#MIN_NORMAL} only: lower tails are compared to full relative precision down to
     * the subnormal range, where a double no longer carries 52 significant bits.
     */
    static void assertCdfGrid(Tensor got, int rows, int cols, Reference reference) {
        assertArrayEquals(new int[] {rows, cols}, got.shape());
        double[] g = got.toDoubleArray();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = reference.logDensity(i, j);
                assertEquals(e, g[i * cols + j], RTOL * Math.abs(e) + Double.MIN_NORMAL, "CDF element [" + i + ", "
                        + j + "]");
            }
        }
    }

    /** Kolmogorov-Smirnov test of draws against a Commons Math distribution. */
    static void assertKs(String what, double[] draws, RealDistribution reference) {
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(reference, draws);
        assertTrue(p > MIN_P, what + ": KS p-value " + p);
    }

    /** Draws {@code n} values of a scalar distribution and runs {@link #assertKs}. */
    static void assertKs(String what, Distribution d, long seed, int n, RealDistribution reference) {
        assertKs(what, d.sample(Rng.of(seed), n).toDoubleArray(), reference);
    }

    /**
     * Asserts that the mean of the {@code terms} (n i.i.d. values) is within {@link #Z} standard errors of
     * {@code expected}; the standard error is estimated from the terms.
     */
    static void assertMonteCarlo(String what, double[] terms, double expected) {
        int n = terms.length;
        double mean = 0;
        for (double t : terms) {
            mean += t;
        }
        mean /= n;
        double ss = 0;
        for (double t : terms) {
            ss += (t - mean) * (t - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        assertTrue(Math.abs(mean - expected) <= Z * se + 1e-12 * Math.abs(expected),
                what + ": Monte Carlo " + mean + " vs exact " + expected + " (standard error " + se + ")");
    }

    /**
     * The pathwise gradient check: a distribution built from a parameter tensor of shape {@code [n]} (one copy of the
     * parameter per draw, all equal to {@code theta}) draws one rsample per copy; the gradient of
     * {@code sum f(x)} with respect to the copies holds n i.i.d. per-draw gradients {@code f'(x) dx/dtheta}, whose
     * mean estimates {@code d/dtheta E[f(x)]} and must match {@code expected} within {@link #Z} standard errors.
     */
    static void assertPathwiseGradient(String what, double theta, int n, long seed,
                                       Function<Tensor, Distribution> family, Function<Tensor, Tensor> f,
                                       double expected) {
        Tensor copies = Tensor.full(theta, DType.FLOAT64, n).requiresGrad(true);
        Tensor x = family.apply(copies).rsample(Rng.of(seed));
        Tensor g = Grad.of(f.apply(x).sum(), copies)[0];
        assertMonteCarlo(what, g.toDoubleArray(), expected);
    }

    /**
     * Entropy against the Monte Carlo estimate {@code -mean(log p(x))} over n draws, per batch element, within
     * {@link #Z} standard errors.
     */
    static void assertEntropyMonteCarlo(String what, Distribution d, long seed, int n) {
        Tensor x = d.sample(Rng.of(seed), n);
        Tensor lp = d.logProb(x).neg().reshape(n, -1);
        double[] exact = d.entropy().reshape(-1).toDoubleArray();
        int cols = exact.length;
        double[] all = lp.toDoubleArray();
        for (int c = 0; c < cols; c++) {
            double[] terms = new double[n];
            for (int i = 0; i < n; i++) {
                terms[i] = all[i * cols + c];
            }
            assertMonteCarlo(what + " entropy, batch element " + c, terms, exact[c]);
        }
    }

    /**
     * The entropy {@code -integral p log p dx} of a Commons Math distribution by Legendre-Gauss quadrature of its
     * density, on pieces between the quantiles at {@code 1e-13, 1e-10, 1e-7, 1e-4, 0.01, 0.1, ..., 0.9, 0.99, ...,
     * 1 - 1e-13} (finite support bounds replace the outermost ones). The mass left out, at most 2e-13, carries well
     * under 1e-10 of entropy for the families here. The quantiles only place the pieces, so their accuracy does not
     * matter.
     */
    static double entropyByQuadrature(AbstractRealDistribution ref) {
        UnivariateFunction integrand = x -> {
            double lp = ref.logDensity(x);
            return lp == Double.NEGATIVE_INFINITY ? 0.0 : -Math.exp(lp) * lp;
        };
        double[] levels = {1e-13, 1e-10, 1e-7, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-4, 1 - 1e-7,
            1 - 1e-10, 1 - 1e-13};
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>();
        for (double u : levels) {
            cuts.add(ref.inverseCumulativeProbability(u));
        }
        if (Double.isFinite(ref.getSupportLowerBound())) {
            cuts.add(ref.getSupportLowerBound());
        }
        if (Double.isFinite(ref.getSupportUpperBound())) {
            cuts.add(ref.getSupportUpperBound());
        }
        Double[] x = cuts.toArray(new Double[0]);
        double total = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            total += new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14)
                    .integrate(10_000_000, integrand, x[i], x[i + 1]);
        }
        return total;
    }

    /** The distribution of {@code |X|} for X symmetric about 0: CDF {@code 2 F(x) - 1} on {@code [0, inf)}. */
    static AbstractRealDistribution folded(RealDistribution symmetric) {
        return withCdf(x -> x <= 0 ? 0.0 : 2 * symmetric.cumulativeProbability(x) - 1,
                x -> x < 0 ? 0.0 : 2 * symmetric.density(x), 0.0);
    }

    /** The distribution of {@code loc + scale X}: CDF {@code F((x - loc) / scale)}. */
    static AbstractRealDistribution shifted(RealDistribution standard, double loc, double scale) {
        return withCdf(x -> standard.cumulativeProbability((x - loc) / scale),
                x -> standard.density((x - loc) / scale) / scale, Double.NEGATIVE_INFINITY);
    }

    /**
     * A distribution given by its CDF and density, supported on {@code [lower, inf)}; its mean and variance are
     * unknown (NaN), which Commons Math's inverse CDF accepts.
     */
    static AbstractRealDistribution withCdf(DoubleUnaryOperator cdf, DoubleUnaryOperator density, double lower) {
        return new AbstractRealDistribution(null) {
            private static final long serialVersionUID = 1L;

            @Override
            public double density(double x) {
                return density.applyAsDouble(x);
            }

            @Override
            public double cumulativeProbability(double x) {
                return cdf.applyAsDouble(x);
            }

            @Override
            public double getNumericalMean() {
                return Double.NaN;
            }

            @Override
            public double getNumericalVariance() {
                return Double.NaN;
            }

            @Override
            public double getSupportLowerBound() {
                return lower;
            }

            @Override
            public double getSupportUpperBound() {
                return Double.POSITIVE_INFINITY;
            }

            @Override
            @Deprecated
            public boolean isSupportLowerBoundInclusive() {
                return true;
            }

            @Override
            @Deprecated
            public boolean isSupportUpperBoundInclusive() {
                return false;
            }

            @Override
            public boolean isSupportConnected() {
                return true;
            }
        };
    }
}
