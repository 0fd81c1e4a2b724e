package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertAllLogClose;
import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
import static io.pplj.dist.DiscreteTestSupport.chiSquarePValue;
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
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Categorical: log-mass against normalized weights, logits, zero weights, sampling, enumeration, entropy, checks. */
class CategoricalTest {

    static double[] unbox(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static long[] indices(int k) {
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = i;
        }
        return out;
    }

    @Property(tries = 300)
    void logProbEqualsTheLogOfTheNormalizedWeight(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> weights) {
        double[] w = unbox(weights);
        double total = java.util.Arrays.stream(w).sum();
        Assume.that(total > 0);
        double[] expected = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            expected[i] = Math.log(w[i] / total);
        }
        Categorical d = Categorical.ofProbs(vec(w));
        assertAllLogClose(expected, d.logProb(Tensor.ofLongs(indices(w.length))).toDoubleArray(), "weights");
        assertAllLogClose(expected, d.logits().toDoubleArray(), "logits()");
        double[] probs = d.probs().toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] / total, probs[i], 1e-15);
        }
    }

    @Property(tries = 300)
    void logitsGiveLogSoftmax(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -30, max = 30) @Scale(9) Double> logits) {
        double[] l = unbox(logits);
        double max = java.util.Arrays.stream(l).max().orElseThrow();
        double lse = 0;
        for (double v : l) {
            lse += Math.exp(v - max);
        }
        lse = max + Math.log(lse);
        double[] expected = new double[l.length];
        double[] weights = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            expected[i] = l[i] - lse;
            weights[i] = Math.exp(expected[i]);
        }
        Categorical byLogits = Categorical.ofLogits(vec(l));
        Tensor all = Tensor.ofLongs(indices(l.length));
        assertAllLogClose(expected, byLogits.logProb(all).toDoubleArray(), "logits");
        // The same distribution given by probabilities agrees to rounding (the weights went through exp).
        double[] byProbs = Categorical.ofProbs(vec(weights)).logProb(all).toDoubleArray();
        for (int i = 0; i < l.length; i++) {
            assertEquals(expected[i], byProbs[i], 1e-12 * Math.max(1, Math.abs(expected[i])));
        }
        assertEquals(Categorical.ofProbs(vec(weights)).entropy().item(), byLogits.entropy().item(), 1e-12);
    }

    @Test
    void batchedLogProbBroadcasts() {
        double[] w = {1, 2, 3, 4, 0, 4, 5, 1, 1};
        Categorical d = Categorical.ofProbs(f64(w, 3, 1, 3));
        assertArrayEquals(new int[] {3, 1}, d.batchShape());
        Tensor lp = d.logProb(Tensor.ofLongs(0, 1, 2, 1));
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        double[] got = lp.toDoubleArray();
        long[] ks = {0, 1, 2, 1};
        for (int i = 0; i < 3; i++) {
            double total = w[3 * i] + w[3 * i + 1] + w[3 * i + 2];
            for (int j = 0; j < 4; j++) {
                double expected = Math.log(w[3 * i + (int) ks[j]] / total);
                assertEquals(expected, got[4 * i + j], 1e-15, "row " + i + " value " + ks[j]);
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, got[4 + 1]);
        // Integer-valued float values score the same.
        assertArrayEquals(got, d.logProb(vec(0, 1, 2, 1)).toDoubleArray());
    }

    @Test
    void zeroWeightsGiveMinusInfinityAndFiniteGradients() {
        Tensor w = vec(0.0, 1.0, 3.0).requiresGrad(true);
        Categorical d = Categorical.ofProbs(w);
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.ofLongs(0)).item());
        Tensor g = Grad.of(d.logProb(Tensor.ofLongs(2)), w)[0];
        // d/dw log(w_2 / sum w) = [0, 0, 1/w_2] - 1/sum w
        assertArrayEquals(new double[] {-0.25, -0.25, 1.0 / 3 - 0.25}, g.toDoubleArray(), 1e-15);
        assertEquals(0.0, Categorical.ofProbs(vec(0, 1, 0)).entropy().item(), 0.0);
        Tensor ge = Grad.of(Categorical.ofProbs(w).entropy(), w)[0];
        assertTrue(ge.isFinite().all().item() != 0.0, ge.toString());
        Categorical masked = Categorical.ofLogits(vec(Double.NEGATIVE_INFINITY, 0.0, 0.0));
        assertArrayEquals(new double[] {0, 0.5, 0.5}, masked.probs().toDoubleArray(), 1e-15);
        assertEquals(Math.log(2), masked.entropy().item(), 1e-15);
    }

    @Test
    void samplesAreInt64AndPassChiSquare() {
        double[][] ps = {{0.1, 0.2, 0.3, 0.4, 0.0}, {0.5, 0.02, 0.03, 0.05, 0.4}};
        Categorical d = Categorical.ofProbs(f64(new double[] {1, 2, 3, 4, 0, 50, 2, 3, 5, 40}, 2, 5));
        int draws = 20_000;
        Tensor x = d.sample(Rng.of(61), draws);
        assertEquals(DType.INT64, x.dtype());
        assertArrayEquals(new int[] {draws, 2}, x.shape());
        double[] all = x.toDoubleArray();
        for (int row = 0; row < 2; row++) {
            double[] p = ps[row];
            double pv = chiSquarePValue(DiscreteTestSupport.column(all, 2, row), k -> k < 5 ? p[k] : 0);
            assertTrue(pv > 1e-6, "row " + row + ": chi-square p-value " + pv);
        }
        assertEquals(0.0, x.select(1, 0).eq(4.0).asType(DType.FLOAT64).sum().item(), 0.0,
                "category of weight 0 drawn");
        Tensor y = Categorical.ofLogits(vec(0.5, -1, 2)).sample(Rng.of(62), draws);
        double[] soft = Tensor.of(new double[] {0.5, -1, 2}, DType.FLOAT64, 3).softmax(0).toDoubleArray();
        double pv = chiSquarePValue(y.toDoubleArray(), k -> k < 3 ? soft[k] : 0);
        assertTrue(pv > 1e-6, "logits: chi-square p-value " + pv);
    }

    @Test
    void enumerateSupportHasPyTorchShapes() {
        Categorical d = Categorical.ofProbs(Tensor.ones(DType.FLOAT64, 2, 3, 4));
        assertTrue(d.hasEnumerateSupport());
        Tensor values = d.enumerateSupport(false);
        assertEquals(DType.INT64, values.dtype());
        assertArrayEquals(new int[] {4, 1, 1}, values.shape());
        assertArrayEquals(new long[] {0, 1, 2, 3}, values.toLongArray());
        Tensor expanded = d.enumerateSupport(true);
        assertArrayEquals(new int[] {4, 2, 3}, expanded.shape());
        assertEquals(3L, expanded.toLongArray()[23]);
        Tensor lp = d.logProb(values);
        assertArrayEquals(new int[] {4, 2, 3}, lp.shape());
        assertTrue(lp.exp().sum(0).allClose(Tensor.ones(DType.FLOAT64, 2, 3), 0, 1e-15));
    }

    @Property(tries = 100)
    void entropyEqualsTheSumOverTheSupport(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> weights) {
        double[] w = unbox(weights);
        Assume.that(java.util.Arrays.stream(w).sum() > 0);
        Categorical d = Categorical.ofProbs(vec(w));
        double[] lp = d.logProb(Tensor.ofLongs(indices(w.length))).toDoubleArray();
        double h = 0;
        for (double v : lp) {
            h -= v == Double.NEGATIVE_INFINITY ? 0 : Math.exp(v) * v;
        }
        assertEquals(h, d.entropy().item(), 1e-13 * Math.max(1, h));
    }

    @Test
    void shapesExpandAndMoments() {
        Categorical d = Categorical.ofLogits(Tensor.zeros(DType.FLOAT64, 3, 1, 5));
        assertEquals(5, d.numCategories());
        Categorical e = d.expand(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, e.batchShape());
        assertArrayEquals(new int[] {2, 3, 4, 5}, e.probs().shape());
        assertArrayEquals(new int[] {6, 2, 3, 4}, e.sample(Rng.of(3), 6).shape());
        assertArrayEquals(new int[] {2, 3, 4}, e.entropy().shape());
        assertEquals(Math.log(5), e.entropy().toDoubleArray()[0], 1e-15);
        assertThrows(UnsupportedOperationException.class, d::mean);
        assertThrows(UnsupportedOperationException.class, d::variance);
        assertEquals(DType.FLOAT32, Categorical.of(1, 2).probs().dtype());
        assertArrayEquals(new double[] {0.25, 0.75}, Categorical.of(1, 3).probs().toDoubleArray(), 1e-7);
        assertArrayEquals(new double[] {0.5, 0.5}, Categorical.ofLogits(2, 2).probs().toDoubleArray(), 1e-7);
        assertTrue(d.support().isDiscrete());
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> Categorical.ofProbs(vec(0.5, -0.1, 0.6)), "Categorical", "'probs'", "non-negative");
        assertInvalid(() -> Categorical.ofProbs(f64(new double[] {1, 2, 0, 0}, 2, 2)), "Categorical", "'probs'",
                "positive sum", "1 of 2");
        assertInvalid(() -> Categorical.ofProbs(vec(1, Double.POSITIVE_INFINITY)), "Categorical", "'probs'");
        assertInvalid(() -> Categorical.ofLogits(vec(0, Double.NaN)), "Categorical", "'logits'");
        assertInvalid(() -> Categorical.ofProbs(f64(0.5)), "Categorical", "'probs'", "dimension");
        Categorical d = Categorical.ofProbs(vec(0.2, 0.3, 0.5));
        assertInvalid(() -> d.logProb(Tensor.ofLongs(3)), "Categorical", "support", "integerInterval(0, 2)");
        assertInvalid(() -> d.logProb(Tensor.ofLongs(-1)), "Categorical", "support");
        assertInvalid(() -> d.logProb(vec(1.5)), "Categorical", "support", "1.5");
        try (ThreadScope off = Validation.disable()) {
            Categorical bad = Categorical.ofProbs(f64(new double[] {0, 0}, 2));
            assertTrue(Double.isNaN(bad.probs().toDoubleArray()[0]));
            assertFalse(Validation.isEnabled());
        }
    }
}
