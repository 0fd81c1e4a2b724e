package io.pplj.causal;

import io.pplj.runtime.Message;

/**
 * Two worlds, factual and counterfactual (ChiRho's {@code TwinWorldCounterfactual}): every intervention splits along
 * the one world index {@link #INDEX}, position 0 keeping the value the model produced and position 1 taking the
 * intervened value. With several interventions, the counterfactual world is the one where all of them happened
 * (a later intervention on a site already split sets its counterfactual value, as the last assignment wins in
 * ChiRho). See {@link CounterfactualHandler} for what is shared between the worlds and how observations condition
 * the factual one.
 *
 * <pre>{@code
 * TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
 * Model<Void, Void> cf = twin.wrap(Causal.intervene(Handlers.condition(scm, data), Map.of("x", 2.0)));
 * Trace t = Handlers.trace(cf).getTrace(null);
 * Tensor yIfX2 = twin.worlds().counterfactual(t.site("y").value());
 * }</pre>
 */
public final class TwinWorldCounterfactual extends CounterfactualHandler {

    /** The name of the world index. */
    public static final String INDEX = "twin";

    private TwinWorldCounterfactual(int firstAvailableDim) {
        super(firstAvailableDim);
    }

    /** A handler whose world dimension goes just left of the plates open at the first intervention. */
    public static TwinWorldCounterfactual of() {
        return new TwinWorldCounterfactual(-1);
    }

    /**
     * A handler whose world dimension is {@code firstAvailableDim} or further left (Pyro's
     * {@code -(max_plate_nesting + 1)}), for models that open plates after an intervention.
     *
     * @throws IllegalArgumentException if {@code firstAvailableDim} is not negative
     */
    public static TwinWorldCounterfactual of(int firstAvailableDim) {
        return new TwinWorldCounterfactual(firstAvailableDim);
    }

    @Override
    void intervene(Message msg, Actions.Action action) {
        Splits.split(msg, action, this, INDEX);
    }
}
