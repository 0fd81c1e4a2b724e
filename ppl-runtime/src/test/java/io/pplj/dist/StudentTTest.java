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
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * StudentT(df, loc, scale): log density against Commons Math's TDistribution shifted and scaled, sampling (KS),
 * gradients through the chi-square draw (in df) and the scale, moments and entropy.
 */
class StudentTTest {

    /** Commons Math's log density of {@code loc + scale T_df}. */
    private static double reference(double df, double loc, double scale, double x) {
        return new TDistribution(null, df).logDensity((x - loc) / scale) - Math.log(scale);
    }

    @Property(tries = 100)
    void logProbMatchesCommonsMath(@ForAll @Size(3) List<@DoubleRange(min = -2, max = 4) @Scale(6) Double> logDf,
                                   @ForAll @Size(4) List<@DoubleRange(min = -5, max = 5) @Scale(6) Double> loc,
                                   @ForAll @Size(4) List<@DoubleRange(min = -3, max = 3) @Scale(6) Double> logScale,
                                   @ForAll @Size(4) List<@DoubleRange(min = -100, max = 100) @Scale(6) Double> x) {
        double[] df = exp(array(logDf));
        double[] m = array(loc);
        double[] s = exp(array(logScale));
        double[] v = array(x);
        StudentT d = StudentT.of(f64(df, 3, 1), f64(m, 4), f64(s, 4));
        assertGrid(d.logProb(f64(v, 4)), 3, 4, (i, j) -> reference(df[i], m[j], s[j], v[j]));
    }

    private static RealDistribution shifted(double df, double loc, double scale) {
        return ContinuousChecks.shifted(new TDistribution(null, df), loc, scale);
    }

    @Test
    void samplesFollowTheCdf() {
        assertKs("StudentT(1.5, 2, 0.5)", StudentT.of(f64(1.5), f64(2.0), f64(0.5)), 81, 20_000,
                shifted(1.5, 2.0, 0.5));
        assertKs("StudentT(0.7, 0, 1)", StudentT.of(f64(0.7)), 82, 20_000, new TDistribution(null, 0.7));
        assertKs("StudentT(5, -1, 3) float32", StudentT.of(5, -1, 3), 83, 20_000, shifted(5, -1, 3));
    }

    @Test
    void pathwiseGradientsMatchTheAnalyticDerivatives() {
        int n = 50_000;
        double s = 1.5;
        // E[x^2] = s^2 df / (df - 2) with loc 0 (df = 9: the per-draw gradient has finite variance)
        double df = 9;
        assertPathwiseGradient("d/ddf E[x^2]", df, n, 1, v -> StudentT.of(v, f64(0.0), f64(s)), Tensor::square,
                -2 * s * s / ((df - 2) * (df - 2)));
        assertPathwiseGradient("d/dscale E[x^2]", s, n, 2, c -> StudentT.of(f64(df), f64(0.0), c),
                Tensor::square, 2 * s * df / (df - 2));
        // E[x^4] = 3 s^4 df^2 / ((df - 2)(df - 4)) (df = 20: the per-draw gradient's variance estimate is stable)
        double nu = 20;
        double q = (nu - 2) * (nu - 4);
        double dg = (2 * nu * q - nu * nu * (2 * nu - 6)) / (q * q);
        assertPathwiseGradient("d/ddf E[x^4]", nu, n, 3, v -> StudentT.of(v, f64(0.0), f64(s)),
                x -> x.square().square(), 3 * Math.pow(s, 4) * dg);
    }

    @Test
    void momentsFollowPyTorchConventions() {
        StudentT d = StudentT.of(f64(new double[] {5.0, 1.5, 0.8}, 3), f64(2.0), f64(3.0));
        double[] mean = d.mean().toDoubleArray();
        double[] var = d.variance().toDoubleArray();
        TDistribution ref = new TDistribution(null, 5.0);
        assertClose(2.0, mean[0], "mean, df 5");
        assertClose(9 * ref.getNumericalVariance(), var[0], "variance, df 5");
        assertEquals(2.0, mean[1], "mean, df 1.5");
        assertEquals(Double.POSITIVE_INFINITY, var[1], "variance, df 1.5");
        assertEquals(Double.NaN, mean[2], "mean, df 0.8");
        assertEquals(Double.NaN, var[2], "variance, df 0.8");
    }

    @Test
    void entropyMatchesMonteCarlo() {
        assertEntropyMonteCarlo("StudentT", StudentT.of(f64(new double[] {0.8, 3.0, 30.0}, 3), f64(1.0),
                f64(new double[] {2.0, 0.5, 1.0}, 3)), 84, 100_000);
    }
}
