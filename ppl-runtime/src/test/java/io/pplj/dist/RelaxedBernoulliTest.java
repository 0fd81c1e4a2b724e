package io.pplj.dist;

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
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.distribution.LogisticDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * RelaxedBernoulli: the density against Commons Math's logistic density by change of variables, draws through the
 * logistic noise they are made of (Kolmogorov-Smirnov), the zero-temperature limit, and rsample gradients (against
 * finite differences with common random numbers and against a quadrature of the expectation).
 */
class RelaxedBernoulliTest {

    private static final LogisticDistribution STANDARD_LOGISTIC = new LogisticDistribution(null, 0, 1);

    private static double logit(double y) {
        return Math.log(y) - Math.log1p(-y);
    }

    /** {@code T logit(y) - l} is standard logistic: the density of y follows by the change of variables. */
    @Property(tries = 300)
    void logProbIsTheLogisticDensityChangedToY(@ForAll @DoubleRange(min = 0.1, max = 5) @Scale(9) double t,
                                               @ForAll @DoubleRange(min = -5, max = 5) @Scale(9) double l,
                                               @ForAll @DoubleRange(min = 1e-4, max = 0.9999) @Scale(12) double y) {
        double z = t * logit(y) - l;
        double expected = Math.log(t) + Math.log(STANDARD_LOGISTIC.density(z)) - Math.log(y) - Math.log1p(-y);
        double got = RelaxedBernoulli.ofLogits(f64(t), f64(l)).logProb(f64(y)).item();
        assertEquals(expected, got, 1e-10 * Math.abs(expected) + 1e-12, "T=" + t + " l=" + l + " y=" + y);
    }

