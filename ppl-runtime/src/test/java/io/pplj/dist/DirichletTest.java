package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.array;
import static io.pplj.dist.ContinuousChecks.assertClose;
import static io.pplj.dist.ContinuousChecks.assertEntropyMonteCarlo;
import static io.pplj.dist.ContinuousChecks.assertKs;
import static io.pplj.dist.ContinuousChecks.assertMonteCarlo;
import static io.pplj.dist.ContinuousChecks.exp;
import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Dirichlet: log density against the formula with Commons Math's log-gamma (and against Beta for two categories),
 * sampling checked by moments and by the Beta marginals, implicit-reparameterization gradients, entropy.
 */
class DirichletTest {

    /** {@code sum (a_i - 1) log x_i + lgamma(sum a) - sum lgamma(a_i)} in double precision. */
    private static double reference(double[] a, double[] x) {
        double total = 0;
        double lp = 0;
        for (int i = 0; i < a.length; i++) {
            total += a[i];
            lp += (a[i] - 1) * Math.log(x[i]) - Gamma.logGamma(a[i]);
        }
        return lp + Gamma.logGamma(total);
    }

    /** Batch [2, 1] of concentrations against a batch [3] of points: log densities of shape [2, 3]. */
    @Property(tries = 100)
    void logProbMatchesTheFormula(@ForAll @Size(8) List<@DoubleRange(min = -2.5, max = 3) @Scale(6) Double> logA,
                                  @ForAll @Size(12) List<@DoubleRange(min = 0.001, max = 1) @Scale(6) Double> w) {
        int k = 4;
        double[] a = exp(array(logA));
        double[] raw = array(w);
        double[] x = new double[12];
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += raw[j * k + i];
            }
            for (int i = 0; i < k; i++) {
                x[j * k + i] = raw[j * k + i] / sum;
            }
        }
        Dirichlet d = Dirichlet.of(f64(a, 2, 1, k));
        assertArrayEquals(new int[] {2, 1}, d.batchShape());
        assertArrayEquals(new int[] {k}, d.eventShape());
        Tensor lp = d.logProb(f64(x, 3, k));
        assertArrayEquals(new int[] {2, 3}, lp.shape());
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                double[] ab = java.util.Arrays.copyOfRange(a, b * k, b * k + k);
                double[] xj = java.util.Arrays.copyOfRange(x, j * k, j * k + k);
                assertClose(reference(ab, xj), lp.toDoubleArray()[b * 3 + j], "element [" + b + ", " + j + "]");
            }
        }
    }

    @Property(tries = 50)
    void twoCategoriesAreABeta(@ForAll @DoubleRange(min = 0.05, max = 20) @Scale(6) double a,
                               @ForAll @DoubleRange(min = 0.05, max = 20) @Scale(6) double b,
                               @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(6) double x) {
        double lp = Dirichlet.of(f64(new double[] {a, b}, 2)).logProb(f64(new double[] {x, 1 - x}, 2)).item();
        assertClose(new BetaDistribution(null, a, b).logDensity(x), lp, "Dirichlet(a, b) at (x, 1 - x)");
    }

    /**
     * Means and variances of each coordinate over n = 100000 draws: the sample mean within 5 standard errors
     * {@code sqrt(Var / n)} (Var from the formula), the sample variance within 5 standard errors
     * {@code sqrt((mu4 - Var^2) / n)} with the fourth central moment mu4 estimated from the draws. Each coordinate
     * is Beta(a_i, a0 - a_i): KS against Commons Math.
     */
    @Test
    void momentsAndMarginalsMatch() {
        double[] a = {0.3, 1.5, 4.0};
        double a0 = 5.8;
        int n = 100_000;
        Dirichlet d = Dirichlet.of(f64(a, 3));
        Tensor x = d.sample(Rng.of(71), n);
        assertArrayEquals(new int[] {n, 3}, x.shape());
        double[] xs = x.toDoubleArray();
        double[] mean = d.mean().toDoubleArray();
        double[] var = d.variance().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double[] xi = new double[n];
            for (int s = 0; s < n; s++) {
                xi[s] = xs[s * 3 + i];
            }
            double expectedMean = a[i] / a0;
            double expectedVar = a[i] * (a0 - a[i]) / (a0 * a0 * (a0 + 1));
            assertClose(expectedMean, mean[i], "mean formula");
            assertClose(expectedVar, var[i], "variance formula");
            double m = java.util.Arrays.stream(xi).average().orElseThrow();
            assertEquals(expectedMean, m, 5 * Math.sqrt(expectedVar / n), "sample mean of coordinate " + i);
            double[] sq = new double[n];
            double mu4 = 0;
            for (int s = 0; s < n; s++) {
                double c = xi[s] - m;
                sq[s] = c * c;
                mu4 += c * c * c * c;
            }
            mu4 /= n;
            double sampleVar = java.util.Arrays.stream(sq).sum() / (n - 1);
            assertEquals(expectedVar, sampleVar, 5 * Math.sqrt((mu4 - expectedVar * expectedVar) / n),
                    "sample variance of coordinate " + i);
            assertKs("Dirichlet marginal " + i, xi, new BetaDistribution(null, a[i], a0 - a[i]));
        }
        for (int s = 0; s < n; s++) {
            assertEquals(1.0, xs[3 * s] + xs[3 * s + 1] + xs[3 * s + 2], 1e-12);
        }
        Tensor f32 = Dirichlet.of(0.05, 0.05, 0.1).sample(Rng.of(72), 2_000);
        assertEquals(DType.FLOAT32, f32.dtype());
        for (double v : f32.toDoubleArray()) {
            assertTrue(v >= Float.MIN_NORMAL && v <= 1 - Math.ulp(1.0f), "float32 draw " + v);
        }
    }

    /**
     * d/dalpha_j E[sum_i w_i x_i] and E[sum_i w_i x_i^2] through rsample: a batch of n identical concentration
     * vectors, one draw each, gives n i.i.d. per-draw gradients per coordinate j.
     */
    @Test
    void pathwiseGradientsMatchTheAnalyticDerivatives() {
        double[] a = {0.6, 2.0, 3.5};
        double[] w = {1.0, -2.0, 0.5};
        double a0 = a[0] + a[1] + a[2];
        int n = 30_000;
        int k = 3;
        double[] rep = new double[n * k];
        for (int s = 0; s < n; s++) {
            System.arraycopy(a, 0, rep, s * k, k);
        }
        Tensor weights = f64(w, k);
        for (int power = 1; power <= 2; power++) {
            Tensor alpha = f64(rep, n, k).requiresGrad(true);
            Tensor x = Dirichlet.of(alpha).rsample(Rng.of(72 + power));
            Tensor f = (power == 1 ? x : x.square()).mul(weights).sum();
            double[] g = Grad.of(f, alpha)[0].toDoubleArray();
            for (int j = 0; j < k; j++) {
                double expected = 0;
                for (int i = 0; i < k; i++) {
                    double delta = i == j ? 1 : 0;
                    if (power == 1) {
                        // E[x_i] = a_i / a0
                        expected += w[i] * (delta * a0 - a[i]) / (a0 * a0);
                    } else {
                        // E[x_i^2] = a_i (a_i + 1) / (a0 (a0 + 1))
                        double den = a0 * (a0 + 1);
                        expected += w[i] * (delta * (2 * a[i] + 1) / den
                                - a[i] * (a[i] + 1) * (2 * a0 + 1) / (den * den));
                    }
                }
                double[] terms = new double[n];
                for (int s = 0; s < n; s++) {
                    terms[s] = g[s * k + j];
                }
                assertMonteCarlo("d/dalpha_" + j + " E[sum w x^" + power + "]", terms, expected);
            }
        }
    }

    @Test
    void entropyMatchesMonteCarlo() {
        Dirichlet d = Dirichlet.of(f64(new double[] {0.5, 1.0, 2.0, 4.0, 4.0, 0.7}, 2, 3));
        assertEntropyMonteCarlo("Dirichlet", d, 74, 100_000);
    }
}
