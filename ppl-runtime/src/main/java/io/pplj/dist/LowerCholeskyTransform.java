package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * Square matrices to lower Cholesky factors: keeps the strictly lower triangle and exponentiates the diagonal,
 * {@code y = tril(x, -1) + diag(e^diag(x))}; the upper triangle is ignored. {@code log|det J| = sum_i x_ii} over
 * the free (lower-triangular) entries.
 */
public final class LowerCholeskyTransform extends Transform {

    private static final LowerCholeskyTransform INSTANCE = new LowerCholeskyTransform();

    private LowerCholeskyTransform() {
    }

    /** The lower-Cholesky transform. */
    public static LowerCholeskyTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tril(-1).add(x.diagonal().exp().diagEmbed());
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.tril(-1).add(y.diagonal().log().diagEmbed());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.diagonal().sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.real(), 2);
    }

    @Override
    public Constraint codomain() {
        return Constraint.lowerCholesky();
    }
}
