package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * The categorical distribution over the indices {@code 0 .. K-1}, with probabilities {@code p} given as
 * non-negative weights (normalized to sum to 1) or as logits {@code l} ({@code p = softmax(l)}) in the last
 * dimension: {@code log P(k) = log p_k = l_k - logsumexp(l)}. The batch shape is the parameter's shape without its
 * last dimension.
 *
 * <p>Draws are int64 indices (as PyTorch); not reparameterizable. Values to score may be int64 or integer-valued
 * floats. Categories are labels, not numbers, so {@link #mean()} and {@link #variance()} are not provided (PyTorch
 * returns NaN).
 */
public final class Categorical extends Distribution {

    /** Normalized probabilities (when given as probs) or normalized logits (when given as logits). */
    private final Tensor param;
    private final boolean isLogits;

    private Categorical(Tensor param, boolean isLogits, int[] batchShape) {
        super(batchShape, new int[0]);
        this.param = param;
        this.isLogits = isLogits;
    }

    /** Builds a categorical from raw weights or logits without validating them (the callers validate). */
    static Categorical unchecked(String family, Tensor raw, boolean logits) {
        Tensor t = Parameters.promote(raw)[0];
        if (t.dim() == 0) {
            throw new IllegalArgumentException(family + ": parameter '" + (logits ? "logits" : "probs")
                    + "' needs at least one dimension (the categories), got a scalar");
        }
        if (t.size(-1) == 0) {
            throw new IllegalArgumentException(family + ": parameter '" + (logits ? "logits" : "probs")
                    + "' of shape " + Shapes.format(t.shape()) + " has no categories (last dimension 0)");
        }
        Tensor normalized = logits ? t.sub(t.logsumexp(-1, true)) : t.div(t.sum(-1, true));
        return new Categorical(normalized, logits, Discrete.dropLast(t.shape(), 1));
    }

    /**
     * Validates the raw parameter of a categorical-like family: weights must be finite and non-negative with a
     * positive sum in every row; logits must not be NaN.
     */
    void checkRaw(Distribution owner, Tensor raw) {
        owner.checkParameter(isLogits ? "logits" : "probs", Parameters.promote(raw)[0],
                isLogits ? Constraint.realVector() : Discrete.Weights.INSTANCE);
    }

    private static Categorical create(Tensor raw, boolean logits) {
        Categorical d = unchecked("Categorical", raw, logits);
        d.checkRaw(d, raw);
        return d;
    }

    /**
     * A categorical with category weights {@code probs} (last dimension), normalized to sum to 1.
     *
     * @throws IllegalArgumentException if probs is a scalar, or (validation on) a weight is negative or not finite
     *     or a row sums to 0
     */
    public static Categorical ofProbs(Tensor probs) {
        return create(probs, false);
    }

    /** A categorical over {@code probs.length} categories with these weights (float32). */
    public static Categorical ofProbs(double... probs) {
        return ofProbs(Tensor.of(probs));
    }

    /**
     * A categorical with logits {@code logits} (last dimension; {@code -inf} excludes a category).
     *
     * @throws IllegalArgumentException if logits is a scalar, or (validation on) a logit is NaN
     */
    public static Categorical ofLogits(Tensor logits) {
        return create(logits, true);
    }

    /** A categorical over {@code logits.length} categories with these logits (float32). */
    public static Categorical ofLogits(double... logits) {
        return ofLogits(Tensor.of(logits));
    }

    /** Same as {@link #ofProbs(Tensor)}. */
    public static Categorical of(Tensor probs) {
        return ofProbs(probs);
    }

    /** Same as {@link #ofProbs(double...)}. */
    public static Categorical of(double... probs) {
        return ofProbs(probs);
    }

    /** The number of categories {@code K}. */
    public int numCategories() {
        return param.size(-1);
    }

    /** The normalized probabilities, shape {@code batchShape + [K]}. */
    public Tensor probs() {
        return isLogits ? param.exp() : param;
    }

    /**
     * The normalized logits {@code log p} ({@code -inf} for categories of probability 0), shape
     * {@code batchShape + [K]}.
     */
    public Tensor logits() {
        return isLogits ? param : Discrete.safeLog(param);
    }

    boolean isLogits() {
        return isLogits;
    }

    /** Normalized probabilities or logits, as given. */
    Tensor param() {
        return param;
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return rng.categorical(probs().expand(Discrete.append(shape, numCategories())));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor index = value.dtype() == DType.INT64 ? value : value.asType(DType.INT64);
        int[] out = Shapes.broadcast("logProb", index.shape(), batchShape());
        Tensor logits = logits().expand(Discrete.append(out, numCategories()));
        return logits.gather(-1, index.unsqueeze(-1).expand(Discrete.append(out, 1))).squeeze(-1);
    }

    /** The integers {@code 0 .. K-1}. */
    @Override
    public Constraint support() {
        return Constraint.integerInterval(0, numCategories() - 1);
    }

    /** {@code -sum_k p_k log p_k}. */
    @Override
    public Tensor entropy() {
        return Discrete.entropyOf(probs(), logits());
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /** The int64 indices {@code 0 .. K-1}: shape {@code [K, 1, ..., 1]}, or {@code [K] + batchShape}. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        return Discrete.enumerate(Tensor.arange(numCategories()), batchShape(), expand);
    }

    @Override
    public Categorical expand(int... newBatchShape) {
        return new Categorical(param.expand(Discrete.append(newBatchShape, numCategories())), isLogits,
                newBatchShape.clone());
    }
}
