package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The Cauchy distribution with median {@code loc} and half-width {@code scale}: with {@code z = (x - loc) / scale},
 * {@code log p(x) = -log pi - log scale - log(1 + z^2)}. Reparameterized: {@code x = loc + scale tan(pi (u - 1/2))},
 * {@code u ~ U[0, 1)}.
 *
 * <p>The Cauchy has no mean and no variance. As in PyTorch, {@link #mean()} returns NaN and {@link #variance()}
 * returns {@code +inf}.
 */
public final class Cauchy extends Distribution {

    private final Tensor loc;
    private final Tensor scale;

    private Cauchy(Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A Cauchy with broadcasting {@code loc} and {@code scale > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a scale is not positive
     */
    public static Cauchy of(Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(loc, scale);
        Cauchy d = new Cauchy(p[0], p[1], Parameters.batchShape("Cauchy", p[0], p[1]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A Cauchy with a tensor location and a fixed scale. */
    public static Cauchy of(Tensor loc, double scale) {
        return of(loc, Parameters.scalar(scale));
    }

    /** A scalar Cauchy. */
    public static Cauchy of(double loc, double scale) {
        return of(Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** The median. */
    public Tensor loc() {
        return loc;
    }

    /** The half-width at half-maximum. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor angle = rng.uniform(loc.dtype(), shape).sub(0.5).mul(Math.PI);
        return angle.sin().div(angle.cos()).mul(scale).add(loc);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor z = value.sub(loc).div(scale);
        return z.square().log1p().add(scale.log()).add(ContinuousMath.LOG_PI).neg();
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    /** NaN: the Cauchy has no mean (PyTorch's convention). */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.NaN, loc.dtype(), batchShape());
    }

    /** {@code +inf}: the Cauchy has no finite variance (PyTorch's convention). */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, loc.dtype(), batchShape());
    }

    /** {@code log(4 pi scale)}. */
    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI)).expand(batchShape());
    }

    @Override
    public Cauchy expand(int... newBatchShape) {
        return new Cauchy(loc.expand(newBatchShape), scale.expand(newBatchShape), newBatchShape.clone());
    }
}
