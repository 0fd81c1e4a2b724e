package io.pplj.dist;

import static io.pplj.dist.DiscreteTestSupport.assertInvalid;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.distribution.LogisticDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * RelaxedOneHotCategorical: the density against the Concrete closed form and, for two categories, against
 * RelaxedBernoulli; the Gumbel-max argmax of draws, logistic log-ratios, the zero-temperature limit, and rsample
 * gradients.
 */
class RelaxedOneHotCategoricalTest {

    /**
     * The Concrete density (Maddison et al. 2017) with respect to the first K - 1 coordinates:
     * {@code (K-1)! T^(K-1) prod_k (p_k y_k^(-T-1)) / (sum_i p_i y_i^(-T))^K}.
     */
    static double concreteLogDensity(double t, double[] logits, double[] y) {
        int k = y.length;
        double max = java.util.Arrays.stream(logits).max().orElseThrow();
        double lse = 0;
        for (double l : logits) {
            lse += Math.exp(l - max);
        }
        lse = max + Math.log(lse);
        double out = Gamma.logGamma(k) + (k - 1) * Math.log(t);
        double[] terms = new double[k];
        double termMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double logP = logits[i] - lse;
            out += logP - (t + 1) * Math.log(y[i]);
            terms[i] = logP - t * Math.log(y[i]);
            termMax = Math.max(termMax, terms[i]);
        }
        double s = 0;
        for (double v : terms) {
            s += Math.exp(v - termMax);
        }
        return out - k * (termMax + Math.log(s));
    }

    @Property(tries = 300)
    void logProbIsTheConcreteDensity(@ForAll @DoubleRange(min = 0.1, max = 5) @Scale(9) double t,
                                     @ForAll @DoubleRange(min = -5, max = 5) @Scale(9) double l0,
                                     @ForAll @DoubleRange(min = -5, max = 5) @Scale(9) double l1,
                                     @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(9) double a,
                                     @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(9) double b) {
        double[] y = {a / (a + b + 0.5), b / (a + b + 0.5), 0.5 / (a + b + 0.5)};
        double[] l = {l0, l1, 0.3};
        double expected = concreteLogDensity(t, l, y);
        double got = RelaxedOneHotCategorical.ofLogits(f64(t), vec(l)).logProb(vec(y)).item();
        assertEquals(expected, got, 1e-10 * Math.abs(expected) + 1e-11, "T=" + t);
    }

    /** With two categories, {@code y_0 = sigmoid((l_0 - l_1 + G_0 - G_1) / T)} is a RelaxedBernoulli. */
    @Property(tries = 200)
    void twoCategoriesAreARelaxedBernoulli(@ForAll @DoubleRange(min = 0.1, max = 5) @Scale(9) double t,
                                           @ForAll @DoubleRange(min = -5, max = 5) @Scale(9) double l0,
                                           @ForAll @DoubleRange(min = -5, max = 5) @Scale(9) double l1,
                                           @ForAll @DoubleRange(min = 1e-3, max = 0.999) @Scale(12) double y) {
        double expected = RelaxedBernoulli.ofLogits(f64(t), f64(l0 - l1)).logProb(f64(y)).item();
        double got = RelaxedOneHotCategorical.ofLogits(f64(t), vec(l0, l1)).logProb(vec(y, 1 - y)).item();
        assertEquals(expected, got, 1e-10 * Math.abs(expected) + 1e-11);
        double byProbs = RelaxedOneHotCategorical.ofProbs(f64(t), vec(Math.exp(l0), Math.exp(l1)))
                .logProb(vec(y, 1 - y)).item();
        assertEquals(expected, byProbs, 1e-10 * Math.abs(expected) + 1e-11);
    }

    @Test
    void drawsHaveGumbelMaxArgmaxAndLogisticLogRatios() {
        double t = 0.8;
        double[] l = {0.5, -0.2, 1.0, 0.0};
        int draws = 20_000;
        Tensor y = RelaxedOneHotCategorical.ofLogits(f64(t), vec(l)).sample(Rng.of(101), draws);
        assertArrayEquals(new int[] {draws, 4}, y.shape());
        assertTrue(Constraint.simplex().check(y).all().item() != 0.0, "draws on the simplex");
        double[] p = Tensor.of(l, DType.FLOAT64, 4).softmax(0).toDoubleArray();
        double pv = chiSquarePValue(y.argmax(-1).toDoubleArray(), k -> k < 4 ? p[k] : 0);
        assertTrue(pv > 1e-6, "argmax chi-square p-value " + pv);
        double[] v = y.toDoubleArray();
        double[] y0 = column(v, 4, 0);
        double[] y2 = column(v, 4, 2);
        double[] z = new double[draws];
        for (int i = 0; i < draws; i++) {
            z[i] = t * (Math.log(y0[i]) - Math.log(y2[i])) - (l[0] - l[2]);
        }
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new LogisticDistribution(null, 0, 1), z);
        assertTrue(ks > 1e-6, "log-ratio KS p-value " + ks);
    }

    /**
     * As T -> 0 draws approach one-hot vectors: {@code 1 - max_k y_k} is at most the sum over pairs of
     * {@code sigmoid(-|g_i - g_j| / T)} ({@code g = l + G}), and each pair's mean is at most {@code T log(2) / 2}
     * (their difference has a logistic density, at most 1/4), so {@code E[1 - max y] <= C(K, 2) T log(2) / 2} and
     * {@code |E y_k - p_k| <= 2 E[1 - max y]}.
     */
    @Test
    void zeroTemperatureLimitIsTheOneHotCategorical() {
        double[] p = {0.2, 0.5, 0.3};
        int k = p.length;
        int draws = 20_000;
        double[] gaps = new double[3];
        double[] temperatures = {1.0, 0.1, 0.01};
        for (int s = 0; s < 3; s++) {
            double t = temperatures[s];
            Tensor y = RelaxedOneHotCategorical.ofProbs(f64(t), vec(p)).sample(Rng.of(102 + s), draws);
            double[] gap = y.max(-1).rsub(1.0).toDoubleArray();
            double bound = k * (k - 1) / 2.0 * t * Math.log(2) / 2;
            double meanGap = java.util.Arrays.stream(gap).average().orElseThrow();
            double se = Math.sqrt(java.util.Arrays.stream(gap).map(g -> (g - meanGap) * (g - meanGap)).sum()
                    / (draws - 1) / draws);
            assertTrue(meanGap <= bound + 5 * se, "T=" + t + ": mean 1 - max y " + meanGap + " above " + bound);
            double[] v = y.toDoubleArray();
            for (int c = 0; c < k; c++) {
                double[] yc = column(v, k, c);
                double mean = java.util.Arrays.stream(yc).average().orElseThrow();
                double sd = Math.sqrt(java.util.Arrays.stream(yc).map(x -> (x - mean) * (x - mean)).sum()
                        / (draws - 1));
                assertEquals(p[c], mean, 2 * bound + 5 * sd / Math.sqrt(draws), "T=" + t + " mean of y_" + c);
            }
            gaps[s] = meanGap;
        }
        assertTrue(gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] < 0.02, java.util.Arrays.toString(gaps));
    }

    private static Tensor objective(Tensor t, Tensor logits, long seed, int draws) {
        Tensor y = RelaxedOneHotCategorical.ofLogits(t, logits).rsample(Rng.of(seed), draws);
        return y.square().mul(vec(1.0, -2.0, 0.5)).sum(-1).mean().add(y.select(-1, 1).mul(4.0).sin().mean());
    }

    @Test
    void rsampleGradientsMatchFiniteDifferencesWithCommonRandomNumbers() {
        double[] l0 = {0.2, -0.4, 0.9};
        double t0 = 0.6;
        double h = 1e-6;
        int draws = 2000;
        Tensor l = vec(l0).requiresGrad(true);
        Tensor t = f64(t0).requiresGrad(true);
        Tensor[] g = Grad.of(objective(t, l, 11, draws), l, t);
        double[] gl = g[0].toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double[] up = l0.clone();
            double[] down = l0.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (objective(f64(t0), vec(up), 11, draws).item() - objective(f64(t0), vec(down), 11, draws)
                    .item()) / (2 * h);
            assertEquals(fd, gl[i], 1e-7, "d/dlogit_" + i);
        }
        double fdT = (objective(f64(t0 + h), vec(l0), 11, draws).item() - objective(f64(t0 - h), vec(l0), 11,
                draws).item()) / (2 * h);
        assertEquals(fdT, g[1].item(), 1e-7, "d/dT");
        // Softmax logits are shift invariant: the gradients sum to zero.
        assertEquals(0.0, gl[0] + gl[1] + gl[2], 1e-12);
        assertTrue(Math.abs(gl[0]) > 1e-3, "a gradient that is not trivially zero");
    }

    /** For two categories the pathwise gradient of {@code E f(y_0)} is unbiased against the quadrature. */
    @Test
    void rsampleGradientsAreUnbiased() {
        double t0 = 0.5;
        int draws = 20_000;
        Tensor logits = Tensor.of(new double[] {-0.8, 0.0}, DType.FLOAT64, 1, 2).expand(draws, 2)
                .mul(1.0).requiresGrad(true);
        Tensor y0 = RelaxedOneHotCategorical.ofLogits(f64(t0), logits).rsample(Rng.of(103)).select(-1, 0);
        double[] g = Grad.of(y0.square().sum(), logits)[0].select(-1, 0).toDoubleArray();
        RelaxedBernoulliTest.assertMeanWithinFiveSe(RelaxedBernoulliTest.expectationGradient(v -> 2 * v, -0.8, t0),
                g, "f = y_0^2");
    }

    @Test
    void shapesAndAccessors() {
        RelaxedOneHotCategorical d = RelaxedOneHotCategorical.ofLogits(f64(new double[] {0.5, 2}, 2, 1),
                Tensor.zeros(DType.FLOAT64, 3, 4));
        assertTrue(d.hasRsample());
        assertArrayEquals(new int[] {2, 3}, d.batchShape());
        assertArrayEquals(new int[] {4}, d.eventShape());
        assertEquals(4, d.numCategories());
        Tensor y = d.rsample(Rng.of(1), 5);
        assertArrayEquals(new int[] {5, 2, 3, 4}, y.shape());
        assertTrue(y.sum(-1).allClose(Tensor.ones(DType.FLOAT64, 5, 2, 3), 0, 1e-12));
        assertArrayEquals(new int[] {5, 2, 3}, d.logProb(y).shape());
        assertArrayEquals(new int[] {7, 2, 3, 4}, d.expand(7, 2, 3).sample(Rng.of(1)).shape());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, d.probs().select(0, 0).toDoubleArray(), 1e-15);
        assertEquals(Constraint.simplex(), d.support());
        assertThrows(UnsupportedOperationException.class, d::mean);
        assertInvalid(() -> RelaxedOneHotCategorical.ofLogits(vec(1, 2), Tensor.zeros(3, 4)),
                "RelaxedOneHotCategorical", "broadcast");
    }

    @Test
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> RelaxedOneHotCategorical.ofProbs(0.0, vec(0.5, 0.5)), "RelaxedOneHotCategorical",
                "'temperature'");
        assertInvalid(() -> RelaxedOneHotCategorical.ofProbs(1.0, vec(0.5, -0.5)), "RelaxedOneHotCategorical",
                "'probs'");
        assertInvalid(() -> RelaxedOneHotCategorical.ofLogits(1.0, vec(Double.NaN, 0)), "RelaxedOneHotCategorical",
                "'logits'");
        RelaxedOneHotCategorical d = RelaxedOneHotCategorical.ofProbs(0.5, vec(0.5, 0.5));
        assertInvalid(() -> d.logProb(vec(0.5, 0.6)), "RelaxedOneHotCategorical", "support", "simplex");
        assertInvalid(() -> d.logProb(vec(0.5, 0.25, 0.25)), "RelaxedOneHotCategorical", "event shape");
    }
}
