package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The Laplace (double exponential) distribution with location {@code loc} and scale {@code scale}:
 * {@code log p(x) = -log(2 scale) - |x - loc| / scale}. Reparameterized as PyTorch:
 * {@code x = loc - scale sign(v) log(1 - |v|)} with {@code v} uniform on {@code [eps - 1, 1)}.
 */
public final class Laplace extends Distribution {

    private final Tensor loc;
    private final Tensor scale;

    private Laplace(Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A Laplace with broadcasting {@code loc} and {@code scale > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a scale is not positive
     */
    public static Laplace of(Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(loc, scale);
        Laplace d = new Laplace(p[0], p[1], Parameters.batchShape("Laplace", p[0], p[1]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A Laplace with a tensor location and a fixed scale. */
    public static Laplace of(Tensor loc, double scale) {
        return of(loc, Parameters.scalar(scale));
    }

    /** A scalar Laplace. */
    public static Laplace of(double loc, double scale) {
        return of(Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** The location (mean and median). */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        double eps = ContinuousMath.eps(loc.dtype());
        Tensor v = rng.uniform(loc.dtype(), shape).mul(2.0).sub(1.0).clampMin(eps - 1.0);
        return v.sign().mul(v.abs().neg().log1p()).mul(scale).neg().add(loc);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return value.sub(loc).abs().div(scale).add(scale.mul(2.0).log()).neg();
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    /** {@code loc}. */
    @Override
    public Tensor mean() {
        return loc.expand(batchShape());
    }

    /** {@code 2 scale^2}. */
    @Override
    public Tensor variance() {
        return scale.square().mul(2.0).expand(batchShape());
    }

    /** {@code sqrt(2) scale}. */
    @Override
    public Tensor stddev() {
        return scale.mul(Math.sqrt(2.0)).expand(batchShape());
    }

    /** {@code 1 + log(2 scale)}. */
    @Override
    public Tensor entropy() {
        return scale.mul(2.0).log().add(1.0).expand(batchShape());
    }

    /**
     * {@code exp(-|x - loc| / scale) / 2} below {@code loc}, {@code 1 - exp(-|x - loc| / scale) / 2} from {@code loc}
     * on (PyTorch's single expression {@code 1/2 - sign(x - loc) expm1(-|x - loc| / scale) / 2} loses the lower
     * tail's relative accuracy to cancellation).
     */
    @Override
    public Tensor cdf(Tensor value) {
        Tensor d = value.sub(loc);
        Tensor half = d.abs().div(scale).neg().exp().mul(0.5);
        return Tensor.where(d.lt(0.0), half, half.rsub(1.0));
    }

    @Override
    public Laplace expand(int... newBatchShape) {
        return new Laplace(loc.expand(newBatchShape), scale.expand(newBatchShape), newBatchShape.clone());
    }
}
