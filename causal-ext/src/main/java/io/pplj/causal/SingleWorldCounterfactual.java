package io.pplj.causal;

import io.pplj.runtime.Message;

/**
 * Only the intervened world (ChiRho's {@code SingleWorldCounterfactual}): an intervention replaces the site's value,
 * as {@link Causal#intervene} does alone, with no world dimension; unlike a bare intervention it may also replace an
 * observed site's value, discarding the observation (the site then adds nothing to the log density). This is the
 * marginal of the counterfactual world: factual observations do not inform it.
 */
public final class SingleWorldCounterfactual extends CounterfactualHandler {

    private SingleWorldCounterfactual() {
        super(-1);
    }

    /** A new handler. */
    public static SingleWorldCounterfactual of() {
        return new SingleWorldCounterfactual();
    }

    @Override
    void intervene(Message msg, Actions.Action action) {
        Splits.replace(msg, action, true);
    }
}
