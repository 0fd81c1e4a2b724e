package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The binomial distribution: the number of successes in {@code n} independent trials of success probability
 * {@code p = sigmoid(l)},
 * {@code log P(k) = log Gamma(n + 1) - log Gamma(k + 1) - log Gamma(n - k + 1) + k log p + (n - k) log(1 - p)}
 * for {@code k = 0, ..., n}, with {@code 0 log 0 = 0} (so {@code p = 0} and {@code p = 1} put log-mass 0 on
 * {@code k = 0} and {@code k = n}). {@code totalCount} is a (broadcasting) tensor of non-negative integers.
 *
 * <p>Draws are integer-valued floats of the parameters' type; not reparameterizable. The entropy and
 * {@link #enumerateSupport(boolean)} need one {@code totalCount} for the whole batch, as in PyTorch.
 */
public final class Binomial extends Distribution {

    private final Tensor totalCount;
    private final BinaryProbs p;

    private Binomial(Tensor totalCount, BinaryProbs p, int[] batchShape) {
        super(batchShape, new int[0]);
        this.totalCount = totalCount;
        this.p = p;
    }

    private static Binomial create(Tensor totalCount, Tensor param, boolean logits) {
        Tensor[] t = Parameters.promote(totalCount, param);
        BinaryProbs bp = logits ? BinaryProbs.ofLogits(t[1]) : BinaryProbs.ofProbs(t[1]);
        Binomial d = new Binomial(t[0], bp, Parameters.batchShape("Binomial", t[0], t[1]));
        d.checkParameter("totalCount", t[0], Constraint.nonNegativeInteger());
        d.checkParameter(logits ? "logits" : "probs", t[1], logits ? Constraint.real() : Constraint.unitInterval());
        return d;
    }

    /**
     * A binomial with {@code totalCount} trials of success probability {@code probs}, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a count is not a
     *     non-negative integer or a probability lies outside {@code [0, 1]}
     */
    public static Binomial ofProbs(Tensor totalCount, Tensor probs) {
        return create(totalCount, probs, false);
    }

    /** A binomial with a fixed number of trials and tensor success probabilities. */
    public static Binomial ofProbs(double totalCount, Tensor probs) {
        return ofProbs(Parameters.scalar(totalCount), probs);
    }

    /** A scalar binomial. */
    public static Binomial ofProbs(double totalCount, double probs) {
        return ofProbs(Parameters.scalar(totalCount), Parameters.scalar(probs));
    }

    /**
     * A binomial with {@code totalCount} trials of success log-odds {@code logits}, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a count is not a
     *     non-negative integer or a logit is NaN
     */
    public static Binomial ofLogits(Tensor totalCount, Tensor logits) {
        return create(totalCount, logits, true);
    }

    /** A binomial with a fixed number of trials and tensor log-odds. */
    public static Binomial ofLogits(double totalCount, Tensor logits) {
        return ofLogits(Parameters.scalar(totalCount), logits);
    }

    /** A scalar binomial given by its log-odds. */
    public static Binomial ofLogits(double totalCount, double logits) {
        return ofLogits(Parameters.scalar(totalCount), Parameters.scalar(logits));
    }

    /** Same as {@link #ofProbs(Tensor, Tensor)}. */
    public static Binomial of(Tensor totalCount, Tensor probs) {
        return ofProbs(totalCount, probs);
    }

    /** Same as {@link #ofProbs(double, Tensor)}. */
    public static Binomial of(double totalCount, Tensor probs) {
        return ofProbs(totalCount, probs);
    }

    /** Same as {@link #ofProbs(double, double)}. */
    public static Binomial of(double totalCount, double probs) {
        return ofProbs(totalCount, probs);
    }

    /** The numbers of trials {@code n}. */
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

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return rng.binomial(totalCount.expand(shape), p.probs().expand(shape));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor k = Discrete.asFloating(value, totalCount);
        Tensor n = totalCount;
        Tensor nMinusK = n.sub(k);
        Tensor logChoose = n.add(1.0).lgamma().sub(k.add(1.0).lgamma()).sub(nMinusK.add(1.0).lgamma());
        return logChoose.add(p.logMass(k, nMinusK));
    }

    /** The integers {@code 0 .. totalCount}. */
    @Override
    public Constraint support() {
        return Constraint.integerInterval(totalCount);
    }

    /** {@code n p}. */
    @Override
    public Tensor mean() {
        return totalCount.mul(p.probs()).expand(batchShape());
    }

    /** {@code n p (1 - p)}. */
    @Override
    public Tensor variance() {
        return totalCount.mul(p.probs()).mul(p.probs1m()).expand(batchShape());
    }

    /**
     * {@code -sum_k P(k) log P(k)}, summed over the enumerated support.
     *
     * @throws UnsupportedOperationException if {@code totalCount} differs within the batch
     */
    @Override
    public Tensor entropy() {
        Tensor lp = logProbOf(enumerateSupport(false));
        return Discrete.weighted(lp.exp(), lp).sum(0).neg().expand(batchShape());
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /**
     * The values {@code 0 .. n} (parameter type) along a new leading dimension: shape {@code [n + 1, 1, ..., 1]}, or
     * {@code [n + 1] + batchShape}.
     *
     * @throws UnsupportedOperationException if {@code totalCount} differs within the batch (as PyTorch)
     */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        double max = totalCount.detach().max().item();
        double min = totalCount.detach().min().item();
        if (max != min) {
            throw new UnsupportedOperationException("Binomial: enumerateSupport needs one totalCount for the whole"
                    + " batch, got counts from " + min + " to " + max);
        }
        int n = (int) max;
        Tensor values = Tensor.arange(n + 1).asType(totalCount.dtype());
        return Discrete.enumerate(values, batchShape(), expand);
    }

    @Override
    public Binomial expand(int... newBatchShape) {
        return new Binomial(totalCount.expand(newBatchShape), p.expand(newBatchShape), newBatchShape.clone());
    }
}
