package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertAllLogClose;
import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
import static io.pplj.dist.DiscreteTestSupport.assertLogClose;
import static io.pplj.dist.DiscreteTestSupport.chiSquarePValue;
import static io.pplj.dist.DiscreteTestSupport.column;
import static io.pplj.dist.DiscreteTestSupport.f64;
import static io.pplj.dist.DiscreteTestSupport.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * NegativeBinomial in PyTorch's parameterization (successes of probability p before r failures): against Commons
 * Math's Pascal(r, 1 - p) for integer r, against the gamma-function formula for real r; sampling, moments, checks.
 */
class NegativeBinomialTest {

    /** {@code log P(k)} for real r by Commons Math's log-gamma. */
    private static double logPmf(double r, double p, int k) {
        double successes = k == 0 ? 0 : k * Math.log(p);
        return Gamma.logGamma(k + r) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(r) + successes + r * Math.log1p(-p);
    }

    @Property(tries = 300)
    void logProbMatchesCommonsPascal(@ForAll @IntRange(min = 1, max = 200) int r,
                                     @ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(12) double p,
                                     @ForAll @IntRange(min = 0, max = 5000) int k) {
        // Commons' Pascal(r, q) counts failures before r successes of probability q: swap the roles.
        double expected = new PascalDistribution(null, r, 1 - p).logProbability(k);
        double got = NegativeBinomial.ofProbs(f64(r), f64(p)).logProb(f64(k)).item();
        assertLogClose(expected, got, "r=" + r + " p=" + p + " k=" + k);
    }

    @Property(tries = 200)
    void logProbMatchesTheGammaFormulaForRealCounts(@ForAll @DoubleRange(min = 0.05, max = 100) @Scale(9) double r,
                                                    @ForAll @DoubleRange(min = 1e-6, max = 0.999) @Scale(12) double p,
                                                    @ForAll @IntRange(min = 0, max = 5000) int k) {
        assertLogClose(logPmf(r, p, k), NegativeBinomial.ofProbs(f64(r), f64(p)).logProb(f64(k)).item(),
                "r=" + r + " p=" + p + " k=" + k);
    }

