package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Locale;

/** The constraint implementations behind {@link Constraint}'s factories. */
final class Constraints {

    private Constraints() {
    }

    /** Bool: whether {@code ok} holds over all of its last {@code k} dimensions. */
    static Tensor allOver(Tensor ok, int k) {
        if (k == 0) {
            return ok;
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = ok.dim() - k + i;
        }
        return ok.not().asType(DType.INT64).sum(dims, false).eq(0.0);
    }

    /** Bool: finite floating values without a fractional part (infinities equal their floor but are no integers). */
    static Tensor wholeNumber(Tensor value) {
        return value.eq(value.floor()).and(value.isFinite());
    }

    /**
     * Whether one range pass ({@link Tensor#allInRange}) decides a bound check: a non-empty floating or integer
     * tensor (a NaN fails the range, as it fails {@link Constraint#check}); bool tensors go through {@code check}.
     */
    private static boolean isNumeric(Tensor value) {
        return value.numel() > 0 && value.dtype() != DType.BOOL;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** All reals (NaN excluded), over {@code eventDim} trailing dimensions. */
    static final class Real extends Constraint {
        private final int eventDim;

        Real(int eventDim) {
            this.eventDim = eventDim;
        }

        @Override
        public Tensor check(Tensor value) {
            return allOver(value.isNaN().not(), eventDim);
        }

        /** No NaN: every element within the whole real line, infinities included. */
        @Override
        public boolean isSatisfiedBy(Tensor value) {
            return !value.dtype().isFloating() || value.allInRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        @Override
        public int eventDim() {
            return eventDim;
        }

        @Override
        public String toString() {
            return eventDim == 0 ? "real" : "realVector";
        }
    }

    /** {@code x > bound} or {@code x >= bound}. */
    static final class GreaterThan extends Constraint {
        final double bound;
        final boolean inclusive;

        GreaterThan(double bound, boolean inclusive) {
            this.bound = bound;
            this.inclusive = inclusive;
        }

        @Override
        public Tensor check(Tensor value) {
            return inclusive ? value.ge(bound) : value.gt(bound);
        }

        /** One range pass: {@code x > b} is {@code x >= nextUp(b)} for the double value of every element. */
        @Override
        public boolean isSatisfiedBy(Tensor value) {
            if (!isNumeric(value)) {
                return super.isSatisfiedBy(value);
            }
            return value.allInRange(inclusive ? bound : Math.nextUp(bound), Double.POSITIVE_INFINITY);
        }

        @Override
        public String toString() {
            if (bound == 0.0) {
                return inclusive ? "nonNegative" : "positive";
            }
            return (inclusive ? "greaterThanEq(" : "greaterThan(") + number(bound) + ")";
        }
    }

    /** {@code x < bound}. */
    static final class LessThan extends Constraint {
        final double bound;

        LessThan(double bound) {
            this.bound = bound;
        }

        @Override
        public Tensor check(Tensor value) {
            return value.lt(bound);
        }

        @Override
        public boolean isSatisfiedBy(Tensor value) {
            return isNumeric(value) ? value.allInRange(Double.NEGATIVE_INFINITY, Math.nextDown(bound))
                    : super.isSatisfiedBy(value);
        }

        @Override
        public String toString() {
            return "lessThan(" + number(bound) + ")";
        }
    }

    /** {@code lower <= x <= upper}. */
    static final class Interval extends Constraint {
        final double lower;
        final double upper;

        Interval(double lower, double upper) {
            if (!(lower < upper)) {
                throw new IllegalArgumentException("interval: lower bound " + lower + " is not below upper bound "
                        + upper);
            }
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public Tensor check(Tensor value) {
            return value.ge(lower).and(value.le(upper));
        }

        @Override
        public boolean isSatisfiedBy(Tensor value) {
            return isNumeric(value) ? value.allInRange(lower, upper) : super.isSatisfiedBy(value);
        }

        @Override
        public String toString() {
            return lower == 0.0 && upper == 1.0 ? "unitInterval" : "interval(" + number(lower) + ", "
                    + number(upper) + ")";
        }
    }

    /** Elementwise bounds given as tensors: {@code x > lower}, or {@code lower <= x <= upper}. */
    static final class TensorBounds extends Constraint {
        final Tensor lower;
        final Tensor upper;

        TensorBounds(Tensor lower, Tensor upper, boolean interval) {
            this.lower = lower.detach();
            this.upper = interval ? upper.detach() : null;
        }

        @Override
        public Tensor check(Tensor value) {
            if (upper == null) {
                return value.gt(lower);
            }
            return value.ge(lower).and(value.le(upper));
        }

        @Override
        public String toString() {
            return upper == null ? "greaterThan(tensor)" : "interval(tensor, tensor)";
        }
    }

    /** Non-negative vectors summing to 1 within 1e-6. */
    static final class Simplex extends Constraint {
        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            Tensor nonNegative = allOver(v.ge(0.0), 1);
            return nonNegative.and(v.sum(-1).sub(1.0).abs().lt(1e-6));
        }

        @Override
        public int eventDim() {
            return 1;
        }

        @Override
        public String toString() {
            return "simplex";
        }
    }

    /** Lower-triangular square matrices with positive diagonals (no NaN entries). */
    static final class LowerCholesky extends Constraint {
        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            // tril(v) == v: zero above the diagonal, and false for NaN anywhere (NaN != NaN)
            Tensor lower = allOver(v.tril(0).eq(v), 2);
            return lower.and(allOver(v.diagonal().gt(0.0), 1));
        }

        @Override
        public int eventDim() {
            return 2;
        }

        @Override
        public String toString() {
            return "lowerCholesky";
        }
    }

    /**
     * Cholesky factors of correlation matrices: lower Cholesky factors whose rows have unit norm within
     * {@code 10 n eps} of the type's machine epsilon.
     */
    static final class CorrCholesky extends Constraint {
        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            int n = v.size(-1);
            double eps = v.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
            Tensor rowNorms = v.square().sum(-1).sqrt();
            Tensor unitRows = allOver(rowNorms.sub(1.0).abs().le(10.0 * n * eps), 1);
            return Constraint.lowerCholesky().check(v).and(unitRows);
        }

        @Override
        public int eventDim() {
            return 2;
        }

        @Override
        public String toString() {
            return "corrCholesky";
        }
    }

