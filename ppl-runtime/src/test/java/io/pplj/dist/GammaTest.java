package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertClose;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.assertPathwiseGradient;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * Gamma(concentration, rate): log density against Commons Math (shape, scale = 1 / rate), sampling in both types,
 * implicit-reparameterization gradients in both parameters, moments and entropy.
 */
class GammaTest {

    @Property(tries = 100)
    void logProbMatchesCommonsMath(
            @ForAll @Size(3) List<@DoubleRange(min = -3, max = 4) @Scale(6) Double> logConcentration,
            @ForAll @Size(4) List<@DoubleRange(min = -3, max = 3) @Scale(6) Double> logRate,
            @ForAll @Size(4) List<@DoubleRange(min = -7, max = 4) @Scale(6) Double> logX) {
        double[] a = exp(array(logConcentration));
        double[] r = exp(array(logRate));
        double[] v = exp(array(logX));
        Gamma d = Gamma.of(f64(a, 3, 1), f64(r, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new GammaDistribution(null, a[i], 1 / r[j])
                .logDensity(v[j]));
    }

    @Test
    void densityAtZero() {
        // (alpha - 1) log x is 0 for alpha = 1: the exponential density, rate at 0
        assertEquals(Math.log(2.5), Gamma.of(f64(1.0), f64(2.5)).logProb(f64(0.0)).item(), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, Gamma.of(f64(3.0), f64(2.5)).logProb(f64(0.0)).item());
        assertEquals(Double.POSITIVE_INFINITY, Gamma.of(f64(0.5), f64(2.5)).logProb(f64(0.0)).item());
    }

    @Test
    void samplesFollowTheCdf() {
        for (double alpha : new double[] {0.3, 2.5, 40.0}) {
            assertKs("Gamma(" + alpha + ", 1.5)", Gamma.of(f64(alpha), f64(1.5)), 51, 20_000,
                    new GammaDistribution(null, alpha, 1 / 1.5));
        }
        assertKs("Gamma(0.8, 4) float32", Gamma.of(0.8, 4.0), 52, 20_000, new GammaDistribution(null, 0.8, 0.25));
    }

    @Test
    void float32DrawsAreNeverZero() {
        // Gamma(0.02, 1): P(x < 1.2e-38) is about 0.17, so a float32 draw underflows often; it is clamped to tiny
        Tensor x = Gamma.of(Tensor.scalar(0.02), Tensor.scalar(1.0)).sample(Rng.of(53), 2_000);
        assertEquals(DType.FLOAT32, x.dtype());
        for (double v : x.toDoubleArray()) {
            assertTrue(v >= Float.MIN_NORMAL, "draw " + v);
        }
    }

    @Test
    void pathwiseGradientsMatchTheAnalyticDerivatives() {
        int n = 40_000;
        for (double a : new double[] {0.4, 3.0}) {
            double r = 2.0;
            // E[x] = a / r, E[x^2] = a (a + 1) / r^2
            assertPathwiseGradient("d/dconcentration E[x], a=" + a, a, n, 1, c -> Gamma.of(c, f64(r)), x -> x,
                    1 / r);
            assertPathwiseGradient("d/dconcentration E[x^2], a=" + a, a, n, 2, c -> Gamma.of(c, f64(r)),
                    Tensor::square, (2 * a + 1) / (r * r));
            assertPathwiseGradient("d/drate E[x], a=" + a, r, n, 3, q -> Gamma.of(f64(a), q), x -> x,
                    -a / (r * r));
            assertPathwiseGradient("d/drate E[x^2], a=" + a, r, n, 4, q -> Gamma.of(f64(a), q), Tensor::square,
                    -2 * a * (a + 1) / (r * r * r));
        }
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        double[] a = {0.3, 2.0, 25.0};
        double[] r = {1.0, 0.5, 4.0};
        Gamma d = Gamma.of(f64(a, 3), f64(r, 3));
        for (int k = 0; k < 3; k++) {
            GammaDistribution ref = new GammaDistribution(null, a[k], 1 / r[k]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
        }
        assertEntropyMonteCarlo("Gamma", d, 54, 100_000);
    }
}
