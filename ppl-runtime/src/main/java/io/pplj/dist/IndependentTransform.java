package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * A transform whose events span {@code n} more trailing dimensions than its base's: the same map, with the
 * log-determinant summed over those dimensions.
 */
public final class IndependentTransform extends Transform {

    private final Transform base;
    private final int reinterpreted;

    private IndependentTransform(Transform base, int reinterpreted) {
        this.base = base;
        this.reinterpreted = reinterpreted;
    }

    /** {@code base} acting on events widened by {@code n} trailing dimensions. */
    public static Transform of(Transform base, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("IndependentTransform: n = " + n + " is negative");
        }
        return n == 0 ? base : new IndependentTransform(base, n);
    }

    @Override
    public Tensor forward(Tensor x) {
        return base.forward(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return base.inverse(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Independent.sumRightmost(base.logAbsDetJacobian(x, y), reinterpreted);
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(base.domain(), reinterpreted);
    }

    @Override
    public Constraint codomain() {
        return Constraint.independent(base.codomain(), reinterpreted);
    }

    @Override
    public boolean isBijective() {
        return base.isBijective();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return base.forwardShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return base.inverseShape(shape);
    }

    @Override
    public String toString() {
        return "Independent(" + base + ", " + reinterpreted + ")";
    }
}
