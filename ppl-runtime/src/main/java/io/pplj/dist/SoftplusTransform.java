package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * {@code y = log(1 + e^x)}, from the reals to the positive reals; inverse {@code y + log(-expm1(-y))};
 * {@code log|dy/dx| = log sigmoid(x) = -softplus(-x)}.
 */
public final class SoftplusTransform extends Transform {

    private static final SoftplusTransform INSTANCE = new SoftplusTransform();

    private SoftplusTransform() {
    }

    /** The softplus transform. */
    public static SoftplusTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softplus();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.add(y.neg().expm1().neg().log());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().softplus().neg();
    }

    @Override
    public Constraint domain() {
        return Constraint.real();
    }

    @Override
    public Constraint codomain() {
        return Constraint.positive();
    }
}
