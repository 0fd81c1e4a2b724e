package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.junit.jupiter.api.Test;

/** Cauchy: log density against Commons Math, sampling (KS), PyTorch's moment conventions, entropy. */
class CauchyTest {

    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -10, max = 10) @Scale(6) Double> loc,
                                   @ForAll @Size(4) List<@DoubleRange(min = -3, max = 3) @Scale(6) Double> logScale,
                                   @ForAll @Size(4) List<@DoubleRange(min = -100, max = 100) @Scale(6) Double> x) {
        double[] m = array(loc);
        double[] s = exp(array(logScale));
        double[] v = array(x);
        Cauchy d = Cauchy.of(f64(m, 3, 1), f64(s, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> new CauchyDistribution(null, m[i], s[j])
                .logDensity(v[j]));
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("Cauchy(1, 2)", Cauchy.of(f64(1.0), f64(2.0)), 91, 20_000, new CauchyDistribution(null, 1, 2));
        assertKs("Cauchy(0, 0.5) float32", Cauchy.of(0.0, 0.5), 92, 20_000, new CauchyDistribution(null, 0, 0.5));
    }

    @Test
    void meanIsNaNAndVarianceInfiniteAsInPyTorch() {
        Cauchy d = Cauchy.of(f64(new double[] {0, 1}, 2), f64(1.0));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, d.mean().toDoubleArray());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                d.variance().toDoubleArray());
    }

    @Test
    void entropyMatchesMonteCarlo() {
        assertEntropyMonteCarlo("Cauchy", Cauchy.of(f64(new double[] {0, 3}, 2), f64(new double[] {0.2, 5}, 2)),
                93, 100_000);
    }
}
