package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * {@code y = tanh(x)}, from the reals to {@code (-1, 1)}; inverse {@code atanh(y) = (log1p(y) - log1p(-y)) / 2};
 * {@code log|dy/dx| = log(1 - tanh^2 x) = 2 (log 2 - x - softplus(-2x))}.
 */
public final class TanhTransform extends Transform {

    private static final TanhTransform INSTANCE = new TanhTransform();
    private static final double LOG_2 = Math.log(2.0);

    private TanhTransform() {
    }

    /** The hyperbolic-tangent transform. */
    public static TanhTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log1p().sub(y.neg().log1p()).mul(0.5);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.rsub(LOG_2).sub(x.mul(-2.0).softplus()).mul(2.0);
    }

    @Override
    public Constraint domain() {
        return Constraint.real();
    }

    @Override
    public Constraint codomain() {
        return Constraint.interval(-1.0, 1.0);
    }
}
