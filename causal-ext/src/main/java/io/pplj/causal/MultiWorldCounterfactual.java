package io.pplj.causal;

import io.pplj.runtime.Message;

/**
 * Every combination of interventions (ChiRho's {@code MultiWorldCounterfactual}): each intervened site gets its own
 * world index, named after the site, with position 0 for the value the model produced and 1 for the intervened value,
 * so k interventions give {@code 2^k} worlds along k world dimensions. A site downstream of several interventions
 * varies along all of their indices. See {@link CounterfactualHandler} for what is shared between the worlds and how
 * observations condition the factual one.
 *
 * <pre>{@code
 * MultiWorldCounterfactual multi = MultiWorldCounterfactual.of();
 * Trace t = Handlers.trace(multi.wrap(Causal.intervene(model, Map.of("x", 1.0, "z", 0.0)))).getTrace(null);
 * Worlds w = multi.worlds();                                   // indices "x" and "z": 4 worlds
 * Tensor yOnlyX = w.select(t.site("y").value(), IndexSet.of("x", 1).with("z", 0));
 * }</pre>
 */
public final class MultiWorldCounterfactual extends CounterfactualHandler {

    private MultiWorldCounterfactual(int firstAvailableDim) {
        super(firstAvailableDim);
    }

    /** A handler whose world dimensions go just left of the plates open at each intervention. */
    public static MultiWorldCounterfactual of() {
        return new MultiWorldCounterfactual(-1);
    }

    /**
     * A handler whose world dimensions are {@code firstAvailableDim} or further left, for models that open plates
     * after an intervention.
     *
     * @throws IllegalArgumentException if {@code firstAvailableDim} is not negative
     */
    public static MultiWorldCounterfactual of(int firstAvailableDim) {
        return new MultiWorldCounterfactual(firstAvailableDim);
    }

    @Override
    void intervene(Message msg, Actions.Action action) {
        Splits.split(msg, action, this, msg.name());
    }
}
