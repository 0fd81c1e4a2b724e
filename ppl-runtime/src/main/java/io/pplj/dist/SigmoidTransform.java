package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * {@code y = 1 / (1 + e^-x)}, from the reals to the unit interval; inverse {@code log y - log(1 - y)};
 * {@code log|dy/dx| = -softplus(-x) - softplus(x)}.
 */
public final class SigmoidTransform extends Transform {

    private static final SigmoidTransform INSTANCE = new SigmoidTransform();

    private SigmoidTransform() {
    }

    /** The logistic transform. */
    public static SigmoidTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log().sub(y.neg().log1p());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().softplus().add(x.softplus()).neg();
    }

    @Override
    public Constraint domain() {
        return Constraint.real();
    }

    @Override
    public Constraint codomain() {
        return Constraint.unitInterval();
    }
}
