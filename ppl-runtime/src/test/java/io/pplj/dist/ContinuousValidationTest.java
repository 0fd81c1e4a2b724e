package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Validation of the continuous families: a parameter outside its constraint is rejected by the factory with a
 * message naming the family and the parameter; a value outside the support is rejected by {@code logProb}; both
 * checks are off inside a {@link Validation#disable()} scope.
 */
class ContinuousValidationTest {

    private static Tensor vec(double... v) {
        return f64(v, v.length);
    }

    /** A factory call with one bad parameter. */
    record BadParameter(String family, String parameter, Supplier<Distribution> make) {
    }

    /** A valid distribution and a value outside its support. */
    record Outside(Distribution d, Tensor value) {
    }

    private static final List<BadParameter> BAD_PARAMETERS = List.of(
            new BadParameter("LogNormal", "scale", () -> LogNormal.of(vec(0, 1), vec(1, -1))),
            new BadParameter("Uniform", "high", () -> Uniform.of(vec(0, 2), vec(1, 1))),
            new BadParameter("Exponential", "rate", () -> Exponential.of(vec(1, 0))),
            new BadParameter("Gamma", "concentration", () -> Gamma.of(vec(0, 1), f64(1.0))),
            new BadParameter("Gamma", "rate", () -> Gamma.of(f64(2.0), vec(1, -1))),
            new BadParameter("Beta", "concentration1", () -> Beta.of(vec(-1, 1), f64(1.0))),
            new BadParameter("Beta", "concentration0", () -> Beta.of(f64(1.0), vec(1, 0))),
            new BadParameter("Dirichlet", "concentration", () -> Dirichlet.of(vec(1, -1, 2))),
            new BadParameter("StudentT", "df", () -> StudentT.of(vec(0, 3), f64(0.0), f64(1.0))),
            new BadParameter("StudentT", "scale", () -> StudentT.of(f64(3.0), f64(0.0), vec(1, -2))),
            new BadParameter("Cauchy", "scale", () -> Cauchy.of(f64(0.0), vec(0, 1))),
            new BadParameter("HalfCauchy", "scale", () -> HalfCauchy.of(vec(-2))),
            new BadParameter("HalfNormal", "scale", () -> HalfNormal.of(vec(1, -2))),
            new BadParameter("Laplace", "scale", () -> Laplace.of(f64(0.0), vec(-1))),
            new BadParameter("Gumbel", "scale", () -> Gumbel.of(f64(0.0), vec(Double.NaN))),
            new BadParameter("Delta", "v", () -> Delta.of(vec(1, Double.NaN))));

    private static final List<Outside> OUTSIDE = List.of(
            new Outside(LogNormal.of(f64(0.0), f64(1.0)), vec(1, 0)),
            new Outside(Uniform.of(f64(0.0), f64(1.0)), vec(0.5, 1.5)),
            new Outside(Exponential.of(f64(1.0)), vec(-1)),
            new Outside(Gamma.of(f64(2.0), f64(1.0)), vec(3, -0.5)),
            new Outside(Beta.of(f64(2.0), f64(3.0)), vec(1.5)),
            new Outside(Dirichlet.of(vec(1, 2, 3)), vec(0.5, 0.6, 0.1)),
            new Outside(StudentT.of(f64(3.0), f64(0.0), f64(1.0)), vec(Double.NaN)),
            new Outside(Cauchy.of(f64(0.0), f64(1.0)), vec(Double.NaN)),
            new Outside(HalfCauchy.of(f64(1.0)), vec(-1)),
            new Outside(HalfNormal.of(f64(1.0)), vec(2, -1)),
            new Outside(Laplace.of(f64(0.0), f64(1.0)), vec(Double.NaN)),
            new Outside(Gumbel.of(f64(0.0), f64(1.0)), vec(Double.NaN)),
            new Outside(Delta.of(f64(1.0)), vec(Double.NaN)));

    @Test
    void badParametersAreRejectedNamingFamilyAndParameter() {
        for (BadParameter c : BAD_PARAMETERS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.make()::get,
                    c.family() + " " + c.parameter());
            assertTrue(e.getMessage().startsWith(c.family() + ":") && e.getMessage().contains("'" + c.parameter()
                    + "'"), e.getMessage());
        }
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> Dirichlet.of(f64(1.0)));
        assertTrue(scalar.getMessage().contains("Dirichlet") && scalar.getMessage().contains("'concentration'"),
                scalar.getMessage());
    }

    @Test
    void valuesOutsideTheSupportAreRejected() {
        for (Outside c : OUTSIDE) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.d().logProb(c.value()),
                    c.d().name());
            assertTrue(e.getMessage().startsWith(c.d().name() + ":") && e.getMessage().contains("support"),
                    e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try")
    void disabledValidationChecksNothing() {
        try (ThreadScope off = Validation.disable()) {
            for (BadParameter c : BAD_PARAMETERS) {
                assertDoesNotThrow(c.make()::get, c.family() + " " + c.parameter());
            }
            for (Outside c : OUTSIDE) {
                assertDoesNotThrow(() -> c.d().logProb(c.value()), c.d().name());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Gamma.of(f64(1.0), f64(-1.0)),
                "validation is back on after the scope");
    }
}
