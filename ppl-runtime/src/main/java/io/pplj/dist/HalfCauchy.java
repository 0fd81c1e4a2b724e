package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The half-Cauchy distribution: {@code |X|} for {@code X ~ Cauchy(0, scale)}, so
 * {@code log p(x) = log 2 - log pi - log scale - log(1 + (x / scale)^2)} for {@code x >= 0} and {@code -inf} below.
 * Reparameterized: {@code x = scale |tan(pi u / 2)|}, {@code u ~ U[0, 1)}.
 *
 * <p>As in PyTorch, {@link #mean()} and {@link #variance()} return {@code +inf}.
 */
public final class HalfCauchy extends Distribution {

    private static final double LOG_2_OVER_PI = Math.log(2 / Math.PI);

    private final Tensor scale;

    private HalfCauchy(Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.scale = scale;
    }

    /**
     * A half-Cauchy with scales {@code scale > 0}.
     *
     * @throws IllegalArgumentException (validation on) if a scale is not positive
     */
    public static HalfCauchy of(Tensor scale) {
        Tensor[] p = Parameters.promote(scale);
        HalfCauchy d = new HalfCauchy(p[0], Parameters.batchShape("HalfCauchy", p[0]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A scalar half-Cauchy. */
    public static HalfCauchy of(double scale) {
        return of(Parameters.scalar(scale));
    }

    /** The scale of the underlying Cauchy (also the median). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor angle = rng.uniform(scale.dtype(), shape).mul(0.5 * Math.PI);
        // abs: in float32 the angle can round up to just above pi/2, where the cosine turns negative
        return angle.sin().div(angle.cos()).abs().mul(scale);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor lp = value.div(scale).square().log1p().add(scale.log()).neg().add(LOG_2_OVER_PI);
        return Tensor.where(value.ge(0.0), lp, ContinuousMath.constant(Double.NEGATIVE_INFINITY, lp));
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegative();
    }

    /** {@code +inf} (PyTorch's convention: the half-Cauchy has no finite mean). */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.dtype(), batchShape());
    }

    /** {@code +inf} (PyTorch's convention). */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.dtype(), batchShape());
    }

    /** {@code log(2 pi scale)}. */
    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(2 * Math.PI)).expand(batchShape());
    }

    @Override
    public HalfCauchy expand(int... newBatchShape) {
        return new HalfCauchy(scale.expand(newBatchShape), newBatchShape.clone());
    }
}
