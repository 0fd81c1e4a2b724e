package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
import static io.pplj.dist.DiscreteTestSupport.assertLogClose;
import static io.pplj.dist.DiscreteTestSupport.chiSquarePValue;
import static io.pplj.dist.DiscreteTestSupport.column;
import static io.pplj.dist.DiscreteTestSupport.f64;
import static io.pplj.dist.DiscreteTestSupport.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

/**
 * Multinomial: log-mass against the factorial formula (Commons Math's {@code CombinatoricsUtils.factorialLog}) and
 * against Commons' binomial for two categories; draws checked by their mean and covariance, a marginal chi-square,
 * sums and integrality; checks.
 */
class MultinomialTest {

    /** {@code log(n! / prod x_i!) + sum x_i log p_i} with {@code 0 log 0 = 0}. */
    static double logPmf(int n, double[] p, long[] x) {
        double lp = CombinatoricsUtils.factorialLog(n);
        for (int i = 0; i < p.length; i++) {
            lp -= CombinatoricsUtils.factorialLog((int) x[i]);
            if (x[i] > 0) {
                lp += x[i] * Math.log(p[i]);
            }
        }
        return lp;
    }

    /** A random composition of n into k non-negative parts. */
    static long[] composition(int n, int k, long seed) {
        Random random = new Random(seed);
        long[] x = new long[k];
        for (int t = 0; t < n; t++) {
            x[random.nextInt(k)]++;
        }
        return x;
    }

