package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertCdfGrid;
import static io.pplj.dist.ContinuousChecks.assertClose;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.assertPathwiseGradient;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;

import io.pplj.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.junit.jupiter.api.Test;

/** Laplace: log density and CDF against Commons Math, sampling (KS), gradients, moments and entropy. */
class LaplaceTest {

    /**
     * {@code |x - loc| / scale} stays below 500: Commons Math 3.6.1's Laplace has no {@code logDensity} of its own,
     * it takes the logarithm of {@code density()}, which loses precision once the density is subnormal
     * ({@code |x - loc| / scale} above about 705).
     */
    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -10, max = 10) @Scale(6) Double> loc,
                                   @ForAll @Size(4) List<@DoubleRange(min = -2.5, max = 3) @Scale(6) Double> logScale,
                                   @ForAll @Size(4) List<@DoubleRange(min = -30, max = 30) @Scale(6) Double> x) {
        double[] m = array(loc);
        double[] s = exp(array(logScale));
        double[] v = array(x);
        Laplace d = Laplace.of(f64(m, 3, 1), f64(s, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new LaplaceDistribution(null, m[i], s[j])
                .logDensity(v[j]));
        assertCdfGrid(d.cdf(f64(v, 4)), 3, 4, (i, j) -> new LaplaceDistribution(null, m[i], s[j])
                .cumulativeProbability(v[j]));
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("Laplace(1, 2)", Laplace.of(f64(1.0), f64(2.0)), 121, 20_000, new LaplaceDistribution(null, 1, 2));
        assertKs("Laplace(-3, 0.1) float32", Laplace.of(-3, 0.1), 122, 20_000,
                new LaplaceDistribution(null, -3, 0.1));
    }

    @Test
    void pathwiseGradients() {
        // E[x^2] = m^2 + 2 s^2
        double m = 0.5;
        double s = 1.3;
        assertPathwiseGradient("d/dloc E[x^2]", m, 20_000, 1, l -> Laplace.of(l, f64(s)), Tensor::square, 2 * m);
        assertPathwiseGradient("d/dscale E[x^2]", s, 20_000, 2, c -> Laplace.of(f64(m), c), Tensor::square,
                4 * s);
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        double[] m = {-1.0, 4.0};
        double[] s = {0.5, 3.0};
        Laplace d = Laplace.of(f64(m, 2), f64(s, 2));
        for (int k = 0; k < 2; k++) {
            LaplaceDistribution ref = new LaplaceDistribution(null, m[k], s[k]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
        }
        assertEntropyMonteCarlo("Laplace", d, 123, 100_000);
    }
}
