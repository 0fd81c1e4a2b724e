package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * Square matrices to symmetric positive-definite ones: {@code L = LowerCholeskyTransform(x)}, {@code y = L L^T}.
 * Over the {@code n(n+1)/2} free entries (lower triangles of x and y) the log-determinant is
 * {@code n log 2 + sum_k (n + 1 - k) x_kk} (k from 0): {@code n log 2 + sum_k (n - k) log L_kk} for
 * {@code L -> L L^T}, plus {@code sum_k x_kk} for the exponentiated diagonal.
 */
public final class PositiveDefiniteTransform extends Transform {

    private static final PositiveDefiniteTransform INSTANCE = new PositiveDefiniteTransform();

    private PositiveDefiniteTransform() {
    }

    /** The positive-definite transform. */
    public static PositiveDefiniteTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor l = LowerCholeskyTransform.of().forward(x);
        return l.matmul(l.mT());
    }

    @Override
    public Tensor inverse(Tensor y) {
        return LowerCholeskyTransform.of().inverse(y.cholesky());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int n = x.size(-1);
        Tensor weights = Tensor.arange(n).asType(x.dtype()).rsub(n + 1.0);
        return x.diagonal().mul(weights).sum(-1).add(n * Math.log(2.0));
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.real(), 2);
    }

    @Override
    public Constraint codomain() {
        return Constraint.positiveDefinite();
    }
}
