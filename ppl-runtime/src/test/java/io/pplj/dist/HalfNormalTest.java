package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.assertMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertPathwiseGradient;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;
import static io.pplj.dist.ContinuousChecks.folded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * HalfNormal: log density {@code log 2 + N(0, scale^2)} on x >= 0 and CDF against Commons Math, sampling, moments
 * against sample moments, gradients, entropy.
 */
class HalfNormalTest {

    /** CDFs within 1e-10 relative or 1e-12 absolute: the folded reference computes {@code 2 Phi(x) - 1}, which cancels near 0. */
    @Property(tries = 100)
    void logProbIsTwiceTheNormalDensity(
            @ForAll @Size(3) List<@DoubleRange(min = -3, max = 3) @Scale(6) Double> logScale,
            @ForAll @Size(4) List<@DoubleRange(min = 0, max = 50) @Scale(6) Double> x) {
        double[] s = exp(array(logScale));
        double[] v = array(x);
        HalfNormal d = HalfNormal.of(f64(s, 3, 1));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> Math.log(2) + new NormalDistribution(null, 0, s[i])
                .logDensity(v[j]));
        assertGrid(d.cdf(f64(v, 4)), 3, 4, (i, j) -> folded(new NormalDistribution(null, 0, s[i]))
                .cumulativeProbability(v[j]));
    }

    @Test
    @SuppressWarnings("try")
    void densityIsZeroBelowZero() {
        try (ThreadScope off = Validation.disable()) {
            assertEquals(Double.NEGATIVE_INFINITY, HalfNormal.of(f64(1.0)).logProb(f64(-0.1)).item());
        }
        assertEquals(0.0, HalfNormal.of(f64(1.0)).cdf(f64(-0.1)).item());
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("HalfNormal(2)", HalfNormal.of(f64(2.0)), 111, 20_000, folded(new NormalDistribution(null, 0, 2)));
        assertKs("HalfNormal(0.3) float32", HalfNormal.of(0.3), 112, 20_000,
                folded(new NormalDistribution(null, 0, 0.3)));
    }

    /** The mean and variance formulas against sample moments of 100000 draws, within 5 standard errors. */
    @Test
    void momentsMatchSampleMoments() {
        double s = 1.7;
        HalfNormal d = HalfNormal.of(f64(s));
        double[] x = d.sample(Rng.of(113), 100_000).toDoubleArray();
        double mean = d.mean().item();
        assertEquals(s * Math.sqrt(2 / Math.PI), mean, 1e-15);
        assertMonteCarlo("mean", x, mean);
        double[] sq = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sq[i] = (x[i] - mean) * (x[i] - mean);
        }
        assertMonteCarlo("variance", sq, d.variance().item());
        assertEntropyMonteCarlo("HalfNormal", HalfNormal.of(f64(new double[] {0.1, 3}, 2)), 114, 100_000);
    }

    @Test
    void pathwiseGradients() {
        // E[x] = s sqrt(2 / pi), E[x^2] = s^2
        double s = 0.8;
        assertPathwiseGradient("d/dscale E[x]", s, 20_000, 1, HalfNormal::of, x -> x, Math.sqrt(2 / Math.PI));
        assertPathwiseGradient("d/dscale E[x^2]", s, 20_000, 2, HalfNormal::of, Tensor::square, 2 * s);
    }
}
