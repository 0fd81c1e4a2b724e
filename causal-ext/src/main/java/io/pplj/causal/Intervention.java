package io.pplj.causal;

import io.pplj.tensor.Tensor;
import java.util.function.Function;

/**
 * What an intervention sets a site to, given the value the model would have produced there (ChiRho's atomic
 * intervention): a constant ({@code do(X = x)}) or a function of the would-be value (a shift, a clamp, a policy).
 * {@link Causal#intervene} also takes constants (plain {@code Tensor}s, numbers, booleans) and {@link Function}s;
 * {@link #of} gives a lambda its type inside {@code Map.of(...)}. A function is a soft intervention: the would-be
 * value is still drawn from the site's distribution, whose factor stays in the log density (see
 * {@link InterventionMessenger}).
 *
 * <pre>{@code
 * Causal.intervene(model, Map.of("dose", 2.0, "x", Intervention.of(x -> x.add(1.0))));
 * }</pre>
 */
@FunctionalInterface
public interface Intervention {

    /**
     * The value the site takes. Under a counterfactual handler {@code wouldBe} holds every world's value along the
     * world dimensions; the result must broadcast to {@code wouldBe}'s shape in every dimension but those.
     */
    Tensor apply(Tensor wouldBe);

    /** The function itself: {@code Intervention.of(x -> x.mul(2.0))} types a lambda for {@code Map.of}. */
    static Intervention of(Intervention f) {
        return f;
    }
}
