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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.GeometricDistribution;
import org.junit.jupiter.api.Test;

/**
 * Geometric (failures before the first success): log-mass against Commons Math (which counts failures too), logits,
 * sampling, moments and entropy against sums over the support, checks.
 */
class GeometricTest {

    @Test
    void commonsMathCountsFailuresToo() {
        GeometricDistribution ref = new GeometricDistribution(null, 0.25);
        assertEquals(0.25, ref.probability(0), 1e-16);
        assertEquals(0.75 * 0.25, ref.probability(1), 1e-16);
        assertEquals(Math.log(0.25), Geometric.ofProbs(f64(0.25)).logProb(f64(0)).item(), 1e-16);
    }

    /**
     * Commons Math's log-mass, except at p = 1, where Commons computes {@code 0 * log(0)} as NaN: there the mass is
     * 1 at 0 and 0 elsewhere.
     */
    private static double commonsLogProbability(double p, int k) {
        if (p == 1) {
            return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        return new GeometricDistribution(null, p).logProbability(k);
    }

    @Property(tries = 300)
    void logProbMatchesCommonsMath(@ForAll @DoubleRange(min = 1e-9, max = 1) @Scale(12) double p,
                                   @ForAll @IntRange(min = 0, max = 100_000) int k) {
        double expected = commonsLogProbability(p, k);
        assertLogClose(expected, Geometric.ofProbs(f64(p)).logProb(f64(k)).item(), "p=" + p + " k=" + k);
    }

    @Property(tries = 50)
    void batchedLogProbBroadcastsAgainstCommonsMath(@ForAll @DoubleRange(min = 1e-3, max = 1) @Scale(12) double p0,
                                                    @ForAll @DoubleRange(min = 1e-3, max = 1) @Scale(12) double p1,
                                                    @ForAll @DoubleRange(min = 1e-3, max = 1) @Scale(12) double p2) {
        double[] ps = {p0, p1, p2};
        double[] ks = {0, 1, 7, 300};
        Tensor lp = Geometric.ofProbs(f64(ps, 3, 1)).logProb(vec(ks));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i * 4 + j] = commonsLogProbability(ps[i], (int) ks[j]);
            }
        }
        assertAllLogClose(expected, lp.toDoubleArray(), "batched");
    }

    @Property(tries = 200)
    void logitsAndProbsParameterizationsAgree(@ForAll @DoubleRange(min = -10, max = 10) @Scale(12) double l,
                                              @ForAll @IntRange(min = 0, max = 1000) int k) {
        double p = 1 / (1 + Math.exp(-l));
        Geometric byProbs = Geometric.ofProbs(f64(p));
        Geometric byLogits = Geometric.ofLogits(f64(l));
        double a = byProbs.logProb(f64(k)).item();
        assertEquals(a, byLogits.logProb(f64(k)).item(), 1e-10 * Math.max(1, Math.abs(a)));
        assertEquals(byProbs.mean().item(), byLogits.mean().item(), 1e-10 * Math.max(1, byProbs.mean().item()));
        assertEquals(byProbs.entropy().item(), byLogits.entropy().item(), 1e-10 * Math.max(1,
                byProbs.entropy().item()));
    }

    @Test
    void successProbabilityOneIsAPointMassAtZero() {
        Geometric d = Geometric.ofProbs(f64(1));
        assertArrayEquals(new double[] {0.0, Double.NEGATIVE_INFINITY}, d.logProb(vec(0, 3)).toDoubleArray());
        assertEquals(0.0, d.sample(Rng.of(3), 100).abs().sum().item(), 0.0);
        assertEquals(0.0, d.entropy().item(), 0.0);
        assertEquals(0.0, d.mean().item(), 0.0);
        Geometric byLogits = Geometric.ofLogits(f64(Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {0.0, Double.NEGATIVE_INFINITY}, byLogits.logProb(vec(0, 3)).toDoubleArray());
    }

    @Test
    void samplesPassChiSquare() {
        double[] ps = {0.3, 0.05, 0.9, 0.001};
        int draws = 20_000;
        Tensor x = Geometric.ofProbs(vec(ps)).sample(Rng.of(41), draws);
        assertArrayEquals(new int[] {draws, 4}, x.shape());
        for (int j = 0; j < ps.length; j++) {
            GeometricDistribution ref = new GeometricDistribution(null, ps[j]);
            double pv = chiSquarePValue(column(x.toDoubleArray(), 4, j), ref::probability);
            assertTrue(pv > 1e-6, "p=" + ps[j] + ": chi-square p-value " + pv);
        }
        Tensor y = Geometric.ofLogits(f64(-1.0)).sample(Rng.of(42), draws);
        GeometricDistribution ref = new GeometricDistribution(null, 1 / (1 + Math.exp(1.0)));
        double pv = chiSquarePValue(y.toDoubleArray(), ref::probability);
        assertTrue(pv > 1e-6, "logits -1: chi-square p-value " + pv);
    }

    @Property(tries = 60)
    void entropyAndMomentsEqualSumsOverTheSupport(@ForAll @DoubleRange(min = 0.05, max = 1) @Scale(12) double p) {
        Geometric d = Geometric.ofProbs(f64(p));
        double h = 0;
        double mean = 0;
        double second = 0;
        for (int k = 0; k < 3000; k++) {
            double m = p * Math.pow(1 - p, k);
            h -= m == 0 ? 0 : m * Math.log(m);
            mean += m * k;
            second += m * k * (double) k;
        }
        assertEquals(h, d.entropy().item(), 1e-11 * Math.max(1, h));
        assertEquals(mean, d.mean().item(), 1e-11 * Math.max(1, mean));
        assertEquals(second - mean * mean, d.variance().item(), 1e-9 * Math.max(1, second));
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Geometric.ofProbs(1.5), "Geometric", "'probs'", "unitInterval");
        assertInvalid(() -> Geometric.ofProbs(vec(0.5, 0.0)), "Geometric", "'probs'", "positive");
        assertInvalid(() -> Geometric.ofLogits(Double.NEGATIVE_INFINITY), "Geometric", "'logits'");
        assertInvalid(() -> Geometric.ofLogits(Double.NaN), "Geometric", "'logits'");
        Geometric d = Geometric.ofProbs(0.5);
        assertInvalid(() -> d.logProb(Tensor.of(-1.0)), "Geometric", "support");
        assertInvalid(() -> d.logProb(Tensor.of(2.5)), "Geometric", "support");
        try (ThreadScope off = Validation.disable()) {
            Geometric.ofProbs(0.0);
            assertEquals(2.5 * Math.log(0.5) + Math.log(0.5), d.logProb(Tensor.of(2.5)).item(), 1e-6);
        }
        assertArrayEquals(new int[] {2, 3}, Geometric.of(vec(0.1, 0.2, 0.3)).expand(2, 3).batchShape());
    }
}
