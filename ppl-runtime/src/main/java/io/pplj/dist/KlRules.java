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
                .with(OneHotCategorical.class, OneHotCategorical.class, KlRules::oneHotOneHot)
                .with(MultivariateNormal.class, MultivariateNormal.class, KlRules::mvnMvn)
                .with(LowRankMultivariateNormal.class, LowRankMultivariateNormal.class,
                        (p, q) -> gaussian(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()))
                .with(LowRankMultivariateNormal.class, MultivariateNormal.class,
                        (p, q) -> gaussian(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()))
                .with(MultivariateNormal.class, LowRankMultivariateNormal.class,
                        (p, q) -> gaussian(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()));
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

    /** {@code KL(N(m_p, L_p L_p^T) || N(m_q, L_q L_q^T))}; see {@link #gaussian}. */
    static Tensor mvnMvn(MultivariateNormal p, MultivariateNormal q) {
        return gaussian(p.loc(), p.scaleTril(), q.loc(), q.scaleTril());
    }

    /**
     * The KL divergence between k-variate normals given by means and lower Cholesky factors:
     * {@code sum log (L_q)_ii - sum log (L_p)_ii + 1/2 (|L_q^-1 L_p|_F^2 + |L_q^-1 (m_q - m_p)|^2 - k)}, which is
     * {@code 1/2 (tr(S_q^-1 S_p) + (m_q - m_p)^T S_q^-1 (m_q - m_p) - k + log det S_q - log det S_p)}. Batch
     * dimensions broadcast. (The low-rank family takes this route through its dense Cholesky factor.)
     *
     * @throws IllegalArgumentException if the event sizes differ
     */
    static Tensor gaussian(Tensor locP, Tensor trilP, Tensor locQ, Tensor trilQ) {
        int k = locP.size(-1);
        if (locQ.size(-1) != k) {
            throw new IllegalArgumentException("KL divergence between multivariate normals of different event sizes "
                    + k + " and " + locQ.size(-1));
        }
        Tensor trace = trilQ.solveTriangular(trilP, false).square().sum(new int[] {-2, -1}, false);
        Tensor mahalanobis = MultivariateNormal.mahalanobis(trilQ, locQ.sub(locP));
        Tensor logDets = MultivariateNormal.halfLogDet(trilQ).sub(MultivariateNormal.halfLogDet(trilP));
        return trace.add(mahalanobis).sub(k).mul(0.5).add(logDets);
    }
}
