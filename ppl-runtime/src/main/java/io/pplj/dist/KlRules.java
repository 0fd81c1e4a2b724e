package io.pplj.dist;

import io.pplj.tensor.Tensor;

/** The built-in analytic KL divergences. Each rule broadcasts the two batch shapes. */
final class KlRules {

    private KlRules() {
    }

    /** Adds every built-in rule to a registry. */
    static KlRegistry register(KlRegistry r) {
        return r.with(Normal.class, Normal.class, KlRules::normalNormal)
                .with(Bernoulli.class, Bernoulli.class, KlRules::bernoulliBernoulli)
                .with(Categorical.class, Categorical.class, KlRules::categoricalCategorical)
                .with(OneHotCategorical.class, OneHotCategorical.class, KlRules::oneHotOneHot);
    }

    /**
     * {@code KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2}.
     */
    static Tensor normalNormal(Normal p, Normal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1.0).sub(varRatio.log()).mul(0.5);
    }

    /**
     * {@code KL(Bern(p) || Bern(q)) = p (log p - log q) + (1 - p) (log(1 - p) - log(1 - q))}, with {@code 0 log 0 = 0}
     * ({@code +inf} where q puts no mass on an outcome p can take).
     */
    static Tensor bernoulliBernoulli(Bernoulli p, Bernoulli q) {
        BinaryProbs a = p.binary();
        BinaryProbs b = q.binary();
        Tensor success = Discrete.weighted(a.probs(), a.logP().sub(b.logP()));
        Tensor failure = Discrete.weighted(a.probs1m(), a.log1mP().sub(b.log1mP()));
        return success.add(failure);
    }

    /**
     * {@code KL(Cat(p) || Cat(q)) = sum_k p_k (log p_k - log q_k)}, with {@code 0 log 0 = 0} ({@code +inf} where
     * {@code q_k = 0 < p_k}).
     *
     * @throws IllegalArgumentException if the numbers of categories differ
     */
    static Tensor categoricalCategorical(Categorical p, Categorical q) {
        if (p.numCategories() != q.numCategories()) {
            throw new IllegalArgumentException("KL(Categorical || Categorical): " + p.numCategories() + " vs "
                    + q.numCategories() + " categories");
        }
        return Discrete.weighted(p.probs(), p.logits().sub(q.logits())).sum(-1);
    }

    /** The KL divergence of the underlying categoricals. */
    static Tensor oneHotOneHot(OneHotCategorical p, OneHotCategorical q) {
        return categoricalCategorical(p.categorical(), q.categorical());
    }
}
