package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The geometric distribution of the number of failures before the first success in trials of success probability
 * {@code p = sigmoid(l)} in {@code (0, 1]} (PyTorch's convention; support {@code {0, 1, ...}}):
 * {@code log P(k) = k log(1 - p) + log p}, with {@code 0 log 0 = 0} (so {@code p = 1} puts log-mass 0 on 0).
 *
 * <p>Draws are integer-valued floats by inversion, {@code floor(log U / log(1 - p))}; not reparameterizable.
 */
public final class Geometric extends Distribution {

    private final BinaryProbs p;

    private Geometric(BinaryProbs p, int[] batchShape) {
        super(batchShape, new int[0]);
        this.p = p;
    }

    /**
     * A geometric distribution with success probabilities {@code probs} in {@code (0, 1]}.
     *
     * @throws IllegalArgumentException (validation on) if a probability lies outside {@code (0, 1]}
     */
    public static Geometric ofProbs(Tensor probs) {
        Tensor t = Parameters.promote(probs)[0];
        Geometric d = new Geometric(BinaryProbs.ofProbs(t), t.shape());
        d.checkParameter("probs", t, Constraint.unitInterval());
        d.checkParameter("probs", t, Constraint.positive());
        return d;
    }

    /** A scalar geometric distribution with success probability {@code probs}. */
    public static Geometric ofProbs(double probs) {
        return ofProbs(Parameters.scalar(probs));
    }

    /**
     * A geometric distribution with success log-odds {@code logits} (not NaN, not {@code -inf}).
     *
     * @throws IllegalArgumentException (validation on) if a logit is NaN or {@code -inf} (success probability 0)
     */
    public static Geometric ofLogits(Tensor logits) {
        Tensor t = Parameters.promote(logits)[0];
        Geometric d = new Geometric(BinaryProbs.ofLogits(t), t.shape());
        d.checkParameter("logits", t, Constraint.greaterThan(Double.NEGATIVE_INFINITY));
        return d;
    }

    /** A scalar geometric distribution given by its success log-odds. */
    public static Geometric ofLogits(double logits) {
        return ofLogits(Parameters.scalar(logits));
    }

    /** Same as {@link #ofProbs(Tensor)}. */
    public static Geometric of(Tensor probs) {
        return ofProbs(probs);
    }

    /** Same as {@link #ofProbs(double)}. */
    public static Geometric of(double probs) {
        return ofProbs(probs);
    }

    /** The success probabilities {@code p}. */
    public Tensor probs() {
        return p.probs();
    }

    /** The success log-odds {@code log p - log(1 - p)}. */
    public Tensor logits() {
        return p.logits();
    }

    /** {@code floor(log U / log(1 - p))} with {@code U} uniform on {@code (0, 1)}. */
    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        Tensor log1mP = p.log1mP();
        Tensor u = rng.uniform(log1mP.dtype(), shape).clampMin(Discrete.tiny(log1mP.dtype()));
        return u.log().div(log1mP).floor();
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor k = Discrete.asFloating(value, p.raw());
        return Discrete.weighted(k, p.log1mP()).add(p.logP());
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegativeInteger();
    }

    /** {@code (1 - p) / p}. */
    @Override
    public Tensor mean() {
        return p.probs1m().div(p.probs()).expand(batchShape());
    }

    /** {@code (1 - p) / p^2}. */
    @Override
    public Tensor variance() {
        return p.probs1m().div(p.probs().square()).expand(batchShape());
    }

    /** {@code (-p log p - (1 - p) log(1 - p)) / p}. */
    @Override
    public Tensor entropy() {
        return p.bernoulliEntropy().div(p.probs()).expand(batchShape());
    }

    @Override
    public Geometric expand(int... newBatchShape) {
        return new Geometric(p.expand(newBatchShape), newBatchShape.clone());
    }
}
