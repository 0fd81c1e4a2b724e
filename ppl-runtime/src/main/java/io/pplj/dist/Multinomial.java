package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The multinomial distribution of the category counts {@code x} of {@code n = totalCount} independent categorical
 * trials with probabilities {@code p} (weights normalized, or logits, in the last dimension; event dimension 1):
 * {@code log P(x) = log Gamma(n + 1) - sum_i log Gamma(x_i + 1) + sum_i x_i log p_i} for non-negative integer
 * vectors with {@code sum_i x_i = n}, with {@code 0 log 0 = 0}.
 *
 * <p>Draws are integer-valued float vectors of the parameter's type, made of sequential conditional binomials
 * ({@code x_i ~ Binomial(n - x_0 - ... - x_{i-1}, p_i / (p_i + ... + p_{K-1}))}); not reparameterizable. No
 * closed-form entropy exists, so {@link #entropy()} is not provided.
 */
public final class Multinomial extends Distribution {

    private final int totalCount;
    private final Categorical categorical;

    private Multinomial(int totalCount, Categorical categorical) {
        super(categorical.batchShape(), new int[] {categorical.numCategories()});
        this.totalCount = totalCount;
        this.categorical = categorical;
    }

    private static Multinomial create(int totalCount, Tensor raw, boolean logits) {
        if (totalCount < 0) {
            throw new IllegalArgumentException("Multinomial: parameter 'totalCount' must be a non-negative"
                    + " integer, got " + totalCount);
        }
        Categorical c = Categorical.unchecked("Multinomial", raw, logits);
        Multinomial d = new Multinomial(totalCount, c);
        c.checkRaw(d, raw);
        return d;
    }

    /**
     * A multinomial of {@code totalCount} trials over categories weighted by {@code probs} (last dimension,
     * normalized to sum to 1).
     *
     * @throws IllegalArgumentException if totalCount is negative, probs is a scalar, or (validation on) a weight is
     *     negative or not finite or a row sums to 0
     */
    public static Multinomial ofProbs(int totalCount, Tensor probs) {
        return create(totalCount, probs, false);
    }

    /** A multinomial of {@code totalCount} trials over {@code probs.length} weighted categories (float32). */
    public static Multinomial ofProbs(int totalCount, double... probs) {
        return ofProbs(totalCount, Tensor.of(probs));
    }

    /**
     * A multinomial of {@code totalCount} trials over categories with logits {@code logits} (last dimension).
     *
     * @throws IllegalArgumentException if totalCount is negative, logits is a scalar, or (validation on) a logit is
     *     NaN
     */
    public static Multinomial ofLogits(int totalCount, Tensor logits) {
        return create(totalCount, logits, true);
    }

    /** A multinomial of {@code totalCount} trials over {@code logits.length} categories given by logits. */
    public static Multinomial ofLogits(int totalCount, double... logits) {
        return ofLogits(totalCount, Tensor.of(logits));
    }

    /** Same as {@link #ofProbs(int, Tensor)}. */
    public static Multinomial of(int totalCount, Tensor probs) {
        return ofProbs(totalCount, probs);
    }

    /** Same as {@link #ofProbs(int, double...)}. */
    public static Multinomial of(int totalCount, double... probs) {
        return ofProbs(totalCount, probs);
    }

    /** The number of trials {@code n}. */
    public int totalCount() {
        return totalCount;
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

    /**
     * Sequential conditional binomials: category i gets {@code Binomial(remaining, p_i / sum_{j >= i} p_j)} of the
     * trials the earlier categories left, the last category the rest.
     */
    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        int k = numCategories();
        Tensor p = categorical.probs().expand(shape);
        int[] rowShape = Discrete.dropLast(shape, 1);
        Tensor remaining = Tensor.full(totalCount, p.dtype(), rowShape);
        List<Tensor> counts = new ArrayList<>(k);
        for (int i = 0; i < k - 1; i++) {
            Tensor pi = p.select(-1, i);
            Tensor tail = p.narrow(-1, i, k - i).sum(-1);
            Tensor tailZero = tail.eq(0.0);
            Tensor conditional = Tensor.where(tailZero, Discrete.constant(0.0, pi),
                    pi.div(Tensor.where(tailZero, Discrete.constant(1.0, tail), tail))).clamp(0.0, 1.0);
            Tensor xi = rng.binomial(remaining, conditional);
            counts.add(xi);
            remaining = remaining.sub(xi);
        }
        counts.add(remaining);
        return Tensor.stack(counts, -1);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor x = Discrete.asFloating(value, categorical.param());
        Tensor logFactorialN = Tensor.scalar(totalCount + 1.0, x.dtype()).lgamma();
        Tensor logCoefficient = logFactorialN.sub(x.add(1.0).lgamma().sum(-1));
        return logCoefficient.add(Discrete.weighted(x, categorical.logits()).sum(-1));
    }

    /** Non-negative integer vectors summing to {@code totalCount}. */
    @Override
    public Constraint support() {
        return new Discrete.MultinomialCounts(totalCount);
    }

    /** {@code n p}. */
    @Override
    public Tensor mean() {
        return categorical.probs().mul((double) totalCount);
    }

    /** {@code n p (1 - p)} per coordinate (the covariances are {@code -n p_i p_j}). */
    @Override
    public Tensor variance() {
        Tensor p = categorical.probs();
        return p.mul(p.rsub(1.0)).mul((double) totalCount);
    }

    @Override
    public Multinomial expand(int... newBatchShape) {
        return new Multinomial(totalCount, categorical.expand(newBatchShape));
    }
}
