package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * {@code y = softmax(x)} along the last dimension, onto the simplex. Not a bijection (adding a constant to x does
 * not change y): {@code inverse} returns {@code log y}, one preimage, and there is no log-determinant. Used by
 * {@link Transforms#transformTo(Constraint)} for the simplex.
 */
public final class SoftmaxTransform extends Transform {

    private static final SoftmaxTransform INSTANCE = new SoftmaxTransform();

    private SoftmaxTransform() {
    }

    /** The softmax transform. */
    public static SoftmaxTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(-1);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("SoftmaxTransform is not bijective and has no log-determinant;"
                + " use StickBreakingTransform (Transforms.bijectTo(simplex))");
    }

    @Override
    public boolean isBijective() {
        return false;
    }

    @Override
    public Constraint domain() {
        return Constraint.realVector();
    }

    @Override
    public Constraint codomain() {
        return Constraint.simplex();
    }
}
