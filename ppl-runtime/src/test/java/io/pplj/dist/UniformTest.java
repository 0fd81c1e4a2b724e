package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertCdfGrid;
import static io.pplj.dist.ContinuousChecks.assertClose;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.assertPathwiseGradient;
import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Test;

/** Uniform on [low, high): log density and CDF against Commons Math, the open upper end, sampling and moments. */
class UniformTest {

    /** Points in [-5, 5) lie inside every generated [low, high), low in [-10, -5], high in (5, 10]. */
    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -10, max = -5) @Scale(6) Double> low,
                                   @ForAll @Size(4) List<@DoubleRange(min = 5.001, max = 10) @Scale(6) Double> high,
                                   @ForAll @Size(4) List<@DoubleRange(min = -5, max = 5, maxIncluded = false)
                                   @Scale(6) Double> x) {
        double[] a = array(low);
        double[] b = array(high);
        double[] v = array(x);
        Uniform d = Uniform.of(f64(a, 3, 1), f64(b, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new UniformRealDistribution(null, a[i], b[j])
                .logDensity(v[j]));
        assertCdfGrid(d.cdf(f64(v, 4)), 3, 4, (i, j) -> new UniformRealDistribution(null, a[i], b[j])
                .cumulativeProbability(v[j]));
    }

    @Test
    @SuppressWarnings("try")
    void densityIsZeroFromHighOnAndBelowLow() {
        Uniform d = Uniform.of(f64(-1.0), f64(2.0));
        assertEquals(-Math.log(3), d.logProb(f64(-1.0)).item(), 1e-15, "low is included");
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(f64(2.0)).item(), "high is excluded, as in PyTorch");
        try (ThreadScope off = Validation.disable()) {
            assertEquals(Double.NEGATIVE_INFINITY, d.logProb(f64(-1.5)).item());
            assertEquals(Double.NEGATIVE_INFINITY, d.logProb(f64(7.0)).item());
        }
        assertArrayEquals(new double[] {0, 0, 0.5, 1, 1}, d.cdf(f64(new double[] {-3, -1, 0.5, 2, 4}, 5))
                .toDoubleArray(), 1e-15);
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("Uniform(-2, 3)", Uniform.of(f64(-2.0), f64(3.0)), 31, 20_000,
                new UniformRealDistribution(null, -2, 3));
        double[] x = Uniform.of(0.5, 0.75).sample(Rng.of(32), 20_000).toDoubleArray();
        for (double v : x) {
            assertTrue(v >= 0.5 && v < 0.75, "draw " + v);
        }
        assertKs("Uniform(0.5, 0.75) float32", x, new UniformRealDistribution(null, 0.5, 0.75));
    }

    @Test
    void pathwiseGradients() {
        // E[x] = (a + b) / 2, E[x^2] = (a^2 + ab + b^2) / 3
        double a = -0.5;
        double b = 2.0;
        assertPathwiseGradient("d/dlow E[x]", a, 20_000, 1, l -> Uniform.of(l, f64(b)), x -> x, 0.5);
        assertPathwiseGradient("d/dhigh E[x^2]", b, 20_000, 2, h -> Uniform.of(f64(a), h), Tensor::square,
                (a + 2 * b) / 3);
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        Uniform d = Uniform.of(f64(new double[] {-1.0, 2.0}, 2), f64(new double[] {4.0, 2.5}, 2));
        double[][] params = {{-1.0, 4.0}, {2.0, 2.5}};
        for (int k = 0; k < 2; k++) {
            UniformRealDistribution ref = new UniformRealDistribution(null, params[k][0], params[k][1]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
            assertClose(Math.log(params[k][1] - params[k][0]), d.entropy().toDoubleArray()[k], "entropy");
        }
        assertEntropyMonteCarlo("Uniform", d, 33, 1000);
    }
}
