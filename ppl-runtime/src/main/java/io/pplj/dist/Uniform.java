package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The continuous uniform distribution on {@code [low, high)}:
 * {@code log p(x) = -log(high - low)} for {@code low <= x < high}, {@code -inf} elsewhere. Reparameterized:
 * {@code x = low + (high - low) u}, {@code u ~ U[0, 1)}.
 *
 * <p>As in PyTorch, the density is {@code -inf} at {@code x = high}, while the {@link #support()} (used for
 * validation) is the closed {@link Constraint#interval(Tensor, Tensor) interval}, so scoring {@code high} is allowed
 * and gives {@code -inf}.
 */
public final class Uniform extends Distribution {

    private final Tensor low;
    private final Tensor high;

    private Uniform(Tensor low, Tensor high, int[] batchShape) {
        super(batchShape, new int[0]);
        this.low = low;
        this.high = high;
    }

    /**
     * A uniform on {@code [low, high)}, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) some {@code high} is not
     *     greater than its {@code low}
     */
    public static Uniform of(Tensor low, Tensor high) {
        Tensor[] p = Parameters.promote(low, high);
        Uniform d = new Uniform(p[0], p[1], Parameters.batchShape("Uniform", p[0], p[1]));
        d.checkParameter("high", d.high, Constraint.greaterThan(d.low));
        return d;
    }

    /** A scalar uniform on {@code [low, high)}. */
    public static Uniform of(double low, double high) {
        return of(Parameters.scalar(low), Parameters.scalar(high));
    }

    /** The lower bound (included). */
    public Tensor low() {
        return low;
    }

    /** The upper bound (excluded). */
    public Tensor high() {
        return high;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return rng.uniform(low.dtype(), shape).mul(high.sub(low)).add(low);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor inside = value.ge(low).and(value.lt(high));
        Tensor logDensity = high.sub(low).log().neg();
        return Tensor.where(inside, logDensity, ContinuousMath.constant(Double.NEGATIVE_INFINITY, logDensity));
    }

    /** The closed interval {@code [low, high]} (see the class comment). */
    @Override
    public Constraint support() {
        return Constraint.interval(low, high);
    }

    /** {@code (low + high) / 2}. */
    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5).expand(batchShape());
    }

    /** {@code (high - low)^2 / 12}. */
    @Override
    public Tensor variance() {
        return high.sub(low).square().div(12.0).expand(batchShape());
    }

    /** {@code log(high - low)}. */
    @Override
    public Tensor entropy() {
        return high.sub(low).log().expand(batchShape());
    }

    /** {@code (x - low) / (high - low)}, clamped to {@code [0, 1]}. */
    @Override
    public Tensor cdf(Tensor value) {
        return value.sub(low).div(high.sub(low)).clamp(0.0, 1.0);
    }

    @Override
    public Uniform expand(int... newBatchShape) {
        return new Uniform(low.expand(newBatchShape), high.expand(newBatchShape), newBatchShape.clone());
    }
}
