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
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Binomial: log-mass against Commons Math, logits, edges, sampling, support enumeration, entropy, checks. */
class BinomialTest {

    @Property(tries = 300)
    void logProbMatchesCommonsMath(@ForAll @IntRange(min = 0, max = 2000) int n,
                                   @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p,
                                   @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double position) {
        int k = (int) Math.round(position * n);
        double expected = new BinomialDistribution(null, n, p).logProbability(k);
        double got = Binomial.ofProbs(f64(n), f64(p)).logProb(f64(k)).item();
        assertLogClose(expected, got, "n=" + n + " p=" + p + " k=" + k);
    }

    @Property(tries = 50)
    void batchedLogProbBroadcastsAgainstCommonsMath(@ForAll @IntRange(min = 3, max = 60) int n0,
                                                    @ForAll @IntRange(min = 3, max = 60) int n1,
                                                    @ForAll @IntRange(min = 3, max = 60) int n2,
                                                    @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p) {
        double[] ns = {n0, n1, n2};
        double[] ps = {p, 0.5 * p, 1 - p};
        double[] ks = {0, 1, 2, 3};
        Tensor lp = Binomial.ofProbs(f64(ns, 3, 1), f64(ps, 3, 1)).logProb(vec(ks));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i * 4 + j] = new BinomialDistribution(null, (int) ns[i], ps[i]).logProbability((int) ks[j]);
            }
        }
        assertAllLogClose(expected, lp.toDoubleArray(), "batched");
    }

    @Property(tries = 200)
    void logitsAndProbsParameterizationsAgree(@ForAll @IntRange(min = 0, max = 100) int n,
                                              @ForAll @DoubleRange(min = -10, max = 10) @Scale(12) double l,
                                              @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double position) {
        double p = 1 / (1 + Math.exp(-l));
        int k = (int) Math.round(position * n);
        double byProbs = Binomial.ofProbs(n, f64(p)).logProb(f64(k)).item();
        double byLogits = Binomial.ofLogits(n, f64(l)).logProb(f64(k)).item();
        assertEquals(byProbs, byLogits, 1e-10 * Math.max(1, Math.abs(byProbs)));
        assertEquals(p, Binomial.ofLogits(n, f64(l)).probs().item(), 1e-15);
        assertEquals(l, Binomial.ofProbs(n, f64(p)).logits().item(), 1e-10 * Math.max(1, Math.abs(l)));
    }

    @Test
    void edgeProbabilitiesAndZeroTrialsGiveExactMasses() {
        Tensor ks = vec(0, 1, 5);
        double ninf = Double.NEGATIVE_INFINITY;
        assertArrayEquals(new double[] {0, ninf, ninf}, Binomial.ofProbs(5, f64(0)).logProb(ks).toDoubleArray());
        assertArrayEquals(new double[] {ninf, ninf, 0}, Binomial.ofProbs(5, f64(1)).logProb(ks).toDoubleArray());
        assertArrayEquals(new double[] {ninf, ninf, 0},
                Binomial.ofLogits(5, f64(Double.POSITIVE_INFINITY)).logProb(ks).toDoubleArray());
        assertArrayEquals(new double[] {0, ninf, ninf},
                Binomial.ofLogits(5, f64(Double.NEGATIVE_INFINITY)).logProb(ks).toDoubleArray());
        assertEquals(0.0, Binomial.ofProbs(0, f64(0.3)).logProb(f64(0)).item(), 0.0);
        Tensor p = f64(1.0).requiresGrad(true);
        assertEquals(5.0, Grad.of(Binomial.ofProbs(5, p).logProb(f64(5)), p)[0].item(), 0.0);
    }

    @Test
    void samplesPassChiSquare() {
        double[] ns = {10, 100, 50, 1000};
        double[] ps = {0.3, 0.4, 0.95, 0.002};
        Binomial d = Binomial.ofProbs(vec(ns), vec(ps));
        int draws = 20_000;
        Tensor x = d.sample(Rng.of(21), draws);
        assertArrayEquals(new int[] {draws, 4}, x.shape());
        for (int j = 0; j < 4; j++) {
            BinomialDistribution ref = new BinomialDistribution(null, (int) ns[j], ps[j]);
            double pv = chiSquarePValue(column(x.toDoubleArray(), 4, j), ref::probability);
            assertTrue(pv > 1e-6, "n=" + ns[j] + " p=" + ps[j] + ": chi-square p-value " + pv);
        }
        Tensor broadcast = Binomial.ofProbs(f64(new double[] {3, 7}, 2, 1), vec(0.5, 0.1, 0.9)).sample(Rng.of(2), 4);
        assertArrayEquals(new int[] {4, 2, 3}, broadcast.shape());
        assertTrue(broadcast.le(f64(new double[] {3, 7}, 2, 1)).all().item() != 0.0);
    }

    @Test
    void enumerateSupportNeedsOneTotalCount() {
        Binomial d = Binomial.ofProbs(3, vec(0.2, 0.5));
        assertTrue(d.hasEnumerateSupport());
        Tensor values = d.enumerateSupport(false);
        assertArrayEquals(new int[] {4, 1}, values.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3}, values.toDoubleArray());
        assertArrayEquals(new int[] {4, 2}, d.enumerateSupport(true).shape());
        Tensor total = d.logProb(values).exp().sum(0);
        assertTrue(total.allClose(Tensor.ones(DType.FLOAT64, 2), 0, 1e-14), total.toString());
        Binomial mixed = Binomial.ofProbs(vec(3, 4), vec(0.2, 0.5));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> mixed.enumerateSupport(false));
        assertTrue(e.getMessage().contains("Binomial") && e.getMessage().contains("totalCount"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, mixed::entropy);
    }

    @Property(tries = 100)
    void entropyAndMomentsEqualSumsOverTheSupport(@ForAll @IntRange(min = 0, max = 60) int n,
                                                  @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p) {
        Binomial d = Binomial.ofProbs(n, f64(p));
        BinomialDistribution ref = new BinomialDistribution(null, n, p);
        double h = 0;
        double mean = 0;
        double second = 0;
        for (int k = 0; k <= n; k++) {
            double m = ref.probability(k);
            h -= m == 0 ? 0 : m * Math.log(m);
            mean += m * k;
            second += m * k * (double) k;
        }
        assertEquals(h, d.entropy().item(), 1e-11 * Math.max(1, h));
        assertEquals(mean, d.mean().item(), 1e-12 * Math.max(1, mean));
        assertEquals(second - mean * mean, d.variance().item(), 1e-9 * Math.max(1, second));
    }

    @Test
    void expandKeepsTheFamily() {
        Binomial d = Binomial.ofProbs(f64(new double[] {4, 9}, 2, 1), f64(0.5)).expand(3, 2, 5);
        assertArrayEquals(new int[] {3, 2, 5}, d.batchShape());
        assertArrayEquals(new int[] {7, 3, 2, 5}, d.sample(Rng.of(8), 7).shape());
        assertEquals(4.5, d.mean().toDoubleArray()[29], 0.0);
        assertArrayEquals(new int[] {3, 2, 5}, d.totalCount().shape());
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Binomial.ofProbs(10, 1.5), "Binomial", "'probs'", "1.5");
        assertInvalid(() -> Binomial.ofProbs(2.5, 0.5), "Binomial", "'totalCount'", "2.5");
        assertInvalid(() -> Binomial.ofProbs(-1, 0.5), "Binomial", "'totalCount'");
        assertInvalid(() -> Binomial.ofLogits(3, Double.NaN), "Binomial", "'logits'");
        assertInvalid(() -> Binomial.ofProbs(vec(1, 2), vec(0.1, 0.2, 0.3)), "Binomial", "broadcast");
        Binomial d = Binomial.ofProbs(vec(3, 5), vec(0.5, 0.5));
        assertInvalid(() -> d.logProb(vec(4, 4)), "Binomial", "support", "1 of 2");
        assertInvalid(() -> d.logProb(f64(-1)), "Binomial", "support");
        assertInvalid(() -> d.logProb(f64(1.5)), "Binomial", "support");
        try (ThreadScope off = Validation.disable()) {
            Binomial.ofProbs(2.5, 1.5);
            assertTrue(d.logProb(vec(4, 4)).toDoubleArray().length == 2);
        }
    }
}
