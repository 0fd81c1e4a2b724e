package io.pplj.dist;

import io.pplj.tensor.Tensor;

/** The inverse of a transform: forward and inverse swapped, the log-determinant negated. */
final class InverseTransform extends Transform {

    private final Transform inner;

    InverseTransform(Transform inner) {
        this.inner = inner;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inner.inverse(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return inner.forward(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return inner.logAbsDetJacobian(y, x).neg();
    }

    @Override
    public Constraint domain() {
        return inner.codomain();
    }

    @Override
    public Constraint codomain() {
        return inner.domain();
    }

    @Override
    public boolean isBijective() {
        return inner.isBijective();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return inner.inverseShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return inner.forwardShape(shape);
    }

    @Override
    public Transform inv() {
        return inner;
    }

    @Override
    public String toString() {
        return "Inverse(" + inner + ")";
    }
}
