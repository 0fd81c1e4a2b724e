package io.pplj.dist;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import io.pplj.tensor.Tensor;

/**
 * Analytic KL divergences {@code KL(p || q) = E_p[log p(x) - log q(x)]} by the classes of p and q. Registries are
 * immutable: {@link #with} returns an extended copy, so a user's rules never leak into other code.
 *
 * <pre>{@code
 * KlRegistry mine = KL.registry().with(MyDist.class, Normal.class, (p, q) -> ...);
 * Tensor kl = mine.divergence(p, q);
 * }</pre>
 *
 * <p>Pairs of {@link Independent} distributions reinterpreting the same number of dimensions reduce to their bases'
 * divergence, summed over those dimensions.
 */
public final class KlRegistry {

    private final Map<List<Class<?>>, BiFunction<Distribution, Distribution, Tensor>> rules;

    private KlRegistry(Map<List<Class<?>>, BiFunction<Distribution, Distribution, Tensor>> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** A registry with no rules. */
    public static KlRegistry empty() {
        return new KlRegistry(Map.of());
    }

    /** A copy of this registry that also knows {@code KL(p || q)} for p of class P and q of class Q. */
    public <P extends Distribution, Q extends Distribution> KlRegistry with(Class<P> p, Class<Q> q,
                                                                          BiFunction<P, Q, Tensor> rule) {
        Map<List<Class<?>>, BiFunction<Distribution, Distribution, Tensor>> copy = new HashMap<>(rules);
        copy.put(List.of(p, q), (a, b) -> rule.apply(p.cast(a), q.cast(b)));
        return new KlRegistry(copy);
    }

    /** Whether a rule covers these classes (exactly, or through superclasses). */
    public boolean has(Class<? extends Distribution> p, Class<? extends Distribution> q) {
        return find(p, q) != null;
    }

    /**
     * {@code KL(p || q)}, shape: the broadcast of the two batch shapes.
     *
     * @throws IllegalArgumentException if no rule covers the pair
     */
    public Tensor divergence(Distribution p, Distribution q) {
        if (p instanceof Independent && q instanceof Independent) {
            Independent ip = (Independent) p;
            Independent iq = (Independent) q;
            if (ip.reinterpretedBatchDims() == iq.reinterpretedBatchDims()) {
                return Independent.sumRightmost(divergence(ip.base(), iq.base()), ip.reinterpretedBatchDims());
            }
        }
        BiFunction<Distribution, Distribution, Tensor> rule = find(p.getClass(), q.getClass());
        if (rule == null) {
            throw new IllegalArgumentException("no KL divergence is registered between " + p.name() + " and "
                    + q.name() + "; add one with KL.registry().with(" + p.getClass().getSimpleName() + ".class, "
                    + q.getClass().getSimpleName() + ".class, rule)");
        }
        return rule.apply(p, q);
    }

    private BiFunction<Distribution, Distribution, Tensor> find(Class<?> p, Class<?> q) {
        for (Class<?> a = p; a != null; a = a.getSuperclass()) {
            for (Class<?> b = q; b != null; b = b.getSuperclass()) {
                BiFunction<Distribution, Distribution, Tensor> r = rules.get(List.of(a, b));
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }
}