    /** Symmetric matrices whose Cholesky factorization exists. */
    static final class PositiveDefinite extends Constraint {
        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            int n = v.size(-1);
            Tensor symmetric = allOver(v.sub(v.mT()).abs().le(v.abs().mul(1e-6).add(1e-12)), 2);
            Tensor flat = v.reshape(-1, n, n);
            int count = flat.size(0);
            boolean[] factorizable = new boolean[count];
            for (int b = 0; b < count; b++) {
                try {
                    flat.select(0, b).cholesky();
                    factorizable[b] = true;
                } catch (IllegalArgumentException notPositiveDefinite) {
                    factorizable[b] = false;
                }
            }
            int[] batch = java.util.Arrays.copyOf(v.shape(), v.dim() - 2);
            return symmetric.and(Tensor.ofBooleans(factorizable, batch));
        }

        @Override
        public int eventDim() {
            return 2;
        }

        @Override
        public String toString() {
            return "positiveDefinite";
        }
    }

    /** Finite integers within {@code [lower, upper]} (booleans when the bounds are 0 and 1). */
    static final class IntegerValued extends Constraint {
        final double lower;
        final double upper;

        IntegerValued(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor inRange = value.ge(lower).and(value.le(upper));
            return value.dtype().isFloating() ? inRange.and(wholeNumber(value)) : inRange;
        }

        /** One pass over the value: finite integers within the bounds ({@link Tensor#allIntegersInRange}). */
        @Override
        public boolean isSatisfiedBy(Tensor value) {
            return isNumeric(value) ? value.allIntegersInRange(lower, upper) : super.isSatisfiedBy(value);
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String toString() {
            if (lower == 0 && upper == 1) {
                return "bool";
            }
            if (Double.isInfinite(upper)) {
                return lower == 0 ? "nonNegativeInteger" : lower == 1 ? "positiveInteger" : "integer";
            }
            return "integerInterval(" + number(lower) + ", " + number(upper) + ")";
        }
    }

    /** Integers within {@code [0, upper]} for elementwise upper bounds. */
    static final class IntegerUpTo extends Constraint {
        final Tensor upper;

        IntegerUpTo(Tensor upper) {
            this.upper = upper.detach();
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor inRange = value.ge(0.0).and(value.le(upper));
            return value.dtype().isFloating() ? inRange.and(wholeNumber(value)) : inRange;
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String toString() {
            return "integerInterval(0, tensor)";
        }
    }

    /** A base constraint required over whole blocks of trailing dimensions. */
    static final class Independent extends Constraint {
        final Constraint base;
        final int reinterpreted;

        Independent(Constraint base, int reinterpreted) {
            this.base = base;
            this.reinterpreted = reinterpreted;
        }

        @Override
        public Tensor check(Tensor value) {
            return allOver(base.check(value), reinterpreted);
        }

        /** Every block satisfies the base exactly when every value does: the base's own one-boolean answer. */
        @Override
        public boolean isSatisfiedBy(Tensor value) {
            return base.isSatisfiedBy(value);
        }

        @Override
        public int eventDim() {
            return base.eventDim() + reinterpreted;
        }

        @Override
        public boolean isDiscrete() {
            return base.isDiscrete();
        }

        @Override
        public String toString() {
            return "independent(" + base + ", " + reinterpreted + ")";
        }
    }
}
