package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertGrid;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;
import static io.pplj.dist.ContinuousChecks.folded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Rng;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.junit.jupiter.api.Test;

/** HalfCauchy: log density {@code log 2 + Cauchy(0, scale)} on x >= 0 against Commons Math, sampling, moments. */
class HalfCauchyTest {

    @Property(tries = 100)
    void logProbIsTwiceTheCauchyDensity(
            @ForAll @Size(3) List<@DoubleRange(min = -3, max = 3) @Scale(6) Double> logScale,
            @ForAll @Size(4) List<@DoubleRange(min = 0, max = 100) @Scale(6) Double> x) {
        double[] s = exp(array(logScale));
        double[] v = array(x);
        HalfCauchy d = HalfCauchy.of(f64(s, 3, 1));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> Math.log(2) + new CauchyDistribution(null, 0, s[i])
                .logDensity(v[j]));
    }

    @Test
    @SuppressWarnings("try")
    void densityIsZeroBelowZero() {
        try (ThreadScope off = Validation.disable()) {
            assertEquals(Double.NEGATIVE_INFINITY, HalfCauchy.of(f64(1.0)).logProb(f64(-0.1)).item());
        }
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("HalfCauchy(2)", HalfCauchy.of(f64(2.0)), 101, 20_000, folded(new CauchyDistribution(null, 0, 2)));
        double[] x = HalfCauchy.of(0.3).sample(Rng.of(102), 20_000).toDoubleArray();
        for (double v : x) {
            assertTrue(v >= 0, "float32 draw " + v);
        }
        assertKs("HalfCauchy(0.3) float32", x, folded(new CauchyDistribution(null, 0, 0.3)));
    }

    @Test
    void momentsAreInfiniteAsInPyTorchAndEntropyMatchesMonteCarlo() {
        HalfCauchy d = HalfCauchy.of(f64(new double[] {0.5, 4}, 2));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                d.mean().toDoubleArray());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                d.variance().toDoubleArray());
        assertEntropyMonteCarlo("HalfCauchy", d, 103, 100_000);
    }
}
