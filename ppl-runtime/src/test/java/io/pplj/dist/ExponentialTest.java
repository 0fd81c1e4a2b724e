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

import io.pplj.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.junit.jupiter.api.Test;

/** Exponential: log density and CDF against Commons Math (mean = 1 / rate), sampling, gradients, moments. */
class ExponentialTest {

    /** CDFs within 1e-10 relative or 1e-12 absolute: Commons Math computes {@code 1 - exp(-x / mean)}, which cancels near 0. */
    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -5, max = 5) @Scale(6) Double> logRate,
                                   @ForAll @Size(4) List<@DoubleRange(min = -9, max = 4) @Scale(6) Double> logX) {
        double[] r = exp(array(logRate));
        double[] v = exp(array(logX));
        Exponential d = Exponential.of(f64(r, 3, 1));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new ExponentialDistribution(null, 1 / r[i])
                .logDensity(v[j]));
        assertGrid(d.cdf(f64(v, 4)), 3, 4, (i, j) -> new ExponentialDistribution(null, 1 / r[i])
                .cumulativeProbability(v[j]));
    }

    @Test
    void densityAtZeroIsTheRate() {
        assertEquals(Math.log(2.5), Exponential.of(f64(2.5)).logProb(f64(0.0)).item(), 1e-15);
        assertEquals(0.0, Exponential.of(f64(2.5)).cdf(f64(-1.0)).item());
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("Exponential(0.7)", Exponential.of(f64(0.7)), 41, 20_000, new ExponentialDistribution(null, 1 / 0.7));
        assertKs("Exponential(30) float32", Exponential.of(30), 42, 20_000, new ExponentialDistribution(null, 1 / 30.0));
    }

    @Test
    void pathwiseGradients() {
        // E[x] = 1 / r, E[x^2] = 2 / r^2
        double r = 1.7;
        assertPathwiseGradient("d/drate E[x]", r, 20_000, 1, Exponential::of, x -> x, -1 / (r * r));
        assertPathwiseGradient("d/drate E[x^2]", r, 20_000, 2, Exponential::of, Tensor::square, -4 / (r * r * r));
    }

    @Test
    void momentsMatchCommonsMathAndEntropyMatchesMonteCarlo() {
        double[] rates = {0.2, 3.0};
        Exponential d = Exponential.of(f64(rates, 2));
        for (int k = 0; k < 2; k++) {
            ExponentialDistribution ref = new ExponentialDistribution(null, 1 / rates[k]);
            assertClose(ref.getNumericalMean(), d.mean().toDoubleArray()[k], "mean");
            assertClose(ref.getNumericalVariance(), d.variance().toDoubleArray()[k], "variance");
        }
        assertEntropyMonteCarlo("Exponential", d, 43, 100_000);
    }
}
