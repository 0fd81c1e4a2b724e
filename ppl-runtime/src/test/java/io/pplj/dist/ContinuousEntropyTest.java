package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.entropyByQuadrature;
import static io.pplj.dist.ContinuousChecks.f64;
import static io.pplj.dist.ContinuousChecks.folded;
import static io.pplj.dist.ContinuousChecks.shifted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.GumbelDistribution;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closed-form entropies against {@code -integral p log p dx} computed by quadrature of Commons Math's densities
 * ({@link ContinuousChecks#entropyByQuadrature}), within {@value #TOLERANCE} absolute (the quadrature leaves out
 * tails of mass 2e-13, worth about 1e-11). The Monte Carlo checks in the family tests cover shapes below 1, whose
 * densities are singular at 0.
 */
class ContinuousEntropyTest {

    static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() {
        return Stream.of(
                of("LogNormal(0.3, 0.8)", LogNormal.of(f64(0.3), f64(0.8)), new LogNormalDistribution(null, 0.3, 0.8)),
                of("LogNormal(-2, 2)", LogNormal.of(f64(-2.0), f64(2.0)), new LogNormalDistribution(null, -2, 2)),
                of("Uniform(-1, 4)", Uniform.of(f64(-1.0), f64(4.0)), new UniformRealDistribution(null, -1, 4)),
                of("Exponential(0.2)", Exponential.of(f64(0.2)), new ExponentialDistribution(null, 5)),
                of("Exponential(3)", Exponential.of(f64(3.0)), new ExponentialDistribution(null, 1 / 3.0)),
                of("Gamma(1, 1)", Gamma.of(f64(1.0), f64(1.0)), new GammaDistribution(null, 1, 1)),
                of("Gamma(2.5, 0.5)", Gamma.of(f64(2.5), f64(0.5)), new GammaDistribution(null, 2.5, 2)),
                of("Gamma(30, 4)", Gamma.of(f64(30.0), f64(4.0)), new GammaDistribution(null, 30, 0.25)),
                of("Beta(1, 1)", Beta.of(f64(1.0), f64(1.0)), new BetaDistribution(null, 1, 1)),
                of("Beta(2, 5)", Beta.of(f64(2.0), f64(5.0)), new BetaDistribution(null, 2, 5)),
                of("Beta(30, 4)", Beta.of(f64(30.0), f64(4.0)), new BetaDistribution(null, 30, 4)),
                of("Dirichlet(2, 5) as Beta(2, 5)", Dirichlet.of(f64(new double[] {2, 5}, 2)),
                        new BetaDistribution(null, 2, 5)),
                of("Dirichlet(1.5, 1.2) as Beta", Dirichlet.of(f64(new double[] {1.5, 1.2}, 2)),
                        new BetaDistribution(null, 1.5, 1.2)),
                of("StudentT(3, 1, 2)", StudentT.of(f64(3.0), f64(1.0), f64(2.0)),
                        shifted(new TDistribution(null, 3), 1, 2)),
                of("StudentT(30, 0, 0.5)", StudentT.of(f64(30.0), f64(0.0), f64(0.5)),
                        shifted(new TDistribution(null, 30), 0, 0.5)),
                of("StudentT(1) is Cauchy", StudentT.of(f64(1.0)), new CauchyDistribution(null, 0, 1)),
                of("Cauchy(1, 2)", Cauchy.of(f64(1.0), f64(2.0)), new CauchyDistribution(null, 1, 2)),
                of("HalfCauchy(2)", HalfCauchy.of(f64(2.0)), folded(new CauchyDistribution(null, 0, 2))),
                of("HalfNormal(0.5)", HalfNormal.of(f64(0.5)), folded(new NormalDistribution(null, 0, 0.5))),
                of("Laplace(1, 0.3)", Laplace.of(f64(1.0), f64(0.3)), new LaplaceDistribution(null, 1, 0.3)),
                of("Gumbel(1, 2)", Gumbel.of(f64(1.0), f64(2.0)), new GumbelDistribution(null, 1, 2)));
    }

    private static Arguments of(String name, Distribution d, AbstractRealDistribution ref) {
        return Arguments.of(Named.of(name, d), ref);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void entropyMatchesQuadrature(Distribution d, AbstractRealDistribution ref) {
        assertEquals(entropyByQuadrature(ref), d.entropy().item(), TOLERANCE);
    }
}
