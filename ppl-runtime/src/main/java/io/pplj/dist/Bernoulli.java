package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The Bernoulli distribution on {@code {0, 1}} with success probability {@code p = sigmoid(l)}:
 * {@code log P(x) = x log p + (1 - x) log(1 - p) = x l - softplus(l)}, with {@code 0 log 0 = 0} so that
 * {@code p = 0} and {@code p = 1} give log-mass 0 where the mass is 1. As in PyTorch the formula is also evaluated for
 * values strictly between 0 and 1 when validation is off (the binary cross-entropy of a continuous target).
 *
 * <p>Draws are 0.0 or 1.0 in the parameter's floating type; not reparameterizable.
 */
public final class Bernoulli extends Distribution {

    private final BinaryProbs p;

    private Bernoulli(BinaryProbs p, int[] batchShape) {
        super(batchShape, new int[0]);
        this.p = p;
    }

    /**
     * A Bernoulli with success probabilities {@code probs} in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException (validation on) if a probability lies outside {@code [0, 1]}
     */
    public static Bernoulli ofProbs(Tensor probs) {
        Tensor t = Parameters.promote(probs)[0];
        Bernoulli d = new Bernoulli(BinaryProbs.ofProbs(t), t.shape());
        d.checkParameter("probs", t, Constraint.unitInterval());
        return d;
    }

    /** A scalar Bernoulli with success probability {@code probs}. */
    public static Bernoulli ofProbs(double probs) {
        return ofProbs(Parameters.scalar(probs));
    }

    /**
     * A Bernoulli with success log-odds {@code logits} ({@code p = sigmoid(logits)}; infinities allowed).
     *
     * @throws IllegalArgumentException (validation on) if a logit is NaN
     */
    public static Bernoulli ofLogits(Tensor logits) {
        Tensor t = Parameters.promote(logits)[0];
        Bernoulli d = new Bernoulli(BinaryProbs.ofLogits(t), t.shape());
        d.checkParameter("logits", t, Constraint.real());
        return d;
    }

    /** A scalar Bernoulli with success log-odds {@code logits}. */
    public static Bernoulli ofLogits(double logits) {
        return ofLogits(Parameters.scalar(logits));
    }

    /** Same as {@link #ofProbs(Tensor)}. */
    public static Bernoulli of(Tensor probs) {
        return ofProbs(probs);
    }

    /** Same as {@link #ofProbs(double)}. */
    public static Bernoulli of(double probs) {
        return ofProbs(probs);
    }

    /** The success probabilities {@code p} (given, or {@code sigmoid(logits)}). */
    public Tensor probs() {
        return p.probs();
    }

    /** The log-odds {@code log p - log(1 - p)} (given, or from the probabilities: {@code +-inf} at 1 and 0). */
    public Tensor logits() {
        return p.logits();
    }

    /** The success probability as given (probabilities or logits). */
    BinaryProbs binary() {
        return p;
    }

    /** Draws: 1 where a uniform falls below p. */
    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return rng.bernoulli(p.probs().expand(shape));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return p.logMassOf(Discrete.asFloating(value, p.raw()));
    }

    @Override
    public Constraint support() {
        return Constraint.bool();
    }

    /** {@code p}. */
    @Override
    public Tensor mean() {
        return p.probs().expand(batchShape());
    }

    /** {@code p (1 - p)}. */
    @Override
    public Tensor variance() {
        return p.probs().mul(p.probs1m()).expand(batchShape());
    }

    /** {@code -p log p - (1 - p) log(1 - p)}. */
    @Override
    public Tensor entropy() {
        return p.bernoulliEntropy().expand(batchShape());
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /** The values 0 and 1 (parameter type): shape {@code [2, 1, ..., 1]}, or {@code [2] + batchShape}. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        Tensor values = Tensor.of(new double[] {0.0, 1.0}, p.raw().dtype(), 2);
        return Discrete.enumerate(values, batchShape(), expand);
    }

    @Override
    public Bernoulli expand(int... newBatchShape) {
        return new Bernoulli(p.expand(newBatchShape), newBatchShape.clone());
    }
}
