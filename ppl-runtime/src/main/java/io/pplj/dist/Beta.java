package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The beta distribution on {@code [0, 1]} with {@code concentration1} (alpha, the exponent of {@code x}) and
 * {@code concentration0} (beta, the exponent of {@code 1 - x}), as PyTorch's {@code Beta}:
 * {@code log p(x) = (alpha - 1) log x + (beta - 1) log(1 - x) - log B(alpha, beta)} with
 * {@code log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b)} (and {@code 0 log 0 = 0} at the ends).
 *
 * <p>Reparameterized: {@code x = X / (X + Y)} with {@code X ~ Gamma(alpha, 1)}, {@code Y ~ Gamma(beta, 1)} drawn
 * with implicit reparameterization gradients ({@link Rng#gamma}). The gammas are drawn and divided in float64 and the
 * result cast to the parameters' type, clamped to {@code [tiny, 1 - eps]} of that type as PyTorch does, so that
 * {@code log x} and {@code log(1 - x)} stay finite.
 */
public final class Beta extends Distribution {

    private final Tensor concentration1;
    private final Tensor concentration0;

    private Beta(Tensor concentration1, Tensor concentration0, int[] batchShape) {
        super(batchShape, new int[0]);
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
    }

    /**
     * A beta with broadcasting {@code concentration1 > 0} (alpha) and {@code concentration0 > 0} (beta).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a concentration is not
     *     positive
     */
    public static Beta of(Tensor concentration1, Tensor concentration0) {
        Tensor[] p = Parameters.promote(concentration1, concentration0);
        Beta d = new Beta(p[0], p[1], Parameters.batchShape("Beta", p[0], p[1]));
        d.checkParameter("concentration1", d.concentration1, Constraint.positive());
        d.checkParameter("concentration0", d.concentration0, Constraint.positive());
        return d;
    }

    /** A scalar beta. */
    public static Beta of(double concentration1, double concentration0) {
        return of(Parameters.scalar(concentration1), Parameters.scalar(concentration0));
    }

    /** Alpha, the exponent of {@code x}. */
    public Tensor concentration1() {
        return concentration1;
    }

    /** Beta, the exponent of {@code 1 - x}. */
    public Tensor concentration0() {
        return concentration0;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor both = Tensor.stack(-1, concentration1.expand(shape), concentration0.expand(shape));
        return ContinuousMath.dirichlet(rng, both).select(-1, 0);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return concentration1.sub(1.0).xlogy(value)
                .add(ContinuousMath.xlog1my(concentration0.sub(1.0), value))
                .sub(ContinuousMath.logBeta(concentration1, concentration0));
    }

    @Override
    public Constraint support() {
        return Constraint.unitInterval();
    }

    /** {@code alpha / (alpha + beta)}. */
    @Override
    public Tensor mean() {
        return concentration1.div(concentration1.add(concentration0)).expand(batchShape());
    }

    /** {@code alpha beta / ((alpha + beta)^2 (alpha + beta + 1))}. */
    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1.mul(concentration0).div(total.square().mul(total.add(1.0))).expand(batchShape());
    }

    /**
     * {@code log B(alpha, beta) - (alpha - 1) digamma(alpha) - (beta - 1) digamma(beta)
     * + (alpha + beta - 2) digamma(alpha + beta)}.
     */
    @Override
    public Tensor entropy() {
        Tensor a = concentration1;
        Tensor b = concentration0;
        Tensor total = a.add(b);
        return ContinuousMath.logBeta(a, b)
                .sub(a.sub(1.0).mul(a.digamma()))
                .sub(b.sub(1.0).mul(b.digamma()))
                .add(total.sub(2.0).mul(total.digamma()))
                .expand(batchShape());
    }

    @Override
    public Beta expand(int... newBatchShape) {
        return new Beta(concentration1.expand(newBatchShape), concentration0.expand(newBatchShape),
                newBatchShape.clone());
    }
}
