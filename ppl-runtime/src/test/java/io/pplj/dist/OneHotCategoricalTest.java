package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
import static io.pplj.dist.DiscreteTestSupport.chiSquarePValue;
import static io.pplj.dist.DiscreteTestSupport.f64;
import static io.pplj.dist.DiscreteTestSupport.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
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

/** OneHotCategorical: one-hot values scored as their index, draws, enumeration, moments, entropy, checks. */
class OneHotCategoricalTest {

    @Property(tries = 200)
    void logProbOfOneHotVectorsEqualsTheCategoricalLogProb(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> weights) {
        double[] w = CategoricalTest.unbox(weights);
        Assume.that(java.util.Arrays.stream(w).sum() > 0);
        int k = w.length;
        OneHotCategorical d = OneHotCategorical.ofProbs(vec(w));
        Categorical c = Categorical.ofProbs(vec(w));
        Tensor eye = Tensor.arange(k).oneHot(k, DType.FLOAT64);
        assertArrayEquals(c.logProb(Tensor.arange(k)).toDoubleArray(), d.logProb(eye).toDoubleArray());
        double h = 0;
        for (double v : d.logProb(eye).toDoubleArray()) {
            h -= v == Double.NEGATIVE_INFINITY ? 0 : Math.exp(v) * v;
        }
        assertEquals(h, d.entropy().item(), 1e-13 * Math.max(1, h));
        double[] p = d.mean().toDoubleArray();
        double[] var = d.variance().toDoubleArray();
        for (int i = 0; i < k; i++) {
            assertEquals(p[i] * (1 - p[i]), var[i], 1e-16);
        }
    }

    @Test
    void shapesAndBatchedScoring() {
        OneHotCategorical d = OneHotCategorical.ofLogits(f64(new double[] {0, 1, 2, 2, 1, 0}, 2, 1, 3));
        assertArrayEquals(new int[] {2, 1}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        Tensor values = f64(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, 4, 3);
        Tensor lp = d.logProb(values);
        assertArrayEquals(new int[] {2, 4}, lp.shape());
        Tensor idx = Tensor.ofLongs(0, 2, 1, 2);
        assertTrue(lp.allClose(d.categorical().logProb(idx), 0, 0));
        Tensor draws = d.sample(Rng.of(4), 5);
        assertArrayEquals(new int[] {5, 2, 1, 3}, draws.shape());
        assertEquals(DType.FLOAT64, draws.dtype());
        assertTrue(draws.sum(-1).eq(1.0).all().item() != 0.0);
        assertArrayEquals(new int[] {6, 4, 2, 5, 3}, d.expand(4, 2, 5).sample(Rng.of(1), 6).shape());
    }

    @Test
    void samplesPassChiSquare() {
        double[] p = {0.1, 0.6, 0.3};
        OneHotCategorical d = OneHotCategorical.ofProbs(vec(p));
        int draws = 20_000;
        Tensor x = d.sample(Rng.of(71), draws);
        assertTrue(Constraint.independent(Constraint.bool(), 1).check(x).all().item() != 0.0);
        double pv = chiSquarePValue(x.argmax(-1).toDoubleArray(), k -> k < 3 ? p[k] : 0);
        assertTrue(pv > 1e-6, "chi-square p-value " + pv);
    }

    @Test
    void enumerateSupportHasPyTorchShapes() {
        OneHotCategorical d = OneHotCategorical.ofProbs(Tensor.ones(DType.FLOAT64, 2, 3));
        Tensor values = d.enumerateSupport(false);
        assertArrayEquals(new int[] {3, 1, 3}, values.shape());
        assertEquals(DType.FLOAT64, values.dtype());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, values.toDoubleArray());
        Tensor expanded = d.enumerateSupport(true);
        assertArrayEquals(new int[] {3, 2, 3}, expanded.shape());
        assertTrue(d.logProb(values).exp().sum(0).allClose(Tensor.ones(DType.FLOAT64, 2), 0, 1e-15));
    }

    @Test
    @SuppressWarnings("try")
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> OneHotCategorical.ofProbs(vec(-1, 2)), "OneHotCategorical", "'probs'");
        assertInvalid(() -> OneHotCategorical.ofLogits(vec(Double.NaN, 2)), "OneHotCategorical", "'logits'");
        OneHotCategorical d = OneHotCategorical.ofProbs(vec(0.2, 0.3, 0.5));
        assertInvalid(() -> d.logProb(vec(0.5, 0.5, 0)), "OneHotCategorical", "support", "oneHot");
        assertInvalid(() -> d.logProb(vec(1, 1, 0)), "OneHotCategorical", "support");
        assertInvalid(() -> d.logProb(vec(0, 0, 0)), "OneHotCategorical", "support");
        assertInvalid(() -> d.logProb(vec(1, 0)), "OneHotCategorical", "event shape");
        try (ThreadScope off = Validation.disable()) {
            assertEquals(Math.log(0.5), d.logProb(vec(0.2, 0.1, 0.7)).item(), 1e-15);
        }
    }
}
