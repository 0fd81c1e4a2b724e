package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertAllLogClose;
import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
import static io.pplj.dist.DiscreteTestSupport.assertLogClose;
import static io.pplj.dist.DiscreteTestSupport.chiSquarePValue;
import static io.pplj.dist.DiscreteTestSupport.column;
import static io.pplj.dist.DiscreteTestSupport.f64;
import static io.pplj.dist.DiscreteTestSupport.logSigmoid;
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
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Bernoulli: log-mass against Commons Math, logits, edge probabilities, sampling, support, entropy, checks. */
class BernoulliTest {

    @Property(tries = 300)
    void logProbMatchesCommonsMath(@ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p,
                                   @ForAll boolean success) {
        double x = success ? 1 : 0;
        double expected = new BinomialDistribution(null, 1, p).logProbability((int) x);
        assertLogClose(expected, Bernoulli.ofProbs(f64(p)).logProb(f64(x)).item(), "p=" + p + " x=" + x);
    }

    @Property(tries = 50)
    void batchedLogProbBroadcastsAgainstCommonsMath(@ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p0,
                                                    @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p1,
                                                    @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p2) {
        double[] ps = {p0, p1, p2};
        double[] xs = {1, 0, 0, 1};
        Tensor lp = Bernoulli.ofProbs(f64(ps, 3, 1)).logProb(vec(xs));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i * 4 + j] = new BinomialDistribution(null, 1, ps[i]).logProbability((int) xs[j]);
            }
        }
        assertAllLogClose(expected, lp.toDoubleArray(), "batched");
    }

    @Property(tries = 200)
    void logitsMatchTheLogSigmoidFormula(@ForAll @DoubleRange(min = -40, max = 40) @Scale(12) double l,
                                         @ForAll boolean success) {
        Bernoulli d = Bernoulli.ofLogits(f64(l));
        double expected = success ? logSigmoid(l) : logSigmoid(-l);
        assertLogClose(expected, d.logProb(f64(success ? 1 : 0)).item(), "l=" + l);
        assertEquals(1 / (1 + Math.exp(-l)), d.probs().item(), 1e-15);
        assertEquals(l, d.logits().item(), 0.0);
    }

    @Property(tries = 200)
    void logitsAndProbsParameterizationsAgree(@ForAll @DoubleRange(min = -10, max = 10) @Scale(12) double l,
                                              @ForAll boolean success) {
        double p = 1 / (1 + Math.exp(-l));
        Tensor x = f64(success ? 1 : 0);
        Bernoulli byProbs = Bernoulli.ofProbs(f64(p));
        Bernoulli byLogits = Bernoulli.ofLogits(f64(l));
        assertEquals(byLogits.logProb(x).item(), byProbs.logProb(x).item(), 1e-10);
        assertEquals(l, byProbs.logits().item(), 1e-10 * Math.max(1, Math.abs(l)));
        assertEquals(byLogits.entropy().item(), byProbs.entropy().item(), 1e-10);
        assertEquals(byLogits.variance().item(), byProbs.variance().item(), 1e-12);
    }

    @Test
    void edgeProbabilitiesGiveExactMasses() {
        Tensor xs = vec(0, 1);
        assertArrayEquals(new double[] {0.0, Double.NEGATIVE_INFINITY}, Bernoulli.ofProbs(f64(0)).logProb(xs)
                .toDoubleArray());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0.0}, Bernoulli.ofProbs(f64(1)).logProb(xs)
                .toDoubleArray());
        assertArrayEquals(new double[] {0.0, Double.NEGATIVE_INFINITY},
                Bernoulli.ofLogits(f64(Double.NEGATIVE_INFINITY)).logProb(xs).toDoubleArray());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0.0},
                Bernoulli.ofLogits(f64(Double.POSITIVE_INFINITY)).logProb(xs).toDoubleArray());
        assertEquals(0.0, Bernoulli.ofProbs(f64(1)).entropy().item(), 0.0);
        assertEquals(0.0, Bernoulli.ofProbs(f64(0)).entropy().item(), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Bernoulli.ofProbs(f64(0)).logits().item());
        assertEquals(Double.POSITIVE_INFINITY, Bernoulli.ofProbs(f64(1)).logits().item());
        // Gradients stay finite where the mass is 1: d/dp log p at p = 1 is 1.
        Tensor p = f64(1.0).requiresGrad(true);
        Tensor g = Grad.of(Bernoulli.ofProbs(p).logProb(f64(1)), p)[0];
        assertEquals(1.0, g.item(), 0.0);
        Tensor q = f64(0.0).requiresGrad(true);
        assertEquals(-1.0, Grad.of(Bernoulli.ofProbs(q).logProb(f64(0)), q)[0].item(), 0.0);
        Tensor l = f64(0.7).requiresGrad(true);
        double sig = 1 / (1 + Math.exp(-0.7));
        assertEquals(1 - sig, Grad.of(Bernoulli.ofLogits(l).logProb(f64(1)), l)[0].item(), 1e-15);
    }

    @Test
    void valuesMayBeBoolOrInt64AndFloat32ParametersStayFloat32() {
        Bernoulli d = Bernoulli.ofProbs(Tensor.of(0.25));
        Tensor fromBool = d.logProb(Tensor.ofBooleans(new boolean[] {true}, 1));
        Tensor fromLong = d.logProb(Tensor.ofLongs(1));
        assertEquals(DType.FLOAT32, fromBool.dtype());
        assertEquals(Math.log(0.25), fromBool.item(), 1e-6);
        assertEquals(Math.log(0.25), fromLong.item(), 1e-6);
        assertEquals(DType.FLOAT32, d.sample(Rng.of(1), 3).dtype());
    }

    @Test
    void samplesPassChiSquare() {
        double[] ps = {0.3, 0.02, 0.9};
        Bernoulli d = Bernoulli.ofProbs(vec(ps));
        int n = 20_000;
        Tensor x = d.sample(Rng.of(11), n);
        assertArrayEquals(new int[] {n, 3}, x.shape());
        assertEquals(DType.FLOAT64, x.dtype());
        for (int j = 0; j < 3; j++) {
            double p = ps[j];
            double pv = chiSquarePValue(column(x.toDoubleArray(), 3, j), k -> k == 0 ? 1 - p : k == 1 ? p : 0);
            assertTrue(pv > 1e-6, "p=" + p + ": chi-square p-value " + pv);
        }
        assertEquals(0.0, Bernoulli.ofProbs(f64(0)).sample(Rng.of(1), 100).sum().item());
        assertEquals(100.0, Bernoulli.ofProbs(f64(1)).sample(Rng.of(1), 100).sum().item());
    }

    @Test
    void enumerateSupportHasPyTorchShapes() {
        Bernoulli d = Bernoulli.ofProbs(f64(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, 3));
        assertTrue(d.hasEnumerateSupport());
        Tensor values = d.enumerateSupport(false);
        assertArrayEquals(new int[] {2, 1, 1}, values.shape());
        assertArrayEquals(new double[] {0, 1}, values.toDoubleArray());
        assertEquals(DType.FLOAT64, values.dtype());
        Tensor expanded = d.enumerateSupport(true);
        assertArrayEquals(new int[] {2, 2, 3}, expanded.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, expanded.toDoubleArray());
        Tensor total = d.logProb(values).exp().sum(0);
        assertTrue(total.allClose(Tensor.ones(DType.FLOAT64, 2, 3), 0, 1e-15), total.toString());
    }

    @Property(tries = 100)
    void entropyAndMomentsEqualSumsOverTheSupport(@ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double p) {
        Bernoulli d = Bernoulli.ofProbs(f64(p));
        double[] lp = d.logProb(vec(0, 1)).toDoubleArray();
        double h = 0;
        double mean = 0;
        double second = 0;
        for (int x = 0; x < 2; x++) {
            double m = Math.exp(lp[x]);
            h -= m == 0 ? 0 : m * lp[x];
            mean += m * x;
            second += m * x * x;
        }
        assertEquals(h, d.entropy().item(), 1e-12);
        assertEquals(mean, d.mean().item(), 1e-15);
        assertEquals(second - mean * mean, d.variance().item(), 1e-15);
    }

    @Test
    void expandKeepsTheFamily() {
        Bernoulli d = Bernoulli.ofProbs(f64(new double[] {0.2, 0.7}, 2, 1)).expand(3, 2, 4);
        assertArrayEquals(new int[] {3, 2, 4}, d.batchShape());
        assertArrayEquals(new int[] {5, 3, 2, 4}, d.sample(Rng.of(3), 5).shape());
        assertEquals(0.7, d.mean().toDoubleArray()[23], 1e-15);
        assertArrayEquals(new int[] {3, 2, 4}, d.logProb(f64(1)).shape());
    }

    @Test
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Bernoulli.ofProbs(vec(0.5, 1.5)), "Bernoulli", "'probs'", "unitInterval", "1.5");
        assertInvalid(() -> Bernoulli.ofProbs(-0.1), "Bernoulli", "'probs'");
        assertInvalid(() -> Bernoulli.ofLogits(f64(Double.NaN)), "Bernoulli", "'logits'");
        Bernoulli d = Bernoulli.ofProbs(0.3);
        assertInvalid(() -> d.logProb(Tensor.of(0.5)), "Bernoulli", "support", "0.5");
        assertInvalid(() -> d.logProb(Tensor.of(2.0)), "Bernoulli", "support");
        assertInvalid(() -> d.logProb(Tensor.of(-1.0)), "Bernoulli", "support");
        assertThrows(IllegalArgumentException.class, () -> Bernoulli.ofProbs(Tensor.zeros(3)).logProb(
                Tensor.zeros(4)));
    }

    @Test
    @SuppressWarnings("try")
    void disabledValidationSkipsChecksAndScoresFractionalTargets() {
        try (ThreadScope off = Validation.disable()) {
            Bernoulli bad = Bernoulli.ofProbs(f64(1.5));
            assertTrue(Double.isNaN(bad.logProb(f64(0)).item()));
            Bernoulli d = Bernoulli.ofProbs(f64(0.3));
            double expected = 0.25 * Math.log(0.3) + 0.75 * Math.log(0.7);
            assertEquals(expected, d.logProb(f64(0.25)).item(), 1e-15);
            assertFalse(Validation.isEnabled());
        }
        assertTrue(Validation.isEnabled());
    }

    @Test
    void factoriesAgree() {
        assertEquals(Bernoulli.of(0.25).probs().item(), Bernoulli.ofProbs(Tensor.scalar(0.25)).probs().item());
        assertEquals(DType.FLOAT32, Bernoulli.ofLogits(0.0).logits().dtype());
        assertEquals(0.5, Bernoulli.ofLogits(0.0).probs().item(), 0.0);
        Bernoulli d = Bernoulli.of(vec(0.1, 0.2));
        assertArrayEquals(new int[] {2}, d.expand(2).batchShape());
        assertEquals(Constraint.bool(), d.support());
    }
}
