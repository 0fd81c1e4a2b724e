package io.pplj.dist;

import io.pplj.tensor.Tensor;

/** The built-in analytic KL divergences. Each rule broadcasts the two batch shapes. */
final class KlRules {

    private KlRules() {
    }

    /** Adds every built-in rule to a registry. */
    static KlRegistry register(KlRegistry r) {
        return r.with(Normal.class, Normal.class, KlRules::normalNormal);
    }

    /**
     * {@code KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2}.
     */
    static Tensor normalNormal(Normal p, Normal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1.0).sub(varRatio.log()).mul(0.5);
    }
}
