package io.pplj.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The normal distribution and the generic machinery it exercises: log-density against Commons Math, sampling
 * against its CDF, shapes of sample/expand/toEvent, validation messages, a transformed (log-normal) distribution and
 * the Normal-Normal KL divergence.
 */
class NormalTest {

    @Property(tries = 200)
    void logProbMatchesCommonsMath(@ForAll @DoubleRange(min = -50, max = 50) @Scale(10) double mu,
                                   @ForAll @DoubleRange(min = 0.01, max = 30) @Scale(10) double sigma,
                                   @ForAll @DoubleRange(min = -100, max = 100) @Scale(10) double x) {
        Normal d = Normal.of(Tensor.scalar(mu, DType.FLOAT64), Tensor.scalar(sigma, DType.FLOAT64));
        double expected = new NormalDistribution(mu, sigma).logDensity(x);
        double got = d.logProb(Tensor.scalar(x, DType.FLOAT64)).item();
        assertEquals(expected, got, 1e-10 * Math.abs(expected) + 1e-12);
    }

    @Test
    void samplesFollowTheCdf() {
        Normal d = Normal.of(Tensor.scalar(1.5, DType.FLOAT64), Tensor.scalar(0.7, DType.FLOAT64));
        double[] xs = d.sample(Rng.of(5), 20_000).toDoubleArray();
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(1.5, 0.7), xs);
        assertTrue(p > 1e-6, "KS p-value " + p);
    }

    @Test
    void shapesFollowPyTorch() {
        Normal d = Normal.of(Tensor.zeros(3, 1), Tensor.ones(4));
        assertArrayEquals(new int[] {3, 4}, d.batchShape());
        assertArrayEquals(new int[] {5, 2, 3, 4}, d.sample(5, 2).shape());
        assertArrayEquals(new int[] {3, 4}, d.logProb(Tensor.zeros(4)).shape());
        Distribution ind = d.toEvent(1);
        assertArrayEquals(new int[] {3}, ind.batchShape());
        assertArrayEquals(new int[] {4}, ind.eventShape());
        assertArrayEquals(new int[] {3}, ind.logProb(Tensor.zeros(3, 4)).shape());
        assertEquals(4 * Normal.of(0, 1).logProb(Tensor.scalar(0.0)).item(),
                ind.logProb(Tensor.zeros(3, 4)).toDoubleArray()[0], 1e-5);
        Distribution e = Normal.of(0, 1).expand(2, 3);
        assertArrayEquals(new int[] {2, 3}, e.batchShape());
        Tensor draws = e.sample(Rng.of(1));
        assertEquals(6, java.util.Arrays.stream(draws.toDoubleArray()).distinct().count(), "independent draws");
    }

    @Test
    void genericExpansionDrawsIndependently() {
        Distribution d = ExpandedDistribution.of(Normal.of(Tensor.zeros(3, 1), Tensor.ones(3, 1)), new int[] {2, 3,
            4});
        Tensor x = d.sample(Rng.of(2), 5);
        assertArrayEquals(new int[] {5, 2, 3, 4}, x.shape());
        assertEquals(120, java.util.Arrays.stream(x.toDoubleArray()).distinct().count());
        assertArrayEquals(new int[] {2, 3, 4}, d.logProb(Tensor.zeros(4)).shape());
    }

    @Test
    void validationNamesTheDistributionAndParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normal.of(Tensor.zeros(3), Tensor.of(1.0, -0.5, 2.0)));
        assertTrue(e.getMessage().contains("Normal") && e.getMessage().contains("'scale'")
                && e.getMessage().contains("positive") && e.getMessage().contains("1 of 3")
                && e.getMessage().contains("-0.5"), e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Normal.of(Tensor.zeros(3), Tensor.ones(3)).logProb(Tensor.zeros(4)));
        assertTrue(shape.getMessage().contains("[4]") && shape.getMessage().contains("[3]"), shape.getMessage());
    }

    @Test
    void rsampleCarriesGradients() {
        Tensor loc = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
        Tensor scale = Tensor.scalar(3.0, DType.FLOAT64).requiresGrad(true);
        Tensor x = Normal.of(loc, scale).rsample(Rng.of(9), 10);
        Tensor[] g = io.pplj.tensor.Grad.of(x.sum(), loc, scale);
        assertEquals(10.0, g[0].item(), 1e-12);
        assertEquals(x.sub(2.0).div(3.0).sum().item(), g[1].item(), 1e-12);
    }

    @Property(tries = 100)
    void transformedNormalIsLogNormal(@ForAll @DoubleRange(min = -3, max = 3) @Scale(10) double mu,
                                      @ForAll @DoubleRange(min = 0.1, max = 2) @Scale(10) double sigma,
                                      @ForAll @DoubleRange(min = 0.01, max = 50) @Scale(10) double x) {
        Distribution d = TransformedDistribution.of(Normal.of(Tensor.scalar(mu, DType.FLOAT64),
                Tensor.scalar(sigma, DType.FLOAT64)), ExpTransform.of());
        double expected = new LogNormalDistribution(mu, sigma).logDensity(x);
        assertEquals(expected, d.logProb(Tensor.scalar(x, DType.FLOAT64)).item(), 1e-10 * Math.abs(expected)
                + 1e-12);
        assertEquals(Constraint.positive(), d.support());
    }

    @Test
    void klNormalNormalMatchesMonteCarlo() {
        Normal p = Normal.of(Tensor.scalar(0.3, DType.FLOAT64), Tensor.scalar(1.2, DType.FLOAT64));
        Normal q = Normal.of(Tensor.scalar(-0.5, DType.FLOAT64), Tensor.scalar(0.8, DType.FLOAT64));
        Tensor x = p.sample(Rng.of(4), 200_000);
        Tensor diff = p.logProb(x).sub(q.logProb(x));
        double mc = diff.mean().item();
        double se = Math.sqrt(diff.sub(mc).square().mean().item() / 200_000);
        assertEquals(KL.divergence(p, q).item(), mc, 5 * se);
        assertEquals(0.0, KL.divergence(p, p).item(), 1e-12);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> KL.divergence(p, Independent.of(Normal.of(Tensor.zeros(2), Tensor.ones(2)), 1)));
        assertTrue(none.getMessage().contains("no KL divergence"), none.getMessage());
    }

    /**
     * Monte Carlo pathwise gradients through rsample match the analytic derivatives of E[x] = loc and
     * E[x^2] = loc^2 + scale^2, within 5 standard errors of the per-draw gradient estimates.
     */
    @Test
    void rsampleGradientsMatchAnalyticDerivatives() {
        int n = 100_000;
        double mu = 0.7;
        double sigma = 1.3;
        Tensor loc = Tensor.scalar(mu, DType.FLOAT64).requiresGrad(true);
        Tensor scale = Tensor.scalar(sigma, DType.FLOAT64).requiresGrad(true);
        Tensor x = Normal.of(loc, scale).rsample(Rng.of(21), n);
        Tensor[] g1 = io.pplj.tensor.Grad.of(x.mean(), loc, scale);
        assertEquals(1.0, g1[0].item(), 1e-9); // exact up to summation rounding over n terms
        // d/dscale of mean(x) = mean(eps): sd 1 per draw.
        assertEquals(0.0, g1[1].item(), 5 / Math.sqrt(n));
        Tensor[] g2 = io.pplj.tensor.Grad.of(x.square().mean(), loc, scale);
        // Per draw: d/dloc x^2 = 2x (sd 2 sigma), d/dscale x^2 = 2 x eps (sd sqrt(4 (mu^2 + 2 sigma^2))).
        assertEquals(2 * mu, g2[0].item(), 5 * 2 * sigma / Math.sqrt(n));
        assertEquals(2 * sigma, g2[1].item(), 5 * Math.sqrt(4 * (mu * mu + 2 * sigma * sigma)) / Math.sqrt(n));
    }
}
