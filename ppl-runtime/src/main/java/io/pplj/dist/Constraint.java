package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;

/**
 * A region of values: the support of a distribution or the domain of a parameter. {@link #check(Tensor)} tells
 * which values lie in it; {@link Transforms#bijectTo(Constraint)} maps unconstrained reals onto it.
 *
 * <p>A constraint has an event dimension: {@code simplex()} and {@code lowerCholesky()} judge whole vectors and
 * matrices, so {@code check} reduces over their last one or two dimensions.
 */
public abstract class Constraint {

    private static final Constraint REAL = new Constraints.Real(0);
    private static final Constraint REAL_VECTOR = new Constraints.Real(1);
    private static final Constraint POSITIVE = new Constraints.GreaterThan(0.0, false);
    private static final Constraint NON_NEGATIVE = new Constraints.GreaterThan(0.0, true);
    private static final Constraint UNIT_INTERVAL = new Constraints.Interval(0.0, 1.0);
    private static final Constraint SIMPLEX = new Constraints.Simplex();
    private static final Constraint LOWER_CHOLESKY = new Constraints.LowerCholesky();
    private static final Constraint POSITIVE_DEFINITE = new Constraints.PositiveDefinite();
    private static final Constraint CORR_CHOLESKY = new Constraints.CorrCholesky();
    private static final Constraint INTEGER = new Constraints.IntegerValued(Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY);
    private static final Constraint NON_NEGATIVE_INTEGER = new Constraints.IntegerValued(0,
            Double.POSITIVE_INFINITY);
    private static final Constraint POSITIVE_INTEGER = new Constraints.IntegerValued(1, Double.POSITIVE_INFINITY);
    private static final Constraint BOOL = new Constraints.IntegerValued(0, 1);

    /** Constraint classes live in this package. */
    Constraint() {
    }

    /**
     * Bool: which values satisfy the constraint. The result has the value's shape without the constraint's
     * {@link #eventDim()} trailing dimensions.
     */
    public abstract Tensor check(Tensor value);

    /**
     * Whether every value satisfies the constraint: {@code check(value).all()}, as one boolean. Subclasses answer
     * with fewer tensor operations where they can (the extreme values against the bounds), because validation asks
     * this for every parameter and every scored value.
     */
    public boolean isSatisfiedBy(Tensor value) {
        return check(value).all().item() != 0.0;
    }

    /** How many trailing dimensions one constrained value spans (0 for scalars, 1 for vectors, 2 for matrices). */
    public int eventDim() {
        return 0;
    }

    /** Whether the constrained values are discrete (integers or booleans). */
    public boolean isDiscrete() {
        return false;
    }

    /** All reals. */
    public static Constraint real() {
        return REAL;
    }

    /** Real vectors (event dimension 1). */
    public static Constraint realVector() {
        return REAL_VECTOR;
    }

    /** {@code x > 0}. */
    public static Constraint positive() {
        return POSITIVE;
    }

    /** {@code x >= 0}. */
    public static Constraint nonNegative() {
        return NON_NEGATIVE;
    }

    /** {@code x > lowerBound}. */
    public static Constraint greaterThan(double lowerBound) {
        return new Constraints.GreaterThan(lowerBound, false);
    }

    /** {@code x > lowerBound}, elementwise with a broadcasting bound. */
    public static Constraint greaterThan(Tensor lowerBound) {
        return new Constraints.TensorBounds(lowerBound, null, false);
    }

    /** {@code x >= lowerBound}. */
    public static Constraint greaterThanEq(double lowerBound) {
        return new Constraints.GreaterThan(lowerBound, true);
    }

    /** {@code x < upperBound}. */
    public static Constraint lessThan(double upperBound) {
        return new Constraints.LessThan(upperBound);
    }

    /** {@code lower <= x <= upper}. */
    public static Constraint interval(double lower, double upper) {
        return new Constraints.Interval(lower, upper);
    }

    /** {@code lower <= x <= upper}, elementwise with broadcasting bounds. */
    public static Constraint interval(Tensor lower, Tensor upper) {
        return new Constraints.TensorBounds(lower, upper, true);
    }

    /** {@code 0 <= x <= 1}. */
    public static Constraint unitInterval() {
        return UNIT_INTERVAL;
    }

    /** Vectors of non-negative entries summing to 1 (event dimension 1). */
    public static Constraint simplex() {
        return SIMPLEX;
    }

    /** Lower-triangular matrices with positive diagonals (event dimension 2). */
    public static Constraint lowerCholesky() {
        return LOWER_CHOLESKY;
    }

    /** Symmetric positive-definite matrices (event dimension 2). */
    public static Constraint positiveDefinite() {
        return POSITIVE_DEFINITE;
    }

    /** Cholesky factors of correlation matrices: lower triangular, positive diagonal, unit-norm rows. */
    public static Constraint corrCholesky() {
        return CORR_CHOLESKY;
    }

    /** Integers. */
    public static Constraint integer() {
        return INTEGER;
    }

    /** Integers {@code >= 0}. */
    public static Constraint nonNegativeInteger() {
        return NON_NEGATIVE_INTEGER;
    }

    /** Integers {@code >= 1}. */
    public static Constraint positiveInteger() {
        return POSITIVE_INTEGER;
    }

    /** Integers in {@code [lower, upper]}. */
    public static Constraint integerInterval(double lower, double upper) {
        return new Constraints.IntegerValued(lower, upper);
    }

    /** Integers in {@code [0, upper]} elementwise, for a broadcasting tensor of upper bounds. */
    public static Constraint integerInterval(Tensor upper) {
        return new Constraints.IntegerUpTo(upper);
    }

    /** The values 0 and 1 (or false and true). */
    public static Constraint bool() {
        return BOOL;
    }

    /** {@code base} applied to whole blocks of its last {@code reinterpretedDims} dimensions (all must hold). */
    public static Constraint independent(Constraint base, int reinterpretedDims) {
        if (reinterpretedDims < 0) {
            throw new IllegalArgumentException("independent: reinterpretedDims " + reinterpretedDims
                    + " is negative");
        }
        return reinterpretedDims == 0 ? base : new Constraints.Independent(base, reinterpretedDims);
    }

    /** Values as floating tensors, for checks that compute. */
    static Tensor floating(Tensor value) {
        return value.dtype().isFloating() ? value : value.asType(DType.FLOAT64);
    }
}