    @Property(tries = 300)
    void logProbMatchesTheFactorialFormula(
            @ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> weights,
            @ForAll @IntRange(min = 0, max = 500) int n, @ForAll long seed) {
        double[] w = CategoricalTest.unbox(weights);
        double total = java.util.Arrays.stream(w).sum();
        Assume.that(total > 0);
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = w[i] / total;
        }
        long[] x = composition(n, w.length, seed);
        double expected = logPmf(n, p, x);
        double got = Multinomial.ofProbs(n, vec(w)).logProb(Tensor.ofLongs(x)).item();
        assertLogClose(expected, got, "n=" + n + " x=" + java.util.Arrays.toString(x));
    }

    /** p is at most 1/2 so that {@code 1 - p}, rounded before Multinomial sees it, is relatively exact. */
    @Property(tries = 200)
    void twoCategoriesAreABinomial(@ForAll @IntRange(min = 0, max = 300) int n,
                                   @ForAll @DoubleRange(min = 0, max = 0.5) @Scale(12) double p,
                                   @ForAll @DoubleRange(min = 0, max = 1) @Scale(6) double position) {
        int k = (int) Math.round(position * n);
        double expected = new BinomialDistribution(null, n, p).logProbability(k);
        double got = Multinomial.ofProbs(n, vec(p, 1 - p)).logProb(vec(k, n - k)).item();
        assertLogClose(expected, got, "n=" + n + " p=" + p + " k=" + k);
    }

    @Test
    void batchedLogProbBroadcasts() {
        double[] w = {1, 1, 2, 0, 1, 3, 5, 1, 1};
        Multinomial d = Multinomial.ofProbs(4, f64(w, 3, 1, 3));
        assertArrayEquals(new int[] {3, 1}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        long[][] xs = {{4, 0, 0}, {1, 1, 2}, {0, 2, 2}, {2, 2, 0}};
        long[] flat = new long[12];
        for (int j = 0; j < 4; j++) {
            System.arraycopy(xs[j], 0, flat, 3 * j, 3);
        }
        Tensor lp = d.logProb(Tensor.ofLongs(flat, 4, 3));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] got = lp.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double total = w[3 * i] + w[3 * i + 1] + w[3 * i + 2];
            double[] p = {w[3 * i] / total, w[3 * i + 1] / total, w[3 * i + 2] / total};
            for (int j = 0; j < 4; j++) {
                assertLogClose(logPmf(4, p, xs[j]), got[4 * i + j], "row " + i + " value " + j);
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, got[4]);
        assertTrue(Double.isFinite(got[4 + 2]));
    }

    @Test
    void logitsAndProbsAgreeAndZeroProbabilitiesAreExact() {
        double[] l = {0.3, -1.2, 2.0};
        Tensor probs = Tensor.of(l, DType.FLOAT64, 3).softmax(0);
        Tensor x = vec(3, 0, 4);
        assertEquals(Multinomial.ofProbs(7, probs).logProb(x).item(), Multinomial.ofLogits(7, vec(l)).logProb(x)
                .item(), 1e-13);
        Tensor w = vec(0.0, 1.0, 1.0).requiresGrad(true);
        Tensor lp = Multinomial.ofProbs(4, w).logProb(vec(0, 1, 3));
        assertEquals(Math.log(4) - 4 * Math.log(2), lp.item(), 1e-14);
        assertTrue(Grad.of(lp, w)[0].isFinite().all().item() != 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Multinomial.ofProbs(4, w).logProb(vec(1, 1, 2)).item());
        assertEquals(0.0, Multinomial.ofProbs(0, vec(0.5, 0.5)).logProb(vec(0, 0)).item(), 0.0);
    }

    /**
     * Mean and covariance of 40000 draws against {@code n p_i} and {@code n (delta_ij p_i - p_i p_j)}. Each
     * estimate is a mean of iid terms (x_i, or (x_i - n p_i)(x_j - n p_j) with the true mean), so it is checked
     * within 5 standard errors, the standard error being the terms' sample standard deviation over sqrt(draws).
     */
    @Test
    void drawsHaveTheMultinomialMeanAndCovariance() {
        int n = 30;
        double[] p = {0.1, 0.25, 0.05, 0.6};
        int k = p.length;
        int draws = 40_000;
        Tensor x = Multinomial.ofProbs(n, vec(p)).sample(Rng.of(81), draws);
        assertArrayEquals(new int[] {draws, k}, x.shape());
        assertEquals(DType.FLOAT64, x.dtype());
        assertTrue(x.sum(-1).eq((double) n).all().item() != 0.0, "every draw sums to n");
        assertTrue(Constraint.nonNegativeInteger().check(x).all().item() != 0.0, "counts");
        double[] v = x.toDoubleArray();
        for (int i = 0; i < k; i++) {
            double[] xi = column(v, k, i);
            assertWithinFiveSe(n * p[i], xi, "mean " + i);
            for (int j = i; j < k; j++) {
                double[] xj = column(v, k, j);
                double[] terms = new double[draws];
                for (int t = 0; t < draws; t++) {
                    terms[t] = (xi[t] - n * p[i]) * (xj[t] - n * p[j]);
                }
                double cov = n * ((i == j ? p[i] : 0) - p[i] * p[j]);
                assertWithinFiveSe(cov, terms, "cov " + i + "," + j);
            }
        }
        BinomialDistribution marginal = new BinomialDistribution(null, n, p[1]);
        double pv = chiSquarePValue(column(v, k, 1), marginal::probability);
        assertTrue(pv > 1e-6, "marginal chi-square p-value " + pv);
    }

    private static void assertWithinFiveSe(double expected, double[] terms, String what) {
        double mean = java.util.Arrays.stream(terms).average().orElseThrow();
        double var = 0;
        for (double t : terms) {
            var += (t - mean) * (t - mean);
        }
        double se = Math.sqrt(var / (terms.length - 1) / terms.length);
        assertEquals(expected, mean, 5 * se + 1e-12, what + " (se " + se + ")");
    }

    @Test
    void drawsHandleZeroProbabilitiesBatchesAndLogits() {
        Multinomial d = Multinomial.ofProbs(12, f64(new double[] {0, 1, 1, 1, 0, 0}, 2, 3));
        Tensor x = d.sample(Rng.of(5), 1000);
        assertArrayEquals(new int[] {1000, 2, 3}, x.shape());
        assertEquals(0.0, x.select(-1, 0).select(-1, 0).sum().item(), 0.0);
        assertEquals(12000.0, x.select(1, 1).select(-1, 0).sum().item(), 0.0);
        assertTrue(x.sum(-1).eq(12.0).all().item() != 0.0);
        Tensor y = Multinomial.ofLogits(5, vec(0, 0)).expand(3).sample(Rng.of(6), 2);
        assertArrayEquals(new int[] {2, 3, 2}, y.shape());
        assertArrayEquals(new double[] {10, 10, 10, 10, 10, 10}, y.sum(-1).mul(2.0).toDoubleArray());
        assertArrayEquals(new double[] {0.0}, Multinomial.ofProbs(0, vec(0.2, 0.8)).sample(Rng.of(1), 1)
                .sum(-1).toDoubleArray());
    }

    @Test
    void momentsAndAccessors() {
        Multinomial d = Multinomial.ofProbs(10, vec(1, 3));
        assertEquals(10, d.totalCount());
        assertEquals(2, d.numCategories());
        assertArrayEquals(new double[] {2.5, 7.5}, d.mean().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1.875, 1.875}, d.variance().toDoubleArray(), 1e-15);
        assertThrows(UnsupportedOperationException.class, d::entropy);
        assertFalse(d.hasEnumerateSupport());
        assertEquals("multinomial(10)", d.support().toString());
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Multinomial.ofProbs(-1, vec(0.5, 0.5)), "Multinomial", "'totalCount'");
        assertInvalid(() -> Multinomial.ofProbs(3, vec(0.5, -0.5)), "Multinomial", "'probs'");
        assertInvalid(() -> Multinomial.ofLogits(3, vec(Double.NaN, 0)), "Multinomial", "'logits'");
        Multinomial d = Multinomial.ofProbs(4, vec(0.2, 0.8));
        assertInvalid(() -> d.logProb(vec(1, 2)), "Multinomial", "support", "multinomial(4)");
        assertInvalid(() -> d.logProb(vec(5, -1)), "Multinomial", "support");
        assertInvalid(() -> d.logProb(vec(1.5, 2.5)), "Multinomial", "support");
        assertInvalid(() -> d.logProb(vec(4)), "Multinomial", "event shape");
        try (ThreadScope off = Validation.disable()) {
            assertTrue(Double.isFinite(d.logProb(vec(1, 2)).item()));
        }
    }
}
