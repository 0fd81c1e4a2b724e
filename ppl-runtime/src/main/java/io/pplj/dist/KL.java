package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * Analytic KL divergences between distributions, {@code KL(p || q) = E_p[log p(x) - log q(x)]}, for the pairs
 * {@link KlRules} registers (and {@link Independent} wrappings of them). {@link #registry()} is the built-in,
 * immutable registry; extend it with {@link KlRegistry#with}.
 */
public final class KL {

    private static final KlRegistry BUILT_IN = KlRules.register(KlRegistry.empty());

    private KL() {
    }

    /** The built-in registry. */
    public static KlRegistry registry() {
        return BUILT_IN;
    }

    /**
     * {@code KL(p || q)} from the built-in registry.
     *
     * @throws IllegalArgumentException if no rule covers the pair
     */
    public static Tensor divergence(Distribution p, Distribution q) {
        return BUILT_IN.divergence(p, q);
    }
}