    @Property(tries = 100)
    void probsAndLogitsParameterizationsAgree(@ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(12) double p,
                                              @ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(12) double y) {
        double a = RelaxedBernoulli.ofProbs(f64(0.6), f64(p)).logProb(f64(y)).item();
        double b = RelaxedBernoulli.ofLogits(f64(0.6), f64(logit(p))).logProb(f64(y)).item();
        assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)));
        assertEquals(logit(p), RelaxedBernoulli.ofProbs(f64(0.6), f64(p)).logits().item(), 1e-12);
    }

    @Test
    void theLogitOfDrawsIsLogisticNoise() {
        double t = 0.5;
        double l = 0.3;
        int draws = 20_000;
        double[] y = RelaxedBernoulli.ofLogits(f64(t), f64(l)).sample(Rng.of(91), draws).toDoubleArray();
        double[] z = new double[draws];
        for (int i = 0; i < draws; i++) {
            assertTrue(y[i] > 0 && y[i] < 1, "draw " + y[i]);
            z[i] = t * logit(y[i]) - l;
        }
        double pv = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(STANDARD_LOGISTIC, z);
        assertTrue(pv > 1e-6, "KS p-value " + pv);
    }

    /**
     * As T -> 0 the draws approach Bernoulli(p): {@code |y - round(y)|} averages at most {@code T log(2) / 2} (the
     * logistic density is at most 1/4, and {@code int sigmoid(-|w| / T) dw = 2 T log 2}), so does {@code |E y - p|};
     * {@code round(y)} is exactly Bernoulli(p) at every temperature.
     */
    @Test
    void zeroTemperatureLimitIsTheBernoulli() {
        double p = 0.3;
        int draws = 20_000;
        double[] gaps = new double[3];
        double[] temperatures = {1.0, 0.1, 0.01};
        for (int s = 0; s < 3; s++) {
            double t = temperatures[s];
            double[] y = RelaxedBernoulli.ofProbs(f64(t), f64(p)).sample(Rng.of(92 + s), draws).toDoubleArray();
            double[] rounded = new double[draws];
            double gap = 0;
            double gapSq = 0;
            double mean = 0;
            double meanSq = 0;
            for (int i = 0; i < draws; i++) {
                rounded[i] = y[i] > 0.5 ? 1 : 0;
                double g = Math.abs(y[i] - rounded[i]);
                gap += g / draws;
                gapSq += g * g / draws;
                mean += y[i] / draws;
                meanSq += y[i] * y[i] / draws;
            }
            double gapSe = Math.sqrt((gapSq - gap * gap) / draws);
            double meanSe = Math.sqrt((meanSq - mean * mean) / draws);
            double bound = t * Math.log(2) / 2;
            assertTrue(gap <= bound + 5 * gapSe, "T=" + t + ": mean gap " + gap + " above " + bound);
            assertEquals(p, mean, bound + 5 * meanSe, "T=" + t + ": mean");
            double pv = chiSquarePValue(rounded, k -> k == 0 ? 1 - p : k == 1 ? p : 0);
            assertTrue(pv > 1e-6, "T=" + t + ": chi-square p-value of round(y) " + pv);
            gaps[s] = gap;
        }
        assertTrue(gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] < 0.01, java.util.Arrays.toString(gaps));
    }

    /** Mean of {@code f} over draws with logits {@code l} and temperature {@code t}, all from one seed. */
    private static Tensor meanOf(UnaryOperator<Tensor> f, Tensor t, Tensor l, long seed, int draws) {
        return f.apply(RelaxedBernoulli.ofLogits(t, l).rsample(Rng.of(seed), draws)).mean();
    }

    /**
     * With common random numbers the Monte Carlo objective is a smooth function of the parameters, so its autodiff
     * gradient equals its central finite difference up to the difference's O(h^2) error.
     */
    @Test
    void rsampleGradientsMatchFiniteDifferencesWithCommonRandomNumbers() {
        double l0 = 0.4;
        double t0 = 0.7;
        double h = 1e-6;
        int draws = 2000;
        for (UnaryOperator<Tensor> f : java.util.List.<UnaryOperator<Tensor>>of(y -> y.square(),
                y -> y.mul(3.0).sin())) {
            Tensor l = f64(l0).requiresGrad(true);
            Tensor t = f64(t0).requiresGrad(true);
            Tensor[] g = Grad.of(meanOf(f, t, l, 7, draws), l, t);
            double fdL = (meanOf(f, f64(t0), f64(l0 + h), 7, draws).item()
                    - meanOf(f, f64(t0), f64(l0 - h), 7, draws).item()) / (2 * h);
            double fdT = (meanOf(f, f64(t0 + h), f64(l0), 7, draws).item()
                    - meanOf(f, f64(t0 - h), f64(l0), 7, draws).item()) / (2 * h);
            assertEquals(fdL, g[0].item(), 1e-7);
            assertEquals(fdT, g[1].item(), 1e-7);
            assertTrue(Math.abs(g[0].item()) > 1e-3, "a gradient that is not trivially zero");
        }
        // Gradients also reach probabilities.
        Tensor p = f64(0.6).requiresGrad(true);
        Tensor gp = Grad.of(RelaxedBernoulli.ofProbs(f64(t0), p).rsample(Rng.of(8), draws).mean(), p)[0];
        double fdP = (RelaxedBernoulli.ofProbs(f64(t0), f64(0.6 + h)).rsample(Rng.of(8), draws).mean().item()
                - RelaxedBernoulli.ofProbs(f64(t0), f64(0.6 - h)).rsample(Rng.of(8), draws).mean().item()) / (2 * h);
        assertEquals(fdP, gp.item(), 1e-7);
    }

    /**
     * {@code d/dl E f(y) = int_0^1 f'(y(u)) y (1 - y) / T du} with {@code y(u) = sigmoid((l + logit u) / T)}, by the
     * midpoint rule on 200000 points.
     */
    static double expectationGradient(DoubleUnaryOperator fPrime, double l, double t) {
        int m = 200_000;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double u = (i + 0.5) / m;
            double y = 1 / (1 + Math.exp(-(l + logit(u)) / t));
            sum += fPrime.applyAsDouble(y) * y * (1 - y) / t;
        }
        return sum / m;
    }

    /** The pathwise gradient is unbiased: its mean over draws is within 5 standard errors of the exact one. */
    @Test
    void rsampleGradientsAreUnbiased() {
        double l0 = -0.8;
        double t0 = 0.5;
        int draws = 20_000;
        Tensor l = Tensor.full(l0, DType.FLOAT64, draws).requiresGrad(true);
        Tensor y = RelaxedBernoulli.ofLogits(f64(t0), l).rsample(Rng.of(93));
        // One draw per batch element: the gradient of the sum holds each draw's own derivative.
        double[] g1 = Grad.of(y.square().sum(), l)[0].toDoubleArray();
        double[] g2 = Grad.of(y.mul(3.0).sin().sum(), l)[0].toDoubleArray();
        assertMeanWithinFiveSe(expectationGradient(v -> 2 * v, l0, t0), g1, "f = y^2");
        assertMeanWithinFiveSe(expectationGradient(v -> 3 * Math.cos(3 * v), l0, t0), g2, "f = sin 3y");
    }

    static void assertMeanWithinFiveSe(double expected, double[] xs, String what) {
        double mean = java.util.Arrays.stream(xs).average().orElseThrow();
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / (xs.length - 1) / xs.length);
        assertTrue(se > 0, what + ": degenerate gradients");
        assertEquals(expected, mean, 5 * se, what + " (se " + se + ")");
    }

    @Test
    void shapesAndDrawsStayInsideTheInterval() {
        RelaxedBernoulli d = RelaxedBernoulli.ofLogits(f64(new double[] {0.5, 2}, 2, 1), vec(-1, 0, 1));
        assertTrue(d.hasRsample());
        assertArrayEquals(new int[] {2, 3}, d.batchShape());
        assertArrayEquals(new int[] {4, 2, 3}, d.rsample(Rng.of(1), 4).shape());
        assertArrayEquals(new int[] {5, 2, 3}, d.expand(5, 2, 3).sample(Rng.of(1)).shape());
        Tensor l = Tensor.of(-60.0, 60.0).requiresGrad(true);
        RelaxedBernoulli extreme = RelaxedBernoulli.ofLogits(Tensor.scalar(0.1), l);
        Tensor y = extreme.rsample(Rng.of(2), 1000);
        assertEquals(DType.FLOAT32, y.dtype());
        assertTrue(y.requiresGrad());
        assertFalse(extreme.sample(Rng.of(2), 3).requiresGrad());
        assertTrue(y.gt(0.0).and(y.lt(1.0)).all().item() != 0.0, "draws in (0, 1)");
        assertTrue(extreme.logProb(y).isFinite().all().item() != 0.0, "finite log-density of every draw");
        assertThrows(UnsupportedOperationException.class, d::mean);
        assertEquals(Constraint.unitInterval(), d.support());
    }

    @Test
    void invalidParametersAndValuesAreRejected() {
        assertInvalid(() -> RelaxedBernoulli.ofProbs(0.0, 0.5), "RelaxedBernoulli", "'temperature'", "positive");
        assertInvalid(() -> RelaxedBernoulli.ofProbs(vec(1, -1), f64(0.5)), "RelaxedBernoulli", "'temperature'");
        assertInvalid(() -> RelaxedBernoulli.ofProbs(1.0, 1.5), "RelaxedBernoulli", "'probs'");
        assertInvalid(() -> RelaxedBernoulli.ofLogits(1.0, Double.NaN), "RelaxedBernoulli", "'logits'");
        RelaxedBernoulli d = RelaxedBernoulli.ofProbs(0.5, 0.5);
        assertInvalid(() -> d.logProb(Tensor.of(1.5)), "RelaxedBernoulli", "support");
        assertInvalid(() -> d.logProb(Tensor.of(-0.1)), "RelaxedBernoulli", "support");
    }
}
