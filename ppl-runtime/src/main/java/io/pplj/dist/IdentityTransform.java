package io.pplj.dist;

import io.pplj.tensor.Tensor;

/** {@code y = x} on events of {@code eventDim} dimensions; log-determinant 0. */
public final class IdentityTransform extends Transform {

    private static final IdentityTransform SCALAR = new IdentityTransform(0);
    private static final IdentityTransform VECTOR = new IdentityTransform(1);

    private final int eventDim;

    private IdentityTransform(int eventDim) {
        this.eventDim = eventDim;
    }

    /** The identity on events of {@code eventDim} dimensions. */
    public static IdentityTransform of(int eventDim) {
        if (eventDim == 0) {
            return SCALAR;
        }
        return eventDim == 1 ? VECTOR : new IdentityTransform(eventDim);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Independent.sumRightmost(Tensor.zerosLike(x), eventDim);
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.real(), eventDim);
    }

    @Override
    public Constraint codomain() {
        return domain();
    }
}
