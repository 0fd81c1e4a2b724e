package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * An invertible, differentiable map {@code y = f(x)} with the log absolute determinant of its Jacobian, for
 * {@link TransformedDistribution} (change of variables: {@code log p_Y(y) = log p_X(x) - log|det J_f(x)|}) and for
 * mapping unconstrained parameters onto constrained sets ({@link Transforms#bijectTo(Constraint)}).
 *
 * <p>A transform acts on events of {@code domain().eventDim()} trailing dimensions and produces events of
 * {@code codomain().eventDim()} dimensions; {@link #logAbsDetJacobian(Tensor, Tensor)} returns one value per event,
 * with the batch shape of x.
 */
public abstract class Transform {

    /** Transform classes live in this package. */
    Transform() {
    }

    /** {@code y = f(x)}. */
    public abstract Tensor forward(Tensor x);

    /** {@code x = f^-1(y)}. */
    public abstract Tensor inverse(Tensor y);

    /** {@code log |det df/dx|} at {@code x} (with {@code y = f(x)}), one value per event. */
    public abstract Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /** Where x lives. */
    public abstract Constraint domain();

    /** Where y lives. */
    public abstract Constraint codomain();

    /** Whether f is a bijection between domain and codomain (all but softmax). */
    public boolean isBijective() {
        return true;
    }

    /** The shape of y for x of shape {@code shape} (the same, except for transforms that change event shapes). */
    public int[] forwardShape(int[] shape) {
        return shape.clone();
    }

    /** The shape of x for y of shape {@code shape}. */
    public int[] inverseShape(int[] shape) {
        return shape.clone();
    }

    /** The inverse transform {@code f^-1}. */
    public Transform inv() {
        return new InverseTransform(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
