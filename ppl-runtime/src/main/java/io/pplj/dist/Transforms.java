package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * Transforms from unconstrained reals onto constrained sets, as PyTorch's {@code biject_to} and
 * {@code transform_to}: parameters are stored unconstrained and mapped onto their constraint when used.
 *
 * <table>
 *   <caption>The bijections</caption>
 *   <tr><th>constraint</th><th>{@code bijectTo}</th></tr>
 *   <tr><td>real, realVector</td><td>identity</td></tr>
 *   <tr><td>positive, nonNegative</td><td>exp</td></tr>
 *   <tr><td>greaterThan(a)</td><td>exp, then {@code a + y}</td></tr>
 *   <tr><td>lessThan(b)</td><td>exp, then {@code b - y}</td></tr>
 *   <tr><td>interval(a, b)</td><td>sigmoid, then {@code a + (b - a) y}</td></tr>
 *   <tr><td>unitInterval</td><td>sigmoid</td></tr>
 *   <tr><td>simplex</td><td>stick breaking ({@code transformTo}: softmax)</td></tr>
 *   <tr><td>lowerCholesky</td><td>{@link LowerCholeskyTransform}</td></tr>
 *   <tr><td>positiveDefinite</td><td>{@link PositiveDefiniteTransform}</td></tr>
 *   <tr><td>corrCholesky</td><td>{@link CorrCholeskyTransform}</td></tr>
 *   <tr><td>independent(c, n)</td><td>that of c, over n more dimensions</td></tr>
 * </table>
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * A bijection from unconstrained reals onto {@code constraint}.
     *
     * @throws IllegalArgumentException for discrete constraints, which have none
     */
    public static Transform bijectTo(Constraint constraint) {
        return mapTo(rejectDiscrete(constraint), true);
    }

    /**
     * A transform from unconstrained reals onto {@code constraint}, not necessarily bijective (softmax for the
     * simplex); otherwise as {@link #bijectTo(Constraint)}.
     */
    public static Transform transformTo(Constraint constraint) {
        return mapTo(rejectDiscrete(constraint), false);
    }

    /** Rejects discrete constraints, naming the whole constraint (not only a wrapped base). */
    private static Constraint rejectDiscrete(Constraint c) {
        if (c.isDiscrete()) {
            throw new IllegalArgumentException("no transform from the reals onto the discrete constraint " + c
                    + ": discrete values cannot be reparameterized");
        }
        return c;
    }

    private static Transform mapTo(Constraint c, boolean bijective) {
        if (c instanceof Constraints.Real) {
            return IdentityTransform.of(c.eventDim());
        }
        if (c instanceof Constraints.GreaterThan) {
            double bound = ((Constraints.GreaterThan) c).bound;
            return bound == 0.0 ? ExpTransform.of() : ComposeTransform.of(ExpTransform.of(),
                    AffineTransform.of(bound, 1.0));
        }
        if (c instanceof Constraints.LessThan) {
            return ComposeTransform.of(ExpTransform.of(), AffineTransform.of(((Constraints.LessThan) c).bound, -1.0));
        }
        if (c instanceof Constraints.Interval) {
            Constraints.Interval i = (Constraints.Interval) c;
            return i.lower == 0.0 && i.upper == 1.0 ? SigmoidTransform.of() : ComposeTransform.of(
                    SigmoidTransform.of(), AffineTransform.of(i.lower, i.upper - i.lower));
        }
        if (c instanceof Constraints.TensorBounds) {
            Constraints.TensorBounds b = (Constraints.TensorBounds) c;
            if (b.upper == null) {
                return ComposeTransform.of(ExpTransform.of(), AffineTransform.of(b.lower,
                        Tensor.onesLike(b.lower)));
            }
            return ComposeTransform.of(SigmoidTransform.of(), AffineTransform.of(b.lower, b.upper.sub(b.lower)));
        }
        if (c instanceof Constraints.Simplex) {
            return bijective ? StickBreakingTransform.of() : SoftmaxTransform.of();
        }
        if (c instanceof Constraints.LowerCholesky) {
            return LowerCholeskyTransform.of();
        }
        if (c instanceof Constraints.PositiveDefinite) {
            return PositiveDefiniteTransform.of();
        }
        if (c instanceof Constraints.CorrCholesky) {
            return CorrCholeskyTransform.of();
        }
        if (c instanceof Constraints.Independent) {
            Constraints.Independent i = (Constraints.Independent) c;
            return IndependentTransform.of(mapTo(i.base, bijective), i.reinterpreted);
        }
        throw new IllegalArgumentException("no transform from the reals onto the " + (c.isDiscrete()
                ? "discrete " : "") + "constraint " + c);
    }
}
