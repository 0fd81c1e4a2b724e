package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.f64;
import static io.pplj.dist.DiscreteTestSupport.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The discrete KL rules (Bernoulli, Categorical, OneHotCategorical pairs) against the defining sums over the support,
 * {@code sum_x P(x) (log P(x) - log Q(x))}, which are exact for finite supports.
 */
class DiscreteKlTest {

    @Property(tries = 200)
    void klEqualsTheDirectSum(@ForAll @DoubleRange(min = 0, max = 1) double p,
                              @ForAll @DoubleRange(min = 0, max = 1) double q) {
        double direct = 0;
        double[] pm = {1 - p, p};
        double[] qm = {1 - q, q};
        for (int x = 0; x < 2; x++) {
            if (pm[x] > 0) {
                direct += pm[x] * (Math.log(pm[x]) - Math.log(qm[x]));
            }
        }
        double kl = KL.divergence(Bernoulli.ofProbs(f64(p)), Bernoulli.ofProbs(f64(q))).item();
        if (Double.isInfinite(direct)) {
            assertEquals(direct, kl);
        } else {
            assertEquals(direct, kl, 1e-12 + 1e-10 * Math.abs(direct), "p=" + p + " q=" + q);
        }
    }

    @Test
    void klBroadcastsAndAcceptsLogits() {
        Bernoulli p = Bernoulli.ofLogits(f64(new double[] {-1, 0.5, 3}, 3, 1));
        Bernoulli q = Bernoulli.ofProbs(vec(0.2, 0.4, 0.6, 0.8));
        Tensor kl = KL.divergence(p, q);
        assertArrayEquals(new int[] {3, 4}, kl.shape());
        double[] got = kl.toDoubleArray();
        double[] ls = {-1, 0.5, 3};
        double[] qs = {0.2, 0.4, 0.6, 0.8};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double a = 1 / (1 + Math.exp(-ls[i]));
                double b = qs[j];
                double direct = a * Math.log(a / b) + (1 - a) * Math.log((1 - a) / (1 - b));
                assertEquals(direct, got[i * 4 + j], 1e-12);
            }
        }
        assertEquals(0.0, KL.divergence(p, p).sum().item(), 1e-15);
    }


    /** {@code sum_k p_k log(p_k / q_k)} over normalized weights, with {@code 0 log 0 = 0}. */
    static double directSum(double[] wp, double[] wq) {
        double sp = java.util.Arrays.stream(wp).sum();
        double sq = java.util.Arrays.stream(wq).sum();
        double kl = 0;
        for (int i = 0; i < wp.length; i++) {
            double p = wp[i] / sp;
            double q = wq[i] / sq;
            if (p > 0) {
                kl += p * (Math.log(p) - Math.log(q));
            }
        }
        return kl;
    }

    @Property(tries = 300)
    void categoricalKlEqualsTheDirectSum(
            @ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> a,
            @ForAll @Size(min = 6, max = 6) List<@DoubleRange(min = 0, max = 10) @Scale(9) Double> b) {
        double[] wp = CategoricalTest.unbox(a);
        double[] wq = java.util.Arrays.copyOf(CategoricalTest.unbox(b), wp.length);
        Assume.that(java.util.Arrays.stream(wp).sum() > 0 && java.util.Arrays.stream(wq).sum() > 0);
        double direct = directSum(wp, wq);
        double kl = KL.divergence(Categorical.ofProbs(vec(wp)), Categorical.ofProbs(vec(wq))).item();
        if (Double.isInfinite(direct)) {
            assertEquals(direct, kl);
        } else {
            assertEquals(direct, kl, 1e-12 + 1e-10 * Math.abs(direct));
        }
        double oneHot = KL.divergence(OneHotCategorical.ofProbs(vec(wp)), OneHotCategorical.ofProbs(vec(wq)))
                .item();
        assertEquals(kl, oneHot, 0.0);
    }

    @Test
    void categoricalKlBroadcastsAndHandlesZeros() {
        Categorical p = Categorical.ofLogits(Tensor.of(new double[] {0, 1, 2, 2, 1, 0}, DType.FLOAT64, 2, 1, 3));
        Categorical q = Categorical.ofProbs(Tensor.of(new double[] {1, 1, 1, 1, 2, 3, 5, 1, 1, 2, 2, 1},
                DType.FLOAT64, 4, 3));
        Tensor kl = KL.divergence(p, q);
        assertArrayEquals(new int[] {2, 4}, kl.shape());
        double[] pl = {0, 1, 2, 2, 1, 0};
        double[] qw = {1, 1, 1, 1, 2, 3, 5, 1, 1, 2, 2, 1};
        for (int i = 0; i < 2; i++) {
            double[] wp = new double[3];
            for (int c = 0; c < 3; c++) {
                wp[c] = Math.exp(pl[3 * i + c]);
            }
            for (int j = 0; j < 4; j++) {
                double[] wq = java.util.Arrays.copyOfRange(qw, 3 * j, 3 * j + 3);
                assertEquals(directSum(wp, wq), kl.toDoubleArray()[4 * i + j], 1e-14, "p " + i + " q " + j);
            }
        }
        // q = 0 where p > 0: infinite; p = 0 where q = 0: no contribution; gradients stay finite.
        assertEquals(Double.POSITIVE_INFINITY, KL.divergence(Categorical.ofProbs(vec(1, 1)), Categorical.ofProbs(
                vec(1, 0))).item());
        Tensor w = vec(0, 1, 3).requiresGrad(true);
        Tensor finite = KL.divergence(Categorical.ofProbs(w), Categorical.ofProbs(vec(0, 2, 2)));
        assertEquals(directSum(new double[] {0, 1, 3}, new double[] {0, 2, 2}), finite.item(), 1e-15);
        assertTrue(Grad.of(finite, w)[0].isFinite().all().item() != 0.0);
        assertEquals(0.0, KL.divergence(p, p).abs().sum().item(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KL.divergence(Categorical.ofProbs(vec(1, 1)), Categorical.ofProbs(vec(1, 1, 1))));
        assertTrue(e.getMessage().contains("2 vs 3"), e.getMessage());
        assertTrue(KL.registry().has(OneHotCategorical.class, OneHotCategorical.class));
        assertThrows(IllegalArgumentException.class, () -> KL.divergence(Categorical.ofProbs(vec(1, 1)),
                OneHotCategorical.ofProbs(vec(1, 1))));
    }

    @Test
    void bernoulliKlEdgeCases() {
        assertEquals(-Math.log(0.75), KL.divergence(Bernoulli.ofProbs(f64(0)), Bernoulli.ofProbs(f64(0.25)))
                .item(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, KL.divergence(Bernoulli.ofProbs(f64(0.5)), Bernoulli.ofProbs(
                f64(0))).item());
        assertEquals(0.0, KL.divergence(Bernoulli.ofProbs(f64(1)), Bernoulli.ofProbs(f64(1))).item(), 0.0);
        Tensor p = f64(1.0).requiresGrad(true);
        Tensor kl = KL.divergence(Bernoulli.ofProbs(p), Bernoulli.ofLogits(f64(2.0)));
        assertEquals(Math.log1p(Math.exp(-2.0)), kl.item(), 1e-15);
        assertTrue(Grad.of(kl, p)[0].isFinite().all().item() != 0.0);
    }
}
