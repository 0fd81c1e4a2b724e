package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * {@code y = loc + scale * x} elementwise (loc and scale broadcast); {@code log|dy/dx| = log|scale|}, summed over
 * the transform's {@code eventDim} trailing dimensions. Tensor parameters broadcast with x, so the output shape is
 * {@code broadcast(x.shape, loc.shape, scale.shape)}; {@code double} parameters are kept as doubles and act like
 * Python scalars in PyTorch: they neither round to float32 nor change x's type.
 */
public final class AffineTransform extends Transform {

    /** Null for a constant ({@link #locValue}). */
    private final Tensor loc;
    /** Null for a constant ({@link #scaleValue}). */
    private final Tensor scale;
    private final double locValue;
    private final double scaleValue;
    private final int eventDim;

    private AffineTransform(Tensor loc, Tensor scale, double locValue, double scaleValue, int eventDim) {
        if (eventDim < 0) {
            throw new IllegalArgumentException("AffineTransform: eventDim " + eventDim + " is negative");
        }
        this.loc = loc;
        this.scale = scale;
        this.locValue = locValue;
        this.scaleValue = scaleValue;
        this.eventDim = eventDim;
    }

    /** {@code y = loc + scale * x} on scalars. */
    public static AffineTransform of(Tensor loc, Tensor scale) {
        return of(loc, scale, 0);
    }

    /** {@code y = loc + scale * x} on events of {@code eventDim} dimensions. */
    public static AffineTransform of(Tensor loc, Tensor scale, int eventDim) {
        return new AffineTransform(loc, scale, 0.0, 0.0, eventDim);
    }

    /** {@code y = loc + scale * x} on scalars, with constants that keep x's type. */
    public static AffineTransform of(double loc, double scale) {
        return of(loc, scale, 0);
    }

    /** {@code y = loc + scale * x} on events of {@code eventDim} dimensions, with constants that keep x's type. */
    public static AffineTransform of(double loc, double scale, int eventDim) {
        return new AffineTransform(null, null, loc, scale, eventDim);
    }

    /** The shift (a float64 scalar when given as a double). */
    public Tensor loc() {
        return loc != null ? loc : Tensor.scalar(locValue, DType.FLOAT64);
    }

    /** The scale (a float64 scalar when given as a double). */
    public Tensor scale() {
        return scale != null ? scale : Tensor.scalar(scaleValue, DType.FLOAT64);
    }

    @Override
    public Tensor forward(Tensor x) {
        return loc != null ? x.mul(scale).add(loc) : x.mul(scaleValue).add(locValue);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return loc != null ? y.sub(loc).div(scale) : y.sub(locValue).div(scaleValue);
    }

    /** {@code log|scale|} broadcast against x, summed over the {@code eventDim} trailing dimensions. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor ladj;
        if (scale != null) {
            int[] shape = Shapes.broadcast("AffineTransform", x.shape(), scale.shape());
            ladj = scale.abs().log().expand(shape);
        } else {
            ladj = Tensor.fullLike(x, Math.log(Math.abs(scaleValue)));
        }
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

    /** {@code broadcast(shape, loc.shape, scale.shape)}. */
    @Override
    public int[] forwardShape(int[] shape) {
        return loc == null ? shape.clone() : Shapes.broadcast("AffineTransform", shape, loc.shape(), scale.shape());
    }

    /** {@code broadcast(shape, loc.shape, scale.shape)}. */
    @Override
    public int[] inverseShape(int[] shape) {
        return forwardShape(shape);
    }
}
