package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The relaxed Bernoulli (binary Concrete) distribution on {@code (0, 1)}, a reparameterizable relaxation of
 * {@link Bernoulli} with temperature {@code T > 0} and logits {@code l}: {@code y = sigmoid(x)} where
 * {@code x = (l + log U - log(1 - U)) / T}, {@code U} uniform (so {@code T x - l} is standard logistic). As PyTorch,
 * whose RelaxedBernoulli is the sigmoid transform of LogitRelaxedBernoulli, the density of y is
 * {@code log p(y) = log T + d - 2 softplus(d) - log y - log(1 - y)} with {@code x = log y - log(1 - y)} and
 * {@code d = l - T x}. As {@code T -> 0} draws concentrate on 0 and 1 with {@code P(y > 1/2) = sigmoid(l)} for every
 * T.
 *
 * <p>As in PyTorch, probabilities are clamped to {@code [eps, 1 - eps]} (the type's machine epsilon) before taking
 * logits, uniforms to {@code [eps, 1 - eps]}, and draws to {@code [tiny, 1 - eps]}, so draws have finite log-density.
 * No closed-form mean, variance or entropy exists; those are not provided.
 */
public final class RelaxedBernoulli extends Distribution {

    private final Tensor temperature;
    private final BinaryProbs p;

    private RelaxedBernoulli(Tensor temperature, BinaryProbs p, int[] batchShape) {
        super(batchShape, new int[0]);
        this.temperature = temperature;
        this.p = p;
    }

    private static RelaxedBernoulli create(Tensor temperature, Tensor param, boolean logits) {
        Tensor[] t = Parameters.promote(temperature, param);
        BinaryProbs bp = logits ? BinaryProbs.ofLogits(t[1]) : BinaryProbs.ofProbs(t[1]);
        RelaxedBernoulli d = new RelaxedBernoulli(t[0], bp, Parameters.batchShape("RelaxedBernoulli", t[0], t[1]));
        d.checkParameter("temperature", t[0], Constraint.positive());
        d.checkParameter(logits ? "logits" : "probs", t[1], logits ? Constraint.real() : Constraint.unitInterval());
        return d;
    }

    /**
     * A relaxed Bernoulli with temperatures {@code temperature > 0} and probabilities {@code probs}, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a temperature is not
     *     positive or a probability lies outside {@code [0, 1]}
     */
    public static RelaxedBernoulli ofProbs(Tensor temperature, Tensor probs) {
        return create(temperature, probs, false);
    }

    /** A relaxed Bernoulli with a fixed temperature and tensor probabilities. */
    public static RelaxedBernoulli ofProbs(double temperature, Tensor probs) {
        return ofProbs(Parameters.scalar(temperature), probs);
    }

    /** A scalar relaxed Bernoulli. */
    public static RelaxedBernoulli ofProbs(double temperature, double probs) {
        return ofProbs(Parameters.scalar(temperature), Parameters.scalar(probs));
    }

    /**
     * A relaxed Bernoulli with temperatures {@code temperature > 0} and logits {@code logits}, broadcasting.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) a temperature is not
     *     positive or a logit is NaN
     */
    public static RelaxedBernoulli ofLogits(Tensor temperature, Tensor logits) {
        return create(temperature, logits, true);
    }

    /** A relaxed Bernoulli with a fixed temperature and tensor logits. */
    public static RelaxedBernoulli ofLogits(double temperature, Tensor logits) {
        return ofLogits(Parameters.scalar(temperature), logits);
    }

    /** A scalar relaxed Bernoulli given by its logits. */
    public static RelaxedBernoulli ofLogits(double temperature, double logits) {
        return ofLogits(Parameters.scalar(temperature), Parameters.scalar(logits));
    }

    /** Same as {@link #ofProbs(Tensor, Tensor)}. */
    public static RelaxedBernoulli of(Tensor temperature, Tensor probs) {
        return ofProbs(temperature, probs);
    }

    /** Same as {@link #ofProbs(double, Tensor)}. */
    public static RelaxedBernoulli of(double temperature, Tensor probs) {
        return ofProbs(temperature, probs);
    }

    /** Same as {@link #ofProbs(double, double)}. */
    public static RelaxedBernoulli of(double temperature, double probs) {
        return ofProbs(temperature, probs);
    }

    /** The temperatures {@code T}. */
    public Tensor temperature() {
        return temperature;
    }

    /** The probabilities {@code p = sigmoid(l)} of the Bernoulli being relaxed. */
    public Tensor probs() {
        return p.probs();
    }

    /** The logits {@code l} (from probabilities: of the probabilities clamped to {@code [eps, 1 - eps]}). */
    public Tensor logits() {
        if (p.isLogits()) {
            return p.raw();
        }
        double eps = Discrete.eps(p.raw().dtype());
        return BinaryProbs.ofProbs(p.raw().clamp(eps, 1.0 - eps)).logits();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code y = sigmoid((l + log U - log(1 - U)) / T)}, differentiable in l (or p) and T. */
    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor l = logits();
        double eps = Discrete.eps(l.dtype());
        Tensor u = rng.uniform(l.dtype(), shape).clamp(eps, 1.0 - eps);
        Tensor logistic = u.log().sub(u.neg().log1p());
        Tensor x = logistic.add(l).div(temperature);
        return x.sigmoid().clamp(Discrete.tiny(l.dtype()), 1.0 - eps);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor y = Discrete.asFloating(value, temperature);
        Tensor logY = y.log();
        Tensor log1mY = y.neg().log1p();
        Tensor x = logY.sub(log1mY);
        Tensor d = logits().sub(x.mul(temperature));
        return temperature.log().add(d).sub(d.softplus().mul(2.0)).sub(logY).sub(log1mY);
    }

    @Override
    public Constraint support() {
        return Constraint.unitInterval();
    }

    @Override
    public RelaxedBernoulli expand(int... newBatchShape) {
        return new RelaxedBernoulli(temperature.expand(newBatchShape), p.expand(newBatchShape),
                newBatchShape.clone());
    }
}
