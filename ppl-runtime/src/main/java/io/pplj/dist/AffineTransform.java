package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * {@code y = loc + scale * x} elementwise (loc and scale broadcast); {@code log|dy/dx| = log|scale|}, summed over
 * the transform's {@code eventDim} trailing dimensions.
 */
public final class AffineTransform extends Transform {

    private final Tensor loc;
    private final Tensor scale;
    private final int eventDim;

    private AffineTransform(Tensor loc, Tensor scale, int eventDim) {
        this.loc = loc;
        this.scale = scale;
        this.eventDim = eventDim;
    }

    /** {@code y = loc + scale * x} on scalars. */
    public static AffineTransform of(Tensor loc, Tensor scale) {
        return of(loc, scale, 0);
    }

    /** {@code y = loc + scale * x} on events of {@code eventDim} dimensions. */
    public static AffineTransform of(Tensor loc, Tensor scale, int eventDim) {
        if (eventDim < 0) {
            throw new IllegalArgumentException("AffineTransform: eventDim " + eventDim + " is negative");
        }
        return new AffineTransform(loc, scale, eventDim);
    }

    /** {@code y = loc + scale * x} on scalars. */
    public static AffineTransform of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale), 0);
    }

    /** The shift. */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.mul(scale).add(loc);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.sub(loc).div(scale);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int[] shape = io.pplj.tensor.Shapes.broadcast("AffineTransform", x.shape(), scale.shape());
        Tensor ladj = scale.abs().log().expand(shape);
        return Independent.sumRightmost(ladj, eventDim);
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.real(), eventDim);
    }

    @Override
    public Constraint codomain() {
        return Constraint.independent(Constraint.real(), eventDim);
    }
}
