package io.pplj.dist;

import io.pplj.tensor.Tensor;

/** {@code y = e^x}, from the reals to the positive reals; {@code log|dy/dx| = x}. */
public final class ExpTransform extends Transform {

    private static final ExpTransform INSTANCE = new ExpTransform();

    private ExpTransform() {
    }

    /** The exponential transform. */
    public static ExpTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
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