    @Property(tries = 50)
    void batchedLogProbBroadcastsAgainstCommonsPascal(
            @ForAll @IntRange(min = 1, max = 30) int r,
            @ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(12) double p0,
            @ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(12) double p1) {
        double[] rs = {r, r + 1, 2 * r};
        double[] ps = {p0, p1, 0.5};
        double[] ks = {0, 2, 9, 40};
        Tensor lp = NegativeBinomial.ofProbs(f64(rs, 3, 1), f64(ps, 3, 1)).logProb(vec(ks));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i * 4 + j] = new PascalDistribution(null, (int) rs[i], 1 - ps[i])
                        .logProbability((int) ks[j]);
            }
        }
        assertAllLogClose(expected, lp.toDoubleArray(), "batched");
    }

    @Property(tries = 200)
    void logitsAndProbsParameterizationsAgree(@ForAll @DoubleRange(min = 0.1, max = 50) @Scale(12) double r,
                                              @ForAll @DoubleRange(min = -8, max = 8) @Scale(12) double l,
                                              @ForAll @IntRange(min = 0, max = 500) int k) {
        double p = 1 / (1 + Math.exp(-l));
        double a = NegativeBinomial.ofProbs(f64(r), f64(p)).logProb(f64(k)).item();
        double b = NegativeBinomial.ofLogits(f64(r), f64(l)).logProb(f64(k)).item();
        assertEquals(a, b, 1e-10 * Math.max(1, Math.abs(a)));
        NegativeBinomial byLogits = NegativeBinomial.ofLogits(f64(r), f64(l));
        assertEquals(r * Math.exp(l), byLogits.mean().item(), 1e-12 * r * Math.exp(l));
        assertEquals(r * Math.exp(l) / (1 - p), byLogits.variance().item(), 1e-10 * r * Math.exp(l) / (1 - p));
    }

    @Test
    void zeroCountAndZeroProbabilityArePointMassesAtZero() {
        Tensor ks = vec(0, 1, 4);
        double ninf = Double.NEGATIVE_INFINITY;
        assertArrayEquals(new double[] {0, ninf, ninf}, NegativeBinomial.ofProbs(0, f64(0.4)).logProb(ks)
                .toDoubleArray());
        assertArrayEquals(new double[] {0, ninf, ninf}, NegativeBinomial.ofProbs(3, f64(0)).logProb(ks)
                .toDoubleArray());
        assertEquals(0.0, NegativeBinomial.ofProbs(0, f64(0.4)).sample(Rng.of(1), 100).abs().sum().item(), 0.0);
        assertEquals(0.0, NegativeBinomial.ofProbs(3, f64(0)).sample(Rng.of(1), 100).abs().sum().item(), 0.0);
    }

    @Test
    void samplesPassChiSquare() {
        double[] rs = {5, 40, 1, 2.5};
        double[] ps = {0.4, 0.2, 0.9, 0.7};
        int draws = 20_000;
        Tensor x = NegativeBinomial.ofProbs(vec(rs), vec(ps)).sample(Rng.of(51), draws);
        assertArrayEquals(new int[] {draws, 4}, x.shape());
        for (int j = 0; j < rs.length; j++) {
            double r = rs[j];
            double p = ps[j];
            double pv = chiSquarePValue(column(x.toDoubleArray(), 4, j), k -> Math.exp(logPmf(r, p, k)));
            assertTrue(pv > 1e-6, "r=" + r + " p=" + p + ": chi-square p-value " + pv);
        }
    }

    @Property(tries = 60)
    void momentsEqualSumsOverTheSupport(@ForAll @DoubleRange(min = 0.2, max = 20) @Scale(12) double r,
                                        @ForAll @DoubleRange(min = 0.0, max = 0.8) @Scale(12) double p) {
        NegativeBinomial d = NegativeBinomial.ofProbs(f64(r), f64(p));
        double mean = 0;
        double second = 0;
        for (int k = 0; k < 5000; k++) {
            double m = Math.exp(logPmf(r, p, k));
            mean += m * k;
            second += m * k * (double) k;
        }
        assertEquals(mean, d.mean().item(), 1e-10 * Math.max(1, mean));
        assertEquals(second - mean * mean, d.variance().item(), 1e-8 * Math.max(1, second));
        assertThrows(UnsupportedOperationException.class, d::entropy);
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> NegativeBinomial.ofProbs(-1, 0.5), "NegativeBinomial", "'totalCount'");
        assertInvalid(() -> NegativeBinomial.ofProbs(3, 1.0), "NegativeBinomial", "'probs'", "lessThan(1)");
        assertInvalid(() -> NegativeBinomial.ofProbs(3, 1.5), "NegativeBinomial", "'probs'");
        assertInvalid(() -> NegativeBinomial.ofLogits(3, Double.POSITIVE_INFINITY), "NegativeBinomial",
                "'logits'");
        NegativeBinomial d = NegativeBinomial.ofProbs(3, 0.5);
        assertInvalid(() -> d.logProb(Tensor.of(-2.0)), "NegativeBinomial", "support");
        assertInvalid(() -> d.logProb(Tensor.of(0.5)), "NegativeBinomial", "support");
        try (ThreadScope off = Validation.disable()) {
            NegativeBinomial.ofProbs(-1, 1.5);
        }
        NegativeBinomial e = NegativeBinomial.ofProbs(vec(1, 2), f64(0.3)).expand(4, 2);
        assertArrayEquals(new int[] {4, 2}, e.batchShape());
        assertArrayEquals(new int[] {3, 4, 2}, e.sample(Rng.of(2), 3).shape());
    }
}
