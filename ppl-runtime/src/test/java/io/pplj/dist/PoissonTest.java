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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/** Poisson: log-mass against Commons Math, rate 0, sampling, moments, checks. */
class PoissonTest {

    @Property(tries = 300)
    void logProbMatchesCommonsMath(@ForAll @DoubleRange(min = 1e-3, max = 1000) @Scale(12) double rate,
                                   @ForAll @IntRange(min = 0, max = 3000) int k) {
        double expected = new PoissonDistribution(rate).logProbability(k);
        assertLogClose(expected, Poisson.of(f64(rate)).logProb(f64(k)).item(), "rate=" + rate + " k=" + k);
    }

    @Property(tries = 50)
    void batchedLogProbBroadcastsAgainstCommonsMath(@ForAll @DoubleRange(min = 1e-2, max = 50) @Scale(12) double r0,
                                                    @ForAll @DoubleRange(min = 1e-2, max = 50) @Scale(12) double r1,
                                                    @ForAll @DoubleRange(min = 1e-2, max = 50) @Scale(12) double r2) {
        double[] rates = {r0, r1, r2};
        double[] ks = {0, 3, 10, 40};
        Tensor lp = Poisson.of(f64(rates, 3, 1)).logProb(vec(ks));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i * 4 + j] = new PoissonDistribution(rates[i]).logProbability((int) ks[j]);
            }
        }
        assertAllLogClose(expected, lp.toDoubleArray(), "batched");
    }

    @Test
    void rateZeroIsAPointMassAtZero() {
        Poisson d = Poisson.of(f64(0));
        assertArrayEquals(new double[] {0.0, Double.NEGATIVE_INFINITY}, d.logProb(vec(0, 2)).toDoubleArray());
        assertEquals(0.0, d.sample(Rng.of(1), 50).abs().sum().item(), 0.0);
        Tensor rate = f64(0.0).requiresGrad(true);
        double g = Grad.of(Poisson.of(rate).logProb(f64(0)), rate)[0].item();
        assertEquals(-1.0, g, 0.0);
    }

    @Test
    void samplesPassChiSquare() {
        double[] rates = {0.5, 4, 30, 250};
        int draws = 20_000;
        Tensor x = Poisson.of(vec(rates)).sample(Rng.of(31), draws);
        assertArrayEquals(new int[] {draws, 4}, x.shape());
        assertEquals(DType.FLOAT64, x.dtype());
        for (int j = 0; j < rates.length; j++) {
            PoissonDistribution ref = new PoissonDistribution(rates[j]);
            double pv = chiSquarePValue(column(x.toDoubleArray(), 4, j), ref::probability);
            assertTrue(pv > 1e-6, "rate=" + rates[j] + ": chi-square p-value " + pv);
        }
    }

    @Test
    void momentsAndShapes() {
        Poisson d = Poisson.of(f64(new double[] {1, 2, 3}, 3, 1)).expand(3, 4);
        assertArrayEquals(new int[] {3, 4}, d.batchShape());
        assertArrayEquals(new int[] {3, 4}, d.mean().shape());
        assertEquals(3.0, d.variance().toDoubleArray()[11], 0.0);
        assertArrayEquals(new int[] {2, 3, 4}, d.sample(Rng.of(5), 2).shape());
        assertFalse(d.hasEnumerateSupport());
        assertThrows(UnsupportedOperationException.class, d::entropy);
        assertEquals(Constraint.nonNegativeInteger(), d.support());
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Poisson.of(vec(1, -2)), "Poisson", "'rate'", "nonNegative", "-2");
        assertInvalid(() -> Poisson.of(Double.NaN), "Poisson", "'rate'");
        Poisson d = Poisson.of(2.0);
        assertInvalid(() -> d.logProb(Tensor.of(-1.0)), "Poisson", "support", "-1");
        assertInvalid(() -> d.logProb(Tensor.of(1.5)), "Poisson", "support", "1.5");
        assertEquals(Math.log(2) - 2, d.logProb(Tensor.ofLongs(1)).item(), 1e-6);
        try (ThreadScope off = Validation.disable()) {
            Poisson.of(-1.0);
            assertTrue(Double.isFinite(d.logProb(Tensor.of(1.5)).item()));
        }
    }
}
