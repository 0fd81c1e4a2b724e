package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * The Dirichlet distribution on the probability simplex, with concentrations {@code alpha} along the last dimension
 * of {@code concentration} (event shape {@code [k]}, batch shape the leading dimensions):
 * {@code log p(x) = sum_i (alpha_i - 1) log x_i + lgamma(alpha_0) - sum_i lgamma(alpha_i)},
 * {@code alpha_0 = sum_i alpha_i} (with {@code 0 log 0 = 0}).
 *
 * <p>Reparameterized: {@code x = g / sum(g)} with independent {@code g_i ~ Gamma(alpha_i, 1)} drawn with implicit
 * reparameterization gradients ({@link Rng#gamma}), in float64, then cast to the parameters' type and clamped to
 * {@code [tiny, 1 - eps]} of that type as PyTorch does.
 */
public final class Dirichlet extends Distribution {

    private final Tensor concentration;

    private Dirichlet(Tensor concentration, int[] batchShape, int[] eventShape) {
        super(batchShape, eventShape);
        this.concentration = concentration;
    }

    /**
     * A Dirichlet with positive concentrations along the last dimension of {@code concentration}.
     *
     * @throws IllegalArgumentException if {@code concentration} has no dimension, or (validation on) a concentration
     *     is not positive
     */
    public static Dirichlet of(Tensor concentration) {
        if (concentration.dim() < 1) {
            throw new IllegalArgumentException("Dirichlet: parameter 'concentration' needs at least one dimension"
                    + " (the categories); got a scalar");
        }
        Tensor c = Parameters.promote(concentration)[0];
        int[] shape = c.shape();
        Dirichlet d = new Dirichlet(c, Arrays.copyOf(shape, shape.length - 1), new int[] {shape[shape.length - 1]});
        d.checkParameter("concentration", c, Constraint.independent(Constraint.positive(), 1));
        return d;
    }

    /** A Dirichlet over {@code concentration.length} categories (float32). */
    public static Dirichlet of(double... concentration) {
        return of(Tensor.of(concentration));
    }

    /** The concentrations, categories last. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return ContinuousMath.dirichlet(rng, concentration.expand(shape));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return concentration.sub(1.0).xlogy(value).sum(-1)
                .add(concentration.sum(-1).lgamma())
                .sub(concentration.lgamma().sum(-1));
    }

    @Override
    public Constraint support() {
        return Constraint.simplex();
    }

    /** {@code alpha_i / alpha_0}. */
    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(-1, true)).expand(extendedShape());
    }

    /** {@code alpha_i (alpha_0 - alpha_i) / (alpha_0^2 (alpha_0 + 1))}, per coordinate. */
    @Override
    public Tensor variance() {
        Tensor total = concentration.sum(-1, true);
        return concentration.mul(total.sub(concentration)).div(total.square().mul(total.add(1.0)))
                .expand(extendedShape());
    }

    /**
     * {@code sum_i lgamma(alpha_i) - lgamma(alpha_0) + (alpha_0 - k) digamma(alpha_0)
     * - sum_i (alpha_i - 1) digamma(alpha_i)}.
     */
    @Override
    public Tensor entropy() {
        int k = concentration.size(-1);
        Tensor total = concentration.sum(-1);
        Tensor logNormalizer = concentration.lgamma().sum(-1).sub(total.lgamma());
        return logNormalizer.add(total.sub(k).mul(total.digamma()))
                .sub(concentration.sub(1.0).mul(concentration.digamma()).sum(-1))
                .expand(batchShape());
    }

    @Override
    public Dirichlet expand(int... newBatchShape) {
        int[] shape = Arrays.copyOf(newBatchShape, newBatchShape.length + 1);
        shape[newBatchShape.length] = concentration.size(-1);
        return new Dirichlet(concentration.expand(shape), newBatchShape.clone(), eventShape());
    }
}
