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
                        (p, q) -> gaussian(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()))
                // continuous families
                .with(LogNormal.class, LogNormal.class, KlRules::logNormalLogNormal)
                .with(Uniform.class, Uniform.class, KlRules::uniformUniform)
                .with(Exponential.class, Exponential.class, KlRules::exponentialExponential)
                .with(Gamma.class, Gamma.class, KlRules::gammaGamma)
                .with(Beta.class, Beta.class, KlRules::betaBeta)
                .with(Dirichlet.class, Dirichlet.class, KlRules::dirichletDirichlet)
                .with(Laplace.class, Laplace.class, KlRules::laplaceLaplace);
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

    // ---- continuous families ------------------------------------------------------------------------------------

    /** The KL divergence of the underlying normals: {@code exp} is a bijection, which leaves KL unchanged. */
    static Tensor logNormalLogNormal(LogNormal p, LogNormal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1.0).sub(varRatio.log()).mul(0.5);
    }

    /**
     * {@code KL(U[a1, b1) || U[a2, b2)) = log((b2 - a2) / (b1 - a1))} when {@code [a1, b1]} lies within
     * {@code [a2, b2]}, {@code +inf} otherwise.
     */
    static Tensor uniformUniform(Uniform p, Uniform q) {
        Tensor kl = q.high().sub(q.low()).div(p.high().sub(p.low())).log();
        Tensor inside = q.low().le(p.low()).and(q.high().ge(p.high()));
        return Tensor.where(inside, kl, ContinuousMath.constant(Double.POSITIVE_INFINITY, kl));
    }

    /** {@code KL(Exp(r1) || Exp(r2)) = r2 / r1 - 1 - log(r2 / r1)}. */
    static Tensor exponentialExponential(Exponential p, Exponential q) {
        Tensor ratio = q.rate().div(p.rate());
        return ratio.sub(1.0).sub(ratio.log());
    }

    /**
     * {@code KL(Gamma(a1, b1) || Gamma(a2, b2)) = a2 log(b1 / b2) + lgamma(a2) - lgamma(a1)
     * + (a1 - a2) digamma(a1) + (b2 - b1) a1 / b1}.
     */
    static Tensor gammaGamma(Gamma p, Gamma q) {
        Tensor a1 = p.concentration();
        Tensor a2 = q.concentration();
        Tensor b1 = p.rate();
        Tensor b2 = q.rate();
        return a2.mul(b1.div(b2).log())
                .add(a2.lgamma()).sub(a1.lgamma())
                .add(a1.sub(a2).mul(a1.digamma()))
                .add(b2.sub(b1).mul(a1.div(b1)));
    }

    /**
     * {@code KL(Beta(a1, b1) || Beta(a2, b2)) = log B(a2, b2) - log B(a1, b1) + (a1 - a2) digamma(a1)
     * + (b1 - b2) digamma(b1) + (a2 + b2 - a1 - b1) digamma(a1 + b1)}.
     */
    static Tensor betaBeta(Beta p, Beta q) {
        Tensor a1 = p.concentration1();
        Tensor b1 = p.concentration0();
        Tensor a2 = q.concentration1();
        Tensor b2 = q.concentration0();
        Tensor s1 = a1.add(b1);
        Tensor s2 = a2.add(b2);
        return ContinuousMath.logBeta(a2, b2).sub(ContinuousMath.logBeta(a1, b1))
                .add(a1.sub(a2).mul(a1.digamma()))
                .add(b1.sub(b2).mul(b1.digamma()))
                .add(s2.sub(s1).mul(s1.digamma()));
    }

    /**
     * {@code KL(Dir(a) || Dir(b)) = lgamma(a0) - lgamma(b0) - sum_i (lgamma(a_i) - lgamma(b_i))
     * + sum_i (a_i - b_i) (digamma(a_i) - digamma(a0))}, {@code a0 = sum_i a_i}, {@code b0 = sum_i b_i}.
     */
    static Tensor dirichletDirichlet(Dirichlet p, Dirichlet q) {
        Tensor a = p.concentration();
        Tensor b = q.concentration();
        Tensor a0 = a.sum(-1);
        Tensor b0 = b.sum(-1);
        Tensor cross = a.sub(b).mul(a.digamma().sub(a0.digamma().unsqueeze(-1))).sum(-1);
        return a0.lgamma().sub(b0.lgamma()).sub(a.lgamma().sub(b.lgamma()).sum(-1)).add(cross);
    }

    /**
     * {@code KL(Laplace(m1, s1) || Laplace(m2, s2)) = log(s2 / s1) + |m1 - m2| / s2
     * + (s1 / s2) exp(-|m1 - m2| / s1) - 1}.
     */
    static Tensor laplaceLaplace(Laplace p, Laplace q) {
        Tensor ratio = p.scale().div(q.scale());
        Tensor distance = p.loc().sub(q.loc()).abs();
        return ratio.log().neg().add(distance.div(q.scale()))
                .add(ratio.mul(distance.div(p.scale()).neg().exp())).sub(1.0);
    }
}
