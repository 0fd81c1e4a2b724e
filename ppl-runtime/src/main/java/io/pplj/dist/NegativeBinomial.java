package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The negative binomial distribution in PyTorch's parameterization: the number of successes {@code k} before
 * {@code r = totalCount} failures, in trials of success probability {@code p = sigmoid(l)} in {@code [0, 1)}:
 * {@code log P(k) = log Gamma(k + r) - log Gamma(k + 1) - log Gamma(r) + k log p + r log(1 - p)} for
 * {@code k = 0, 1, ...}, with {@code 0 log 0 = 0}. {@code r > 0} may be real (a gamma-Poisson mixture); {@code r = 0}
 * is the point mass at 0. (Commons Math's {@code PascalDistribution(r, q)} counts failures before r successes of
 * probability q: this is {@code Pascal(r, 1 - p)} for integer r.)
 *
 * <p>Draws are Poisson variates whose rate is a {@code Gamma(r, 1)} draw scaled by {@code p / (1 - p)}; not
 * reparameterizable. No closed-form entropy exists, so {@link #entropy()} is not provided.
 */
public final class NegativeBinomial extends Distribution {

    private final Tensor totalCount;
    private final BinaryProbs p;

    private NegativeBinomial(Tensor totalCount, BinaryProbs p, int[] batchShape) {
        super(batchShape, new int[0]);
        this.totalCount = totalCount;
        this.p = p;
    }

    private static NegativeBinomial create(Tensor totalCount, Tensor param, boolean logits) {
        Tensor[] t = Parameters.promote(totalCount, param);
        BinaryProbs bp = logits ? BinaryProbs.ofLogits(t[1]) : BinaryProbs.ofProbs(t[1]);
        NegativeBinomial d = new NegativeBinomial(t[0], bp, Parameters.batchShape("NegativeBinomial", t[0], t[1]));
        d.checkParameter("totalCount", t[0], Constraint.nonNegative());
        if (logits) {
            d.checkParameter("logits", t[1], Constraint.lessThan(Double.POSITIVE_INFINITY));
        } else {
            d.checkParameter("probs", t[1], Constraint.unitInterval());
            d.checkParameter("probs", t[1], Constraint.lessThan(1.0));
        }
        return d;
    }

    /**
     * A negative binomial counting successes of probability {@code probs} in {@code [0, 1)} before
     * {@code totalCount >= 0} failures, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a count is negative or a
     *     probability lies outside {@code [0, 1)}
     */
    public static NegativeBinomial ofProbs(Tensor totalCount, Tensor probs) {
        return create(totalCount, probs, false);
    }

    /** A negative binomial with a fixed number of failures and tensor success probabilities. */
    public static NegativeBinomial ofProbs(double totalCount, Tensor probs) {
        return ofProbs(Parameters.scalar(totalCount), probs);
    }

    /** A scalar negative binomial. */
    public static NegativeBinomial ofProbs(double totalCount, double probs) {
        return ofProbs(Parameters.scalar(totalCount), Parameters.scalar(probs));
    }

    /**
     * A negative binomial with success log-odds {@code logits} (below {@code +inf}), broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a count is negative or a
     *     logit is NaN or {@code +inf}
     */
    public static NegativeBinomial ofLogits(Tensor totalCount, Tensor logits) {
        return create(totalCount, logits, true);
    }

    /** A negative binomial with a fixed number of failures and tensor log-odds. */
    public static NegativeBinomial ofLogits(double totalCount, Tensor logits) {
        return ofLogits(Parameters.scalar(totalCount), logits);
    }

    /** A scalar negative binomial given by its log-odds. */
    public static NegativeBinomial ofLogits(double totalCount, double logits) {
        return ofLogits(Parameters.scalar(totalCount), Parameters.scalar(logits));
    }

    /** Same as {@link #ofProbs(Tensor, Tensor)}. */
    public static NegativeBinomial of(Tensor totalCount, Tensor probs) {
        return ofProbs(totalCount, probs);
    }

    /** Same as {@link #ofProbs(double, Tensor)}. */
    public static NegativeBinomial of(double totalCount, Tensor probs) {
        return ofProbs(totalCount, probs);
    }

    /** Same as {@link #ofProbs(double, double)}. */
    public static NegativeBinomial of(double totalCount, double probs) {
        return ofProbs(totalCount, probs);
    }

    /** The numbers of failures {@code r}. */
    public Tensor totalCount() {
        return totalCount;
    }

    /** The success probabilities {@code p}. */
    public Tensor probs() {
        return p.probs();
    }

    /** The success log-odds {@code log p - log(1 - p)}. */
    public Tensor logits() {
        return p.logits();
    }

    /** {@code k ~ Poisson(G p / (1 - p))} with {@code G ~ Gamma(r, 1)}; 0 where {@code r = 0}. */
    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        Tensor r = totalCount.expand(shape);
        Tensor rZero = r.eq(0.0);
        Tensor g = rng.gamma(Tensor.where(rZero, Discrete.constant(1.0, r), r));
        Tensor odds = p.logits().exp();
        Tensor rate = Tensor.where(rZero, Discrete.constant(0.0, r), g.mul(odds));
        return rng.poisson(rate);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor k = Discrete.asFloating(value, totalCount);
        Tensor r = totalCount;
        Tensor bothZero = k.add(r).eq(0.0);
        Tensor rSafe = Tensor.where(bothZero, Discrete.constant(1.0, r), r);
        Tensor logNorm = k.add(rSafe).lgamma().sub(k.add(1.0).lgamma()).sub(rSafe.lgamma());
        Tensor logNormOrZero = Tensor.where(bothZero, Discrete.constant(0.0, logNorm), logNorm);
        return logNormOrZero.add(p.logMass(k, r));
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegativeInteger();
    }

    /** {@code r p / (1 - p)}. */
    @Override
    public Tensor mean() {
        return totalCount.mul(p.probs()).div(p.probs1m()).expand(batchShape());
    }

    /** {@code r p / (1 - p)^2}. */
    @Override
    public Tensor variance() {
        return totalCount.mul(p.probs()).div(p.probs1m().square()).expand(batchShape());
    }

    @Override
    public NegativeBinomial expand(int... newBatchShape) {
        return new NegativeBinomial(totalCount.expand(newBatchShape), p.expand(newBatchShape),
                newBatchShape.clone());
    }
}
