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
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;

/** LogNormal: log density and CDF against Commons Math, sampling (KS), pathwise gradients, moments and entropy. */
class LogNormalTest {

    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -5, max = 5) @Scale(6) Double> loc,
                                   @ForAll @Size(4) List<@DoubleRange(min = 0.05, max = 4) @Scale(6) Double> scale,
                                   @ForAll @Size(4) List<@DoubleRange(min = -9, max = 5.3) @Scale(6) Double> logX) {
        double[] m = array(loc);
        double[] s = array(scale);
        double[] v = exp(array(logX));
        LogNormal d = LogNormal.of(f64(m, 3, 1), f64(s, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4,
                (i, j) -> new LogNormalDistribution(null, m[i], s[j]).logDensity(v[j]));
        assertCdfGrid(d.cdf(f64(v, 4)), 3, 4,
                (i, j) -> new LogNormalDistribution(null, m[i], s[j])
                .cumulativeProbability(v[j]));
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("LogNormal(0.3, 0.8)", LogNormal.of(f64(0.3), f64(0.8)), 11, 20_000,
                new LogNormalDistribution(null, 0.3, 0.8));
        assertKs("LogNormal(-2, 2) float32", LogNormal.of(-2, 2), 12, 20_000,
                new LogNormalDistribution(null, -2, 2));
    }

    @Test
    void pathwiseGradientsMatchTheAnalyticDerivatives() {
        double mu = 0.4;
        double sigma = 0.6;
        double ex = Math.exp(mu + sigma * sigma / 2);        // E[x]
        double ex2 = Math.exp(2 * mu + 2 * sigma * sigma);   // E[x^2]
        assertPathwiseGradient("d/dloc E[x]", mu, 50_000, 1, m -> LogNormal.of(m, f64(sigma)), x -> x, ex);
        assertPathwiseGradient("d/dscale E[x]", sigma, 50_000, 2, s -> LogNormal.of(f64(mu), s), x -> x,
                sigma * ex);
        assertPathwiseGradient("d/dloc E[x^2]", mu, 50_000, 3, m -> LogNormal.of(m, f64(sigma)), Tensor::square,
                2 * ex2);
        assertPathwiseGradient("d/dscale E[x^2]", sigma, 50_000, 4, s -> LogNormal.of(f64(mu), s),
                Tensor::square, 4 * sigma * ex2);
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        LogNormal d = LogNormal.of(f64(new double[] {-1.0, 0.5}, 2), f64(new double[] {0.3, 1.1}, 2));
        double[][] params = {{-1.0, 0.3}, {0.5, 1.1}};
        for (int k = 0; k < 2; k++) {
            LogNormalDistribution ref = new LogNormalDistribution(null, params[k][0], params[k][1]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
        }
        assertEntropyMonteCarlo("LogNormal", d, 21, 100_000);
    }
}
