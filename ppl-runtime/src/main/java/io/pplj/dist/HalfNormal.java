package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The half-normal distribution: {@code |X|} for {@code X ~ N(0, scale^2)}, so
 * {@code log p(x) = log(2 / pi) / 2 - log scale - x^2 / (2 scale^2)} for {@code x >= 0} and {@code -inf} below.
 * Reparameterized: {@code x = scale |eps|}, {@code eps ~ N(0, 1)}.
 */
public final class HalfNormal extends Distribution {

    private static final double HALF_LOG_2_OVER_PI = 0.5 * Math.log(2 / Math.PI);

    private final Tensor scale;

    private HalfNormal(Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.scale = scale;
    }

    /**
     * A half-normal with scales {@code scale > 0}.
     *
     * @throws IllegalArgumentException (validation on) if a scale is not positive
     */
    public static HalfNormal of(Tensor scale) {
        Tensor[] p = Parameters.promote(scale);
        HalfNormal d = new HalfNormal(p[0], Parameters.batchShape("HalfNormal", p[0]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A scalar half-normal. */
    public static HalfNormal of(double scale) {
        return of(Parameters.scalar(scale));
    }

    /** The scale of the underlying normal. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return rng.normal(scale.dtype(), shape).abs().mul(scale);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor lp = value.div(scale).square().mul(-0.5).sub(scale.log()).add(HALF_LOG_2_OVER_PI);
        return Tensor.where(value.ge(0.0), lp, ContinuousMath.constant(Double.NEGATIVE_INFINITY, lp));
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegative();
    }

    /** {@code scale sqrt(2 / pi)}. */
    @Override
    public Tensor mean() {
        return scale.mul(Math.sqrt(2 / Math.PI)).expand(batchShape());
    }

    /** {@code scale^2 (1 - 2 / pi)}. */
    @Override
    public Tensor variance() {
        return scale.square().mul(1 - 2 / Math.PI).expand(batchShape());
    }

    /** {@code log(pi scale^2 / 2) / 2 + 1/2}. */
    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 * Math.log(Math.PI / 2) + 0.5).expand(batchShape());
    }

    /** {@code erf(x / (scale sqrt 2))}; 0 for {@code x < 0}. */
    @Override
    public Tensor cdf(Tensor value) {
        return value.clampMin(0.0).div(scale.mul(Math.sqrt(2.0))).erf();
    }

    @Override
    public HalfNormal expand(int... newBatchShape) {
        return new HalfNormal(scale.expand(newBatchShape), newBatchShape.clone());
    }
}
