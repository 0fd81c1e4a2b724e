package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The exponential distribution with rate {@code rate} (mean {@code 1 / rate}):
 * {@code log p(x) = log rate - rate x} for {@code x >= 0}. Reparameterized: {@code x = -log(1 - u) / rate},
 * {@code u ~ U[0, 1)}.
 */
public final class Exponential extends Distribution {

    private final Tensor rate;

    private Exponential(Tensor rate, int[] batchShape) {
        super(batchShape, new int[0]);
        this.rate = rate;
    }

    /**
     * An exponential with rates {@code rate > 0}.
     *
     * @throws IllegalArgumentException (validation on) if a rate is not positive
     */
    public static Exponential of(Tensor rate) {
        Tensor[] p = Parameters.promote(rate);
        Exponential d = new Exponential(p[0], Parameters.batchShape("Exponential", p[0]));
        d.checkParameter("rate", d.rate, Constraint.positive());
        return d;
    }

    /** A scalar exponential. */
    public static Exponential of(double rate) {
        return of(Parameters.scalar(rate));
    }

    /** The rate (inverse mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return rng.uniform(rate.dtype(), shape).neg().log1p().neg().div(rate);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return rate.log().sub(rate.mul(value));
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegative();
    }

    /** {@code 1 / rate}. */
    @Override
    public Tensor mean() {
        return rate.reciprocal().expand(batchShape());
    }

    /** {@code 1 / rate^2}. */
    @Override
    public Tensor variance() {
        return rate.square().reciprocal().expand(batchShape());
    }

    /** {@code 1 / rate}. */
    @Override
    public Tensor stddev() {
        return rate.reciprocal().expand(batchShape());
    }

    /** {@code 1 - log rate}. */
    @Override
    public Tensor entropy() {
        return rate.log().rsub(1.0).expand(batchShape());
    }

    /** {@code 1 - exp(-rate x)}; 0 for {@code x < 0}. */
    @Override
    public Tensor cdf(Tensor value) {
        return rate.mul(value.clampMin(0.0)).neg().expm1().neg();
    }

    @Override
    public Exponential expand(int... newBatchShape) {
        return new Exponential(rate.expand(newBatchShape), newBatchShape.clone());
    }
}
