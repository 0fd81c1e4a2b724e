package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The log-normal distribution: {@code log x ~ N(loc, scale^2)}, with {@code loc} and {@code scale} those of the
 * underlying normal (as PyTorch's {@code LogNormal}):
 * {@code log p(x) = -(log x - loc)^2 / (2 scale^2) - log scale - log x - log(2 pi) / 2} for {@code x > 0}.
 * Reparameterized: {@code x = exp(loc + scale * eps)}, {@code eps ~ N(0, 1)}.
 */
public final class LogNormal extends Distribution {

    private final Tensor loc;
    private final Tensor scale;

    private LogNormal(Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A log-normal whose logarithm has mean {@code loc} and standard deviation {@code scale > 0} (broadcasting).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a scale is not positive
     */
    public static LogNormal of(Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(loc, scale);
        LogNormal d = new LogNormal(p[0], p[1], Parameters.batchShape("LogNormal", p[0], p[1]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A log-normal with a tensor {@code loc} and a fixed scale. */
    public static LogNormal of(Tensor loc, double scale) {
        return of(loc, Parameters.scalar(scale));
    }

    /** A scalar log-normal. */
    public static LogNormal of(double loc, double scale) {
        return of(Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** The mean of {@code log x}. */
    public Tensor loc() {
        return loc;
    }

    /** The standard deviation of {@code log x}. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return rng.normal(loc.dtype(), shape).mul(scale).add(loc).exp();
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor logX = value.log();
        Tensor z = logX.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(logX).sub(ContinuousMath.HALF_LOG_2PI);
    }

    @Override
    public Constraint support() {
        return Constraint.positive();
    }

    /** {@code exp(loc + scale^2 / 2)}. */
    @Override
    public Tensor mean() {
        return loc.add(scale.square().mul(0.5)).exp().expand(batchShape());
    }

    /** {@code (exp(scale^2) - 1) exp(2 loc + scale^2)}. */
    @Override
    public Tensor variance() {
        Tensor s2 = scale.square();
        return s2.expm1().mul(loc.mul(2.0).add(s2).exp()).expand(batchShape());
    }

    /** {@code loc + log scale + 1/2 + log(2 pi) / 2}. */
    @Override
    public Tensor entropy() {
        return loc.add(scale.log()).add(0.5 + ContinuousMath.HALF_LOG_2PI).expand(batchShape());
    }

    /** {@code Phi((log x - loc) / scale)}; 0 for {@code x <= 0}. */
    @Override
    public Tensor cdf(Tensor value) {
        return value.clampMin(0.0).log().sub(loc).div(scale.mul(Math.sqrt(2.0))).erf().add(1.0).mul(0.5);
    }

    @Override
    public LogNormal expand(int... newBatchShape) {
        return new LogNormal(loc.expand(newBatchShape), scale.expand(newBatchShape), newBatchShape.clone());
    }
}
