package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.IntegerDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goodness of fit of every sampler against Apache Commons Math distributions, with fixed seeds: Kolmogorov-Smirnov
 * for continuous and pooled chi-square for discrete samples must give p-values above {@value #ALPHA} (a correct sampler
 * fails a case less than once in 10^6 seeds), and batched calls with per-element parameters match the analytic means
 * and variances within {@value #MEAN_Z} (means) and {@value #VAR_Z} (variances) standard errors.
 */
class SamplerDistributionTest {

    /** Smallest p-value a case may have. */
    static final double ALPHA = 1e-6;
    /** Standard errors a sample mean may deviate: two-sided normal tail 5.7e-7 per check. */
    static final double MEAN_Z = 5.0;
    /**
     * Standard errors a sample variance may deviate. The variance estimator's distribution is skewed for heavy-tailed
     * families, so one more standard error than for means keeps the false-alarm rate below 10^-6.
     */
    static final double VAR_Z = 6.0;
    /** Sample size of each goodness-of-fit case. */
    static final int N = 100_000;

    // ---- continuous -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void uniformFitsUniform01(DType dtype) {
        double[] x = Rng.of(101).uniform(dtype, N).toDoubleArray();
        for (double v : x) {
            assertTrue(v >= 0.0 && v < 1.0, "uniform " + v);
        }
        assertKs("uniform " + dtype, x, new UniformRealDistribution(0, 1));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void uniformFineStructureIsUniform(DType dtype) {
        // the 1024 equal bins of [0, 2^-10) magnified: tests low-order bits, which KS on [0, 1) cannot see
        double[] x = Rng.of(103).uniform(dtype, 4 * N).toDoubleArray();
        long[] counts = new long[64];
        for (double v : x) {
            double frac = v * 1024 - Math.floor(v * 1024);
            counts[(int) (frac * 64)]++;
        }
        double[] expected = new double[64];
        Arrays.fill(expected, x.length / 64.0);
        assertChiSquare("uniform fine bins " + dtype, expected, counts);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void normalFitsStandardNormal(DType dtype) {
        double[] x = Rng.of(202).normal(dtype, N).toDoubleArray();
        assertKs("normal " + dtype, x, new NormalDistribution(0, 1));
    }

    /** Box-Muller pairs: the squared radius of elements (2j, 2j+1) is Exponential with mean 2 if they are independent. */
    @Test
    void normalPairsAreIndependentStandardNormals() {
        double[] x = Rng.of(203).normal(DType.FLOAT64, 2 * N).toDoubleArray();
        double[] r2 = new double[N];
        double[] even = new double[N];
        double[] odd = new double[N];
        for (int j = 0; j < N; j++) {
            even[j] = x[2 * j];
            odd[j] = x[2 * j + 1];
            r2[j] = even[j] * even[j] + odd[j] * odd[j];
        }
        assertKs("normal pair radius^2", r2, new ExponentialDistribution(2.0));
        assertKs("normal odd elements", odd, new NormalDistribution(0, 1));
        assertUncorrelated("normal pairs", even, odd);
        double[] evenSq = Arrays.stream(even).map(v -> v * v).toArray();
        double[] oddSq = Arrays.stream(odd).map(v -> v * v).toArray();
        assertUncorrelated("normal pairs squared", evenSq, oddSq);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void neighbouringUniformsAreUncorrelated(DType dtype) {
        double[] x = Rng.of(104).uniform(dtype, N + 3).toDoubleArray();
        for (int lag = 1; lag <= 3; lag++) {
            assertUncorrelated("uniform lag " + lag, Arrays.copyOfRange(x, 0, N), Arrays.copyOfRange(x, lag, N + lag));
        }
    }

    @Test
    void consecutiveCallsAndSplitStreamsAreUncorrelated() {
        Rng r = Rng.of(105);
        double[] a = r.uniform(DType.FLOAT64, N).toDoubleArray();
        double[] b = r.uniform(DType.FLOAT64, N).toDoubleArray();
        double[] c = r.split().uniform(DType.FLOAT64, N).toDoubleArray();
        double[] d = Rng.of(106).uniform(DType.FLOAT64, N).toDoubleArray();
        assertUncorrelated("consecutive calls", a, b);
        assertUncorrelated("parent and split", b, c);
        assertUncorrelated("seeds 105 and 106", a, d);
    }

    @ParameterizedTest(name = "alpha = {0}")
    @ValueSource(doubles = {0.05, 0.3, 1, 2.5, 10, 200})
    void gammaFitsGamma(double alpha) {
        double[] x = Rng.of(303).gamma(Tensor.full(alpha, DType.FLOAT64, N)).toDoubleArray();
        for (double v : x) {
            assertTrue(v > 0.0 && Double.isFinite(v), "gamma(" + alpha + ") gave " + v);
        }
        assertKs("gamma " + alpha, x, new GammaDistribution(alpha, 1.0));
    }

    @Test
    void gammaFloat32FitsGamma() {
        double[] x = Rng.of(304).gamma(Tensor.full(2.5, DType.FLOAT32, N)).toDoubleArray();
        assertKs("gamma f32 2.5", x, new GammaDistribution(2.5, 1.0));
    }

    static Stream<Arguments> betaCases() {
        return Stream.of(Arguments.of(0.5, 0.5), Arguments.of(2.0, 5.0), Arguments.of(10.0, 1.0));
    }

    @ParameterizedTest(name = "a = {0}, b = {1}")
    @MethodSource("betaCases")
    void betaFitsBeta(double a, double b) {
        double[] x = Rng.of(404).beta(Tensor.full(a, DType.FLOAT64, N), Tensor.full(b, DType.FLOAT64, N))
                .toDoubleArray();
        for (double v : x) {
            assertTrue(v >= 0.0 && v <= 1.0, "beta(" + a + ", " + b + ") gave " + v);
        }
        assertKs("beta " + a + "," + b, x, new BetaDistribution(a, b));
    }

    @Test
    void betaBroadcastsScalarParameters() {
        double[] x = Rng.of(405).beta(Tensor.scalar(2.0, DType.FLOAT64), Tensor.full(5.0, DType.FLOAT64, N))
                .toDoubleArray();
        assertEquals(N, x.length);
        assertKs("beta scalar a", x, new BetaDistribution(2.0, 5.0));
    }

    // ---- discrete ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "rate = {0}")
    @ValueSource(doubles = {0.7, 3, 9.99, 10, 40, 1000})
    void poissonFitsPoisson(double rate) {
        double[] x = Rng.of(505).poisson(Tensor.full(rate, DType.FLOAT64, N)).toDoubleArray();
        assertChiSquare("poisson " + rate, x, new PoissonDistribution(rate));
    }

    @Test
    void poissonFloat32FitsPoisson() {
        double[] x = Rng.of(506).poisson(Tensor.full(40.0, DType.FLOAT32, N)).toDoubleArray();
        assertChiSquare("poisson f32 40", x, new PoissonDistribution(40.0));
    }

    static Stream<Arguments> binomialCases() {
        return Stream.of(Arguments.of(10, 0.3), Arguments.of(5, 0.9), Arguments.of(100, 0.02),
                Arguments.of(1000, 0.4), Arguments.of(50, 0.75), Arguments.of(20000, 0.5),
                // the boundary between inversion (n p < 10) and BTRS, from both sides of p = 1/2
                Arguments.of(20, 0.5), Arguments.of(19, 0.5), Arguments.of(40, 0.76));
    }

    @ParameterizedTest(name = "n = {0}, p = {1}")
    @MethodSource("binomialCases")
    void binomialFitsBinomial(int n, double p) {
        double[] x = Rng.of(606).binomial(Tensor.full(n, DType.FLOAT64, N), Tensor.full(p, DType.FLOAT64, N))
                .toDoubleArray();
        assertChiSquare("binomial " + n + "," + p, x, new BinomialDistribution(n, p));
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.3, 0.5, 0.97})
    void bernoulliFitsBernoulli(double p) {
        double[] x = Rng.of(707).bernoulli(Tensor.full(p, DType.FLOAT64, N)).toDoubleArray();
        assertChiSquare("bernoulli " + p, x, new BinomialDistribution(1, p));
    }

    static Stream<Arguments> categoricalCases() {
        return Stream.of(
                Arguments.of(DType.FLOAT64, new double[] {1.0, 0.0, 2.0, 3.5, 0.5}),
                Arguments.of(DType.FLOAT32, new double[] {0.0, 7.0, 0.25, 2.0, 0.0}),
                Arguments.of(DType.FLOAT64, new double[] {3.0, 1e-3, 0.0, 30.0, 12.0, 0.0, 0.0, 5.0}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("categoricalCases")
    void categoricalFitsNormalisedWeightsAndNeverDrawsZeroWeights(DType dtype, double[] w) {
        int k = w.length;
        double total = Arrays.stream(w).sum();
        long[] x = Rng.of(808).categorical(Tensor.of(w, dtype, 1, k).expand(N, k)).toLongArray();
        long[] counts = new long[k];
        for (long v : x) {
            assertTrue(v >= 0 && v < k, "category " + v);
            counts[(int) v]++;
        }
        List<Double> expected = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (w[j] == 0.0) {
                assertEquals(0L, counts[j], "zero-weight category " + j + " was drawn");
            } else {
                expected.add(N * w[j] / total);
                observed.add(counts[j]);
            }
        }
        assertPooledChiSquare("categorical " + Arrays.toString(w), expected, observed);
    }

    @Test
    void categoricalRowsOfABatchFollowTheirOwnWeights() {
        double[][] rows = {{1, 1, 1, 1}, {0, 5, 1, 0}, {8, 0, 0, 2}};
        double[] flat = new double[12];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(rows[r], 0, flat, 4 * r, 4);
        }
        int m = 30_000;
        long[] x = Rng.of(809).categorical(Tensor.of(flat, DType.FLOAT64, 3, 4).expand(m, 3, 4)).toLongArray();
        for (int r = 0; r < 3; r++) {
            long[] counts = new long[4];
            for (int i = 0; i < m; i++) {
                counts[(int) x[3 * i + r]]++;
            }
            double total = Arrays.stream(rows[r]).sum();
            List<Double> expected = new ArrayList<>();
            List<Long> observed = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                if (rows[r][j] == 0) {
                    assertEquals(0L, counts[j], "row " + r + ": zero-weight category " + j + " was drawn");
                } else {
                    expected.add(m * rows[r][j] / total);
                    observed.add(counts[j]);
                }
            }
            assertPooledChiSquare("categorical row " + r, expected, observed);
        }
    }

    // ---- batched calls with per-element parameters ------------------------------------------------------------

    @Test
    void gammaWithAnAlphaTensorMatchesPerElementMoments() {
        double[] alpha = {0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 4.5, 7.0, 10.0, 20.0, 60.0, 150.0};
        int m = 20_000;
        Tensor a = Tensor.of(alpha, DType.FLOAT64, 3, 4);
        Tensor g = Rng.of(909).gamma(a.expand(m, 3, 4));
        assertEquals(3, g.dim());
        double[] x = g.toDoubleArray();
        for (int e = 0; e < 12; e++) {
            double al = alpha[e];
            // raw moments of Gamma(alpha, 1): alpha (alpha+1) ... (alpha+k-1)
            double m1 = al;
            double m2 = m1 * (al + 1);
            double m3 = m2 * (al + 2);
            double m4 = m3 * (al + 3);
            assertMoments("gamma alpha[" + e + "] = " + al, column(x, 12, e), m1, m2, m3, m4);
        }
    }

    @Test
    void poissonWithARateTensorMatchesPerElementMoments() {
        double[] rate = {0.2, 1.0, 2.5, 5.0, 9.5, 10.0, 12.0, 30.0, 75.0, 200.0, 1000.0, 5000.0};
        int m = 20_000;
        double[] x = Rng.of(910).poisson(Tensor.of(rate, DType.FLOAT64, 3, 4).expand(m, 3, 4)).toDoubleArray();
        for (int e = 0; e < 12; e++) {
            double l = rate[e];
            double[] c = column(x, 12, e);
            // central moments: variance lambda, fourth lambda (1 + 3 lambda)
            assertCentralMoments("poisson rate[" + e + "] = " + l, c, l, l, l * (1 + 3 * l));
        }
    }

    @Test
    void binomialWithBroadcastCountsAndProbabilitiesMatchesPerElementMoments() {
        double[] n = {10, 200, 5000};
        double[] p = {0.05, 0.3, 0.5, 0.85};
        int m = 20_000;
        Tensor counts = Tensor.of(n, DType.FLOAT64, 1, 3, 1).expand(m, 3, 1);
        Tensor probs = Tensor.of(p, DType.FLOAT64, 4);
        Tensor b = Rng.of(911).binomial(counts, probs);
        assertEquals(Arrays.toString(new int[] {m, 3, 4}), Arrays.toString(b.shape()));
        double[] x = b.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double q = 1 - p[j];
                double var = n[i] * p[j] * q;
                double mu4 = var * (1 + 3 * (n[i] - 2) * p[j] * q);
                assertCentralMoments("binomial n = " + n[i] + ", p = " + p[j], column(x, 12, 4 * i + j),
                        n[i] * p[j], var, mu4);
            }
        }
    }

    @Test
    void betaWithBroadcastParametersMatchesPerElementMoments() {
        double[] a = {0.5, 2.0, 10.0};
        double[] b = {0.5, 1.0, 5.0, 30.0};
        int m = 20_000;
        Tensor x = Rng.of(912).beta(Tensor.of(a, DType.FLOAT64, 1, 3, 1).expand(m, 3, 1),
                Tensor.of(b, DType.FLOAT64, 4));
        assertEquals(Arrays.toString(new int[] {m, 3, 4}), Arrays.toString(x.shape()));
        double[] v = x.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                // raw moments of Beta(a, b): prod_{r < k} (a + r) / (a + b + r)
                double[] raw = new double[5];
                raw[0] = 1;
                for (int k = 1; k <= 4; k++) {
                    raw[k] = raw[k - 1] * (a[i] + k - 1) / (a[i] + b[j] + k - 1);
                }
                assertMoments("beta a = " + a[i] + ", b = " + b[j], column(v, 12, 4 * i + j),
                        raw[1], raw[2], raw[3], raw[4]);
            }
        }
    }

    // ---- nightly: twenty times the sample size -----------------------------------------------------------------

    /** The rejection samplers again at 2 million draws, where a bias of a few parts in 10^3 becomes visible. */
    @Test
    @Tag("slow")
    void rejectionSamplersFitAtTwoMillionDraws() {
        int big = 2_000_000;
        for (double alpha : new double[] {0.3, 2.5}) {
            assertKs("gamma " + alpha + " (2M)", Rng.of(1101).gamma(Tensor.full(alpha, DType.FLOAT64, big))
                    .toDoubleArray(), new GammaDistribution(alpha, 1.0));
        }
        for (double rate : new double[] {10.0, 40.0}) {
            assertChiSquare("poisson " + rate + " (2M)", Rng.of(1102).poisson(Tensor.full(rate, DType.FLOAT64, big))
                    .toDoubleArray(), new PoissonDistribution(rate));
        }
        for (int n : new int[] {20, 1000}) {
            double p = n == 20 ? 0.5 : 0.4;
            assertChiSquare("binomial " + n + "," + p + " (2M)", Rng.of(1103).binomial(
                    Tensor.full(n, DType.FLOAT64, big), Tensor.full(p, DType.FLOAT64, big)).toDoubleArray(),
                    new BinomialDistribution(n, p));
        }
    }

    // ---- valid parameters near the edges of floating point ------------------------------------------------------

    /**
     * Beta(a, b) with small valid shapes: X / (X + Y) with both gamma draws underflowed to 0 gives 0 / 0 = NaN. For
     * a = b = 0.001 in float64 P(Gamma(0.001) < 4.9e-324) is about 0.47, so about a fifth of the draws are NaN; in
     * float32 with a = b = 0.05 P(Gamma(0.05) < 1.4e-45) is about 0.0056.
     */
    @ParameterizedTest(name = "{0}, a = b = {1}")
    @MethodSource("tinyBetaCases")
    void betaWithSmallShapesIsNeverNaN(DType dtype, double shape) {
        double[] x = Rng.of(1001).beta(Tensor.full(shape, dtype, N), Tensor.full(shape, dtype, N)).toDoubleArray();
        int nan = 0;
        int upper = 0;
        for (double v : x) {
            if (Double.isNaN(v)) {
                nan++;
            } else if (v > 0.5) {
                upper++;
            }
        }
        assertEquals(0, nan, "beta(" + shape + ", " + shape + ") in " + dtype + ": NaN draws out of " + N);
        // symmetric: half the mass above 1/2 (binomial test, 5 standard errors)
        assertEquals(0.5 * N, upper, MEAN_Z * Math.sqrt(0.25 * N));
    }

    static Stream<Arguments> tinyBetaCases() {
        return Stream.of(Arguments.of(DType.FLOAT64, 0.001), Arguments.of(DType.FLOAT32, 0.05));
    }

    // ---- assertions -------------------------------------------------------------------------------------------

    private static void assertKs(String what, double[] x, RealDistribution dist) {
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double d = ks.kolmogorovSmirnovStatistic(dist, x);
        double pValue = ks.kolmogorovSmirnovTest(dist, x);
        assertTrue(pValue > ALPHA, String.format("%s: KS D = %.6f, n = %d, p = %.3g", what, d, x.length, pValue));
    }

    /** Chi-square over the support of {@code dist}, cells pooled from the left until each expects at least 5. */
    private static void assertChiSquare(String what, double[] x, IntegerDistribution dist) {
        int hi = 0;
        for (double v : x) {
            assertTrue(v >= 0 && v == Math.rint(v) && Double.isFinite(v), what + ": non-integer value " + v);
            assertTrue(v <= dist.getSupportUpperBound(), what + ": value " + v + " above the support");
            hi = Math.max(hi, (int) v);
        }
        // cells 0 .. top-1 exactly, the last cell is [top, infinity)
        int top = Math.max(hi, dist.inverseCumulativeProbability(1 - 1e-12)) + 1;
        top = (int) Math.min(top, dist.getSupportUpperBound() + 1L);
        long[] counts = new long[top + 1];
        for (double v : x) {
            counts[Math.min((int) v, top)]++;
        }
        List<Double> expected = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        double cumulative = 0;
        for (int k = 0; k < top; k++) {
            double pk = dist.probability(k);
            cumulative += pk;
            expected.add(x.length * pk);
            observed.add(counts[k]);
        }
        double tail = Math.max(0.0, 1.0 - cumulative);
        if (tail > 0 || counts[top] > 0) {
            expected.add(x.length * tail);
            observed.add(counts[top]);
        }
        assertPooledChiSquare(what, expected, observed);
    }

    private static void assertChiSquare(String what, double[] expected, long[] observed) {
        List<Double> e = new ArrayList<>();
        List<Long> o = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            e.add(expected[i]);
            o.add(observed[i]);
        }
        assertPooledChiSquare(what, e, o);
    }

    private static void assertPooledChiSquare(String what, List<Double> expected, List<Long> observed) {
        List<Double> pe = new ArrayList<>();
        List<Long> po = new ArrayList<>();
        double accE = 0;
        long accO = 0;
        for (int i = 0; i < expected.size(); i++) {
            accE += expected.get(i);
            accO += observed.get(i);
            if (accE >= 5.0) {
                pe.add(accE);
                po.add(accO);
                accE = 0;
                accO = 0;
            }
        }
        if (accE > 0 || accO > 0) {
            if (pe.isEmpty()) {
                pe.add(accE);
                po.add(accO);
            } else {
                int last = pe.size() - 1;
                pe.set(last, pe.get(last) + accE);
                po.set(last, po.get(last) + accO);
            }
        }
        assertTrue(pe.size() >= 2, what + ": fewer than two cells after pooling");
        double[] e = pe.stream().mapToDouble(Double::doubleValue).toArray();
        long[] o = po.stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < e.length; i++) {
            if (e[i] == 0.0) {
                throw new AssertionError(what + ": " + o[i] + " draws in a cell of probability 0");
            }
        }
        ChiSquareTest test = new ChiSquareTest();
        double stat = test.chiSquare(e, o);
        double pValue = test.chiSquareTest(e, o);
        assertTrue(pValue > ALPHA, String.format("%s: chi2 = %.2f, df = %d, p = %.3g; expected %s observed %s",
                what, stat, e.length - 1, pValue, abbreviate(e), abbreviate(o)));
    }

    /** Sample correlation within 5 / sqrt(n) of 0 (its standard error under independence is 1 / sqrt(n)). */
    private static void assertUncorrelated(String what, double[] a, double[] b) {
        int n = a.length;
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        double r = sab / Math.sqrt(saa * sbb);
        assertTrue(Math.abs(r) < MEAN_Z / Math.sqrt(n), String.format("%s: correlation %.5f, bound %.5f", what, r,
                MEAN_Z / Math.sqrt(n)));
    }

    /** Checks mean and variance from raw moments E[X], E[X^2], E[X^3], E[X^4]. */
    private static void assertMoments(String what, double[] x, double m1, double m2, double m3, double m4) {
        double var = m2 - m1 * m1;
        double mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
        assertCentralMoments(what, x, m1, var, mu4);
    }

    /**
     * The sample mean within {@link #MEAN_Z} standard errors sqrt(var / n) of {@code mean}, the sample variance within
     * {@link #VAR_Z} standard errors sqrt((mu4 - var^2) / n) of {@code var}.
     */
    private static void assertCentralMoments(String what, double[] x, double mean, double var, double mu4) {
        int n = x.length;
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / n;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double s2 = ss / (n - 1);
        double seMean = Math.sqrt(var / n);
        double seVar = Math.sqrt(Math.max(mu4 - var * var, 0) / n);
        assertTrue(Math.abs(m - mean) <= MEAN_Z * seMean, String.format(
                "%s: mean %.6g, expected %.6g, %.2f standard errors off", what, m, mean, (m - mean) / seMean));
        assertTrue(Math.abs(s2 - var) <= VAR_Z * seVar, String.format(
                "%s: variance %.6g, expected %.6g, %.2f standard errors off", what, s2, var, (s2 - var) / seVar));
    }

    private static double[] column(double[] x, int stride, int offset) {
        double[] c = new double[x.length / stride];
        for (int i = 0; i < c.length; i++) {
            c[i] = x[i * stride + offset];
        }
        return c;
    }

    private static String abbreviate(double[] e) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(e.length, 12); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.1f", e[i]));
        }
        return sb.append(e.length > 12 ? ", ...]" : "]").toString();
    }

    private static String abbreviate(long[] o) {
        long[] head = Arrays.copyOf(o, Math.min(o.length, 12));
        String s = Arrays.toString(head);
        return o.length > 12 ? s.substring(0, s.length() - 1) + ", ...]" : s;
    }
}
