package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The gamma distribution with shape {@code concentration} (alpha) and {@code rate} (beta; the inverse scale, as in
 * PyTorch): {@code log p(x) = alpha log beta + (alpha - 1) log x - beta x - lgamma(alpha)} for {@code x >= 0}
 * (with {@code 0 log 0 = 0}, so {@code Gamma(1, beta)} has density {@code beta} at 0).
 *
 * <p>Reparameterized: {@code x = g / beta} with {@code g ~ Gamma(alpha, 1)} from {@link Rng#gamma}, whose implicit
 * reparameterization gradient {@code dg/dalpha} makes draws differentiable in the concentration. Draws are clamped
 * below to the smallest normal number of their type, so they are never exactly 0.
 */
public final class Gamma extends Distribution {

    private final Tensor concentration;
    private final Tensor rate;

    private Gamma(Tensor concentration, Tensor rate, int[] batchShape) {
        super(batchShape, new int[0]);
        this.concentration = concentration;
        this.rate = rate;
    }

    /**
     * A gamma with broadcasting {@code concentration > 0} and {@code rate > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a parameter is not
     *     positive
     */
    public static Gamma of(Tensor concentration, Tensor rate) {
        Tensor[] p = Parameters.promote(concentration, rate);
        Gamma d = new Gamma(p[0], p[1], Parameters.batchShape("Gamma", p[0], p[1]));
        d.checkParameter("concentration", d.concentration, Constraint.positive());
        d.checkParameter("rate", d.rate, Constraint.positive());
        return d;
    }

    /** A gamma with a tensor concentration and a fixed rate. */
    public static Gamma of(Tensor concentration, double rate) {
        return of(concentration, Parameters.scalar(rate));
    }

    /** A scalar gamma. */
    public static Gamma of(double concentration, double rate) {
        return of(Parameters.scalar(concentration), Parameters.scalar(rate));
    }

    /** The shape parameter alpha. */
    public Tensor concentration() {
        return concentration;
    }

    /** The rate parameter beta (inverse scale). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor g = rng.gamma(concentration.expand(shape)).div(rate);
        return ContinuousMath.clampValues(g, ContinuousMath.tiny(g.dtype()), Double.POSITIVE_INFINITY);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return concentration.sub(1.0).xlogy(value)
                .add(concentration.mul(rate.log()))
                .sub(rate.mul(value))
                .sub(concentration.lgamma());
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegative();
    }

    /** {@code alpha / beta}. */
    @Override
    public Tensor mean() {
        return concentration.div(rate).expand(batchShape());
    }

    /** {@code alpha / beta^2}. */
    @Override
    public Tensor variance() {
        return concentration.div(rate.square()).expand(batchShape());
    }

    /** {@code alpha - log beta + lgamma(alpha) + (1 - alpha) digamma(alpha)}. */
    @Override
    public Tensor entropy() {
        return concentration.sub(rate.log()).add(concentration.lgamma())
                .add(concentration.rsub(1.0).mul(concentration.digamma())).expand(batchShape());
    }

    @Override
    public Gamma expand(int... newBatchShape) {
        return new Gamma(concentration.expand(newBatchShape), rate.expand(newBatchShape), newBatchShape.clone());
    }
}
