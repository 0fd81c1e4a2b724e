package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The implicit reparameterization gradient of gamma draws: for a draw x at CDF level u, dx/dalpha equals the
 * derivative of the quantile function {@code F^-1(u; alpha)} in alpha.
 */
class GammaReparameterizationTest {

    /** The quantile function by bisection on Commons Math's regularized gamma function, to 1e-15 relative. */
    private static double quantile(double u, double alpha) {
        double lo = 0.0;
        double hi = Math.max(1.0, alpha) * 50 + 50;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (Gamma.regularizedGammaP(alpha, mid, 1e-16, 100_000) < u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Property(tries = 60)
    void gradientMatchesTheQuantileDerivative(@ForAll @DoubleRange(min = 0.05, max = 200) double alpha,
                                              @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(6) double u) {
        double x = quantile(u, alpha);
        Tensor xs = Tensor.of(new double[] {x}, DType.FLOAT64, 1);
        Tensor as = Tensor.of(new double[] {alpha}, DType.FLOAT64, 1);
        double got = Backends.cpu().get(Backends.cpu().standardGammaGrad(xs.storage(), as.storage()), 0);
        double h = 1e-5 * alpha;
        double expected = (quantile(u, alpha + h) - quantile(u, alpha - h)) / (2 * h);
        assertEquals(expected, got, 1e-5 * Math.abs(expected) + 1e-9, "alpha " + alpha + ", u " + u + ", x " + x);
    }

    @Test
    void gammaDrawsCarryTheGradient() {
        Rng rng = Rng.of(3);
        Tensor alpha = Tensor.of(new double[] {0.5, 2.0, 30.0}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor x = rng.gamma(alpha);
        Tensor g = Grad.of(x.sum(), alpha)[0];
        double[] xv = x.toDoubleArray();
        double[] av = alpha.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double u = new GammaDistribution(av[i], 1.0).cumulativeProbability(xv[i]);
            double h = 1e-5 * av[i];
            double expected = (quantile(u, av[i] + h) - quantile(u, av[i] - h)) / (2 * h);
            assertEquals(expected, g.toDoubleArray()[i], 1e-5 * Math.abs(expected) + 1e-9);
        }
        assertTrue(x.requiresGrad());
    }

    /** E[x] = alpha, so the gradient of the sample mean of many draws is close to 1 (pathwise estimator). */
    @Test
    void pathwiseGradientOfTheMeanIsOne() {
        Rng rng = Rng.of(11);
        for (double a : new double[] {0.3, 1.0, 7.5}) {
            Tensor alpha = Tensor.full(a, DType.FLOAT64, 100_000).requiresGrad(true);
            Tensor g = Grad.of(rng.gamma(alpha).mean(), alpha)[0];
            // d/dalpha mean = (1/n) sum dx_i/dalpha; its expectation is 1, its sd about sqrt(Var(dx/da) / n).
            assertEquals(1.0, g.sum().item(), 0.02, "alpha " + a);
        }
    }
}
