package io.pplj.causal;

import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * The causal extension's entry points, ChiRho's operations for PPL-J models: {@link #intervene} (the do-operator;
 * {@code do} is a Java keyword), and reading values across counterfactual worlds from inside a model run
 * ({@link #gather}, {@link #indicesOf}, {@link #factual()}, {@link #counterfactual()}). After a run, read values
 * through the handler's {@link CounterfactualHandler#worlds()}.
 *
 * <pre>{@code
 * Model<Void, Void> doX = Causal.intervene(model, Map.of("x", 1.0));           // P(. | do(X = 1))
 * TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
 * Model<Void, Void> cf = twin.wrap(Causal.intervene(Handlers.condition(model, evidence), Map.of("x", 1.0)));
 * }</pre>
 *
 * <p>Outside any counterfactual handler there are no worlds, and the reading operations leave values as they are,
 * as in ChiRho, so model code using them runs with or without one.
 */
public final class Causal {

    /** The {@code infer} key marking intervened sites in traces. */
    public static final String INTERVENED = "intervened";

    /**
     * The suffix of the latent site that holds the other worlds' draws of an observed site downstream of an
     * intervention whose distribution is not a TransformedDistribution.
     */
    public static final String COUNTERFACTUAL_SUFFIX = "_counterfactual";

    /**
     * The suffix of the factor site that keeps {@code log p(wouldBe | parents)} in the log density when a function
     * of the would-be value replaces a latent site (a soft intervention, without counterfactual worlds).
     */
    public static final String WOULD_BE_SUFFIX = "_would_be";

    private Causal() {
    }

    /**
     * The model with the named sample sites intervened on ({@link InterventionMessenger}, made afresh for each
     * run): each action is a {@code Tensor}, a number, a boolean, an {@link Intervention} or a
     * {@link java.util.function.Function} of the value the model would have produced. A run fails if a named site
     * never appears in it.
     *
     * @throws IllegalArgumentException for an action of an unsupported type, naming the site
     */
    @SuppressWarnings("try")
    public static <A, R> Model<A, R> intervene(Model<A, R> model, Map<String, ?> actions) {
        Map<String, Actions.Action> checked = Actions.of(actions);
        return input -> {
            try (Messenger active = InterventionMessenger.ofChecked(checked).enter()) {
                return model.run(input);
            }
        };
    }

    /** The worlds of the innermost active counterfactual handler; none outside one. */
    public static Worlds worlds() {
        return CausalContext.worlds();
    }

    /** {@code value}'s entries in the selected worlds ({@link Worlds#gather(Tensor, IndexSet)}). */
    public static Tensor gather(Tensor value, IndexSet worlds) {
        return worlds().gather(value, worlds);
    }

    /** {@code value}'s entries in the selected worlds, for a value with {@code eventDim} event dimensions. */
    public static Tensor gather(Tensor value, IndexSet worlds, int eventDim) {
        return worlds().gather(value, worlds, eventDim);
    }

    /** The world indices along which {@code value} varies ({@link Worlds#indicesOf(Tensor)}). */
    public static IndexSet indicesOf(Tensor value) {
        return worlds().indicesOf(value);
    }

    /** The world indices along which {@code value} varies, for a value with {@code eventDim} event dimensions. */
    public static IndexSet indicesOf(Tensor value, int eventDim) {
        return worlds().indicesOf(value, eventDim);
    }

    /** The factual world: position 0 along every world index created so far. */
    public static IndexSet factual() {
        return worlds().factual();
    }

    /** The world where every intervention so far happened. */
    public static IndexSet counterfactual() {
        return worlds().counterfactual();
    }
}
