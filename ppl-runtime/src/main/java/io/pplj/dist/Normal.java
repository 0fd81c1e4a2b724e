package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The normal distribution {@code N(loc, scale^2)}:
 * {@code log p(x) = -(x - loc)^2 / (2 scale^2) - log scale - log(2 pi) / 2}. Reparameterized:
 * {@code x = loc + scale * eps}, {@code eps ~ N(0, 1)}.
 */
public final class Normal extends Distribution {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor loc;
    private final Tensor scale;

    private Normal(Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A normal with broadcasting {@code loc} and {@code scale > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a scale is not positive
     */
    public static Normal of(Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(loc, scale);
        Normal d = new Normal(p[0], p[1], Parameters.batchShape("Normal", p[0], p[1]));
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A normal with a tensor location and a fixed scale. */
    public static Normal of(Tensor loc, double scale) {
        return of(loc, Parameters.scalar(scale));
    }

    /** A scalar normal. */
    public static Normal of(double loc, double scale) {
        return of(Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** The mean. */
    public Tensor loc() {
        return loc;
    }

    /** The standard deviation. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return rng.normal(loc.dtype(), shape).mul(scale).add(loc);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor z = value.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_2PI);
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    @Override
    public Tensor mean() {
        return loc.expand(batchShape());
    }

    @Override
    public Tensor variance() {
        return scale.square().expand(batchShape());
    }

    @Override
    public Tensor stddev() {
        return scale.expand(batchShape());
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + HALF_LOG_2PI).expand(batchShape());
    }

    /** {@code Phi((x - loc) / scale) = (1 + erf((x - loc) / (scale sqrt 2))) / 2}. */
    @Override
    public Tensor cdf(Tensor value) {
        return value.sub(loc).div(scale.mul(Math.sqrt(2.0))).erf().add(1.0).mul(0.5);
    }

    @Override
    public Normal expand(int... newBatchShape) {
        return new Normal(loc.expand(newBatchShape), scale.expand(newBatchShape), newBatchShape.clone());
    }
}
