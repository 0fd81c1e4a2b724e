package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * The relaxed one-hot categorical (Concrete, Gumbel-softmax) distribution on the probability simplex of dimension
 * {@code K} (event dimension 1), a reparameterizable relaxation of {@link OneHotCategorical} with temperature
 * {@code T > 0} and logits {@code l}: {@code y = softmax((l + G) / T)} with independent standard Gumbel {@code G_k}.
 * As PyTorch (ExpRelaxedCategorical transformed by exp), the density is
 * {@code log p(y) = log Gamma(K) + (K - 1) log T + sum_k (s_k - logsumexp(s)) - sum_k log y_k} with
 * {@code s_k = l_k - T log y_k}: the Concrete density of Maddison, Mnih and Teh (2017). The argmax of a draw is
 * {@code Categorical(softmax(l))} for every T; as {@code T -> 0} draws approach one-hot vectors.
 *
 * <p>As in PyTorch, probabilities are clamped to {@code [eps, 1 - eps]} (the type's machine epsilon) before taking
 * logs and uniforms to {@code [eps, 1 - eps]}; draws may underflow to exact zeros at very low temperatures (whose
 * log-density is then not finite). No closed-form mean, variance or entropy exists; those are not provided.
 */
public final class RelaxedOneHotCategorical extends Distribution {

    private final Tensor temperature;
    private final Categorical categorical;

    private RelaxedOneHotCategorical(Tensor temperature, Categorical categorical, int[] batchShape) {
        super(batchShape, new int[] {categorical.numCategories()});
        this.temperature = temperature;
        this.categorical = categorical;
    }

    private static RelaxedOneHotCategorical create(Tensor temperature, Tensor raw, boolean logits) {
        Tensor[] t = Parameters.promote(temperature, raw);
        Categorical c = Categorical.unchecked("RelaxedOneHotCategorical", t[1], logits);
        int[] batch;
        try {
            batch = Shapes.broadcast("RelaxedOneHotCategorical", t[0].shape(), c.batchShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RelaxedOneHotCategorical: parameter shapes do not broadcast:"
                    + " temperature " + Shapes.format(t[0].shape()) + ", " + (logits ? "logits " : "probs ")
                    + Shapes.format(t[1].shape()) + " (batch " + Shapes.format(c.batchShape()) + ")", e);
        }
        RelaxedOneHotCategorical d = new RelaxedOneHotCategorical(t[0], c, batch);
        d.checkParameter("temperature", t[0], Constraint.positive());
        c.checkRaw(d, t[1]);
        return d;
    }

    /**
     * A relaxed one-hot categorical with temperatures {@code temperature > 0} (broadcasting with the batch shape)
     * and category weights {@code probs} (last dimension, normalized).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a temperature is not
     *     positive, a weight is negative or not finite, or a row sums to 0
     */
    public static RelaxedOneHotCategorical ofProbs(Tensor temperature, Tensor probs) {
        return create(temperature, probs, false);
    }

    /** A relaxed one-hot categorical with a fixed temperature and category weights. */
    public static RelaxedOneHotCategorical ofProbs(double temperature, Tensor probs) {
        return ofProbs(Parameters.scalar(temperature), probs);
    }

    /**
     * A relaxed one-hot categorical with temperatures {@code temperature > 0} and logits (last dimension).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a temperature is not
     *     positive or a logit is NaN
     */
    public static RelaxedOneHotCategorical ofLogits(Tensor temperature, Tensor logits) {
        return create(temperature, logits, true);
    }

    /** A relaxed one-hot categorical with a fixed temperature and logits. */
    public static RelaxedOneHotCategorical ofLogits(double temperature, Tensor logits) {
        return ofLogits(Parameters.scalar(temperature), logits);
    }

    /** Same as {@link #ofProbs(Tensor, Tensor)}. */
    public static RelaxedOneHotCategorical of(Tensor temperature, Tensor probs) {
        return ofProbs(temperature, probs);
    }

    /** Same as {@link #ofProbs(double, Tensor)}. */
    public static RelaxedOneHotCategorical of(double temperature, Tensor probs) {
        return ofProbs(temperature, probs);
    }

    /** The temperatures {@code T}. */
    public Tensor temperature() {
        return temperature;
    }

    /** The number of categories {@code K}. */
    public int numCategories() {
        return categorical.numCategories();
    }

    /** The normalized probabilities of the categorical being relaxed, shape {@code batchShape + [K]} (or less). */
    public Tensor probs() {
        return categorical.probs();
    }

    /**
     * The normalized logits {@code log p} (from probabilities: the log of the probabilities clamped to
     * {@code [eps, 1 - eps]}).
     */
    public Tensor logits() {
        if (categorical.isLogits()) {
            return categorical.param();
        }
        double eps = Discrete.eps(categorical.param().dtype());
        return categorical.param().clamp(eps, 1.0 - eps).log();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code y = softmax((l + G) / T)} with {@code G = -log(-log U)}, differentiable in l (or p) and T. */
    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor l = logits();
        double eps = Discrete.eps(l.dtype());
        Tensor u = rng.uniform(l.dtype(), shape).clamp(eps, 1.0 - eps);
        Tensor gumbel = u.log().neg().log().neg();
        Tensor scores = gumbel.add(l).div(temperature.unsqueeze(-1));
        return scores.sub(scores.logsumexp(-1, true)).exp();
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        int k = numCategories();
        Tensor t = temperature.unsqueeze(-1);
        Tensor logY = Discrete.asFloating(value, temperature).log();
        Tensor score = logits().sub(logY.mul(t));
        Tensor normalized = score.sub(score.logsumexp(-1, true)).sum(-1);
        Tensor logScale = temperature.log().mul(k - 1.0).add(Tensor.scalar(k, temperature.dtype()).lgamma());
        return normalized.add(logScale).sub(logY.sum(-1));
    }

    @Override
    public Constraint support() {
        return Constraint.simplex();
    }

    @Override
    public RelaxedOneHotCategorical expand(int... newBatchShape) {
        return new RelaxedOneHotCategorical(temperature.expand(newBatchShape), categorical.expand(newBatchShape),
                newBatchShape.clone());
    }
}
