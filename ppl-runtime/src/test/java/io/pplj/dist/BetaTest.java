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
import org.apache.commons.math3.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

/**
 * Beta(concentration1 = alpha, concentration0 = beta): log density against Commons Math, densities at the ends,
 * sampling in both types, implicit-reparameterization gradients in both parameters, moments and entropy.
 */
class BetaTest {

    @Property(tries = 100)
    void logProbMatchesCommonsMath(
            @ForAll @Size(3) List<@DoubleRange(min = -2.5, max = 3.5) @Scale(6) Double> logAlpha,
            @ForAll @Size(4) List<@DoubleRange(min = -2.5, max = 3.5) @Scale(6) Double> logBeta,
            @ForAll @Size(4) List<@DoubleRange(min = 0.0001, max = 0.9999) @Scale(6) Double> x) {
        double[] a = exp(array(logAlpha));
        double[] b = exp(array(logBeta));
        double[] v = array(x);
        Beta d = Beta.of(f64(a, 3, 1), f64(b, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new BetaDistribution(null, a[i], b[j])
                .logDensity(v[j]));
    }

    @Test
    void densityAtTheEnds() {
        // Beta(1, b) has density b at 0; Beta(a, 1) has density a at 1 (0 log 0 = 0)
        assertEquals(Math.log(3.0), Beta.of(f64(1.0), f64(3.0)).logProb(f64(0.0)).item(), 1e-15);
        assertEquals(Math.log(2.0), Beta.of(f64(2.0), f64(1.0)).logProb(f64(1.0)).item(), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, Beta.of(f64(2.0), f64(3.0)).logProb(f64(0.0)).item());
        assertEquals(Double.POSITIVE_INFINITY, Beta.of(f64(0.5), f64(3.0)).logProb(f64(0.0)).item());
    }

    @Test
    void samplesFollowTheCdf() {
        double[][] cases = {{0.5, 0.5}, {2.0, 5.0}, {0.1, 3.0}, {40.0, 15.0}};
        long seed = 61;
        for (double[] c : cases) {
            assertKs("Beta(" + c[0] + ", " + c[1] + ")", Beta.of(f64(c[0]), f64(c[1])), seed++, 20_000,
                    new BetaDistribution(null, c[0], c[1]));
        }
        Tensor x = Beta.of(0.2, 0.3).sample(Rng.of(seed), 20_000);
        assertEquals(DType.FLOAT32, x.dtype());
        double[] xs = x.toDoubleArray();
        for (double v : xs) {
            assertTrue(v >= Float.MIN_NORMAL && v <= 1 - Math.ulp(1.0f), "float32 draw " + v);
        }
        assertKs("Beta(0.2, 0.3) float32", xs, new BetaDistribution(null, 0.2, 0.3));
    }

    @Test
    void pathwiseGradientsMatchTheAnalyticDerivatives() {
        int n = 40_000;
        double a = 0.7;
        double b = 2.5;
        double s = a + b;
        // E[x] = a / s; E[x^2] = a (a + 1) / (s (s + 1))
        double m2 = a * (a + 1) / (s * (s + 1));
        double dm2dS = -m2 * (2 * s + 1) / (s * (s + 1));
        assertPathwiseGradient("d/dalpha E[x]", a, n, 1, c -> Beta.of(c, f64(b)), x -> x, b / (s * s));
        assertPathwiseGradient("d/dbeta E[x]", b, n, 2, c -> Beta.of(f64(a), c), x -> x, -a / (s * s));
        assertPathwiseGradient("d/dalpha E[x^2]", a, n, 3, c -> Beta.of(c, f64(b)), Tensor::square,
                (2 * a + 1) / (s * (s + 1)) + dm2dS);
        assertPathwiseGradient("d/dbeta E[x^2]", b, n, 4, c -> Beta.of(f64(a), c), Tensor::square, dm2dS);
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        double[] a = {0.5, 2.0, 30.0};
        double[] b = {0.5, 7.0, 4.0};
        Beta d = Beta.of(f64(a, 3), f64(b, 3));
        for (int k = 0; k < 3; k++) {
            BetaDistribution ref = new BetaDistribution(null, a[k], b[k]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
        }
        assertEntropyMonteCarlo("Beta", d, 65, 100_000);
    }
}
