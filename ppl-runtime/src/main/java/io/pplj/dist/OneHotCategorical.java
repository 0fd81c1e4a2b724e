package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The categorical distribution with its values written as one-hot vectors of length {@code K} (event dimension 1):
 * {@code log P(e_k) = log p_k}, where {@code e_k} has a 1 in position k. Probabilities are given as weights
 * (normalized) or logits in the last dimension, as for {@link Categorical}.
 *
 * <p>Draws are one-hot vectors of the parameter's floating type; not reparameterizable (see
 * {@link RelaxedOneHotCategorical} for a reparameterizable relaxation).
 */
public final class OneHotCategorical extends Distribution {

    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        super(categorical.batchShape(), new int[] {categorical.numCategories()});
        this.categorical = categorical;
    }

    private static OneHotCategorical create(Tensor raw, boolean logits) {
        Categorical c = Categorical.unchecked("OneHotCategorical", raw, logits);
        OneHotCategorical d = new OneHotCategorical(c);
        c.checkRaw(d, raw);
        return d;
    }

    /**
     * A one-hot categorical with category weights {@code probs} (last dimension), normalized to sum to 1.
     *
     * @throws IllegalArgumentException if probs is a scalar, or (validation on) a weight is negative or not finite
     *     or a row sums to 0
     */
    public static OneHotCategorical ofProbs(Tensor probs) {
        return create(probs, false);
    }

    /** A one-hot categorical over {@code probs.length} categories with these weights (float32). */
    public static OneHotCategorical ofProbs(double... probs) {
        return ofProbs(Tensor.of(probs));
    }

    /**
     * A one-hot categorical with logits {@code logits} (last dimension).
     *
     * @throws IllegalArgumentException if logits is a scalar, or (validation on) a logit is NaN
     */
    public static OneHotCategorical ofLogits(Tensor logits) {
        return create(logits, true);
    }

    /** A one-hot categorical over {@code logits.length} categories with these logits (float32). */
    public static OneHotCategorical ofLogits(double... logits) {
        return ofLogits(Tensor.of(logits));
    }

    /** Same as {@link #ofProbs(Tensor)}. */
    public static OneHotCategorical of(Tensor probs) {
        return ofProbs(probs);
    }

    /** Same as {@link #ofProbs(double...)}. */
    public static OneHotCategorical of(double... probs) {
        return ofProbs(probs);
    }

    /** The index-valued categorical this distribution encodes. */
    public Categorical categorical() {
        return categorical;
    }

    /** The number of categories {@code K}. */
    public int numCategories() {
        return categorical.numCategories();
    }

    /** The normalized probabilities, shape {@code batchShape + [K]}. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The normalized logits {@code log p}, shape {@code batchShape + [K]}. */
    public Tensor logits() {
        return categorical.logits();
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        int[] indexShape = Discrete.dropLast(shape, 1);
        return categorical.sampleShape(rng, indexShape).oneHot(numCategories(), categorical.param().dtype());
    }

    /** {@code log p_k} for the position k of the 1 (the first maximum, as PyTorch, when validation is off). */
    @Override
    protected Tensor logProbOf(Tensor value) {
        return categorical.logProbOf(value.argmax(-1));
    }

    @Override
    public Constraint support() {
        return Discrete.OneHot.INSTANCE;
    }

    /** {@code p}. */
    @Override
    public Tensor mean() {
        return categorical.probs();
    }

    /** {@code p (1 - p)} per coordinate. */
    @Override
    public Tensor variance() {
        Tensor p = categorical.probs();
        return p.mul(p.rsub(1.0));
    }

    /** {@code -sum_k p_k log p_k}. */
    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /**
     * The K one-hot vectors (parameter type) along a new leading dimension: shape {@code [K, 1, ..., 1, K]}, or
     * {@code [K] + batchShape + [K]}.
     */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        int k = numCategories();
        Tensor eye = Tensor.arange(k).oneHot(k, categorical.param().dtype());
        return Discrete.enumerate(eye, batchShape(), expand);
    }

    @Override
    public OneHotCategorical expand(int... newBatchShape) {
        return new OneHotCategorical(categorical.expand(newBatchShape));
    }
}
