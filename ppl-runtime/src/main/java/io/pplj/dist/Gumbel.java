package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The Gumbel (type-I extreme value) distribution with location {@code loc} and scale {@code scale}: with
 * {@code z = (x - loc) / scale}, {@code log p(x) = -(z + exp(-z)) - log scale}. Reparameterized as PyTorch:
 * {@code x = loc - scale log(-log u)} with {@code u} uniform, clamped to {@code [tiny, 1 - eps]} of its type.
 */
public final class Gumbel extends Distribution {

    private final Tensor loc;
    private final Tensor scale;

    private Gumbel(Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A Gumbel with broadcasting {@code loc} and {@code scale > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a scale is not positive
     */
    public static Gumbel of(Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(loc, scale);
        Gumbel d = new Gumbel(p[0], p[1], Parameters.batchShape("Gumbel", p[0], p[1]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A Gumbel with a tensor location and a fixed scale. */
    public static Gumbel of(Tensor loc, double scale) {
        return of(loc, Parameters.scalar(scale));
    }

    /** A scalar Gumbel. */
    public static Gumbel of(double loc, double scale) {
        return of(Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** The location (the mode). */
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
        double tiny = ContinuousMath.tiny(loc.dtype());
        double eps = ContinuousMath.eps(loc.dtype());
        Tensor u = rng.uniform(loc.dtype(), shape).clamp(tiny, 1.0 - eps);
        return u.log().neg().log().mul(scale).neg().add(loc);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor z = value.sub(loc).div(scale);
        return z.add(z.neg().exp()).add(scale.log()).neg();
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    /** {@code loc + gamma scale}, gamma the Euler-Mascheroni constant. */
    @Override
    public Tensor mean() {
        return scale.mul(ContinuousMath.EULER_GAMMA).add(loc).expand(batchShape());
    }

    /** {@code pi^2 scale^2 / 6}. */
    @Override
    public Tensor variance() {
        return scale.square().mul(Math.PI * Math.PI / 6).expand(batchShape());
    }

    /** {@code log scale + 1 + gamma}. */
    @Override
    public Tensor entropy() {
        return scale.log().add(1.0 + ContinuousMath.EULER_GAMMA).expand(batchShape());
    }

    /** {@code exp(-exp(-(x - loc) / scale))}. */
    @Override
    public Tensor cdf(Tensor value) {
        return value.sub(loc).div(scale).neg().exp().neg().exp();
    }

    @Override
    public Gumbel expand(int... newBatchShape) {
        return new Gumbel(loc.expand(newBatchShape), scale.expand(newBatchShape), newBatchShape.clone());
    }
}
