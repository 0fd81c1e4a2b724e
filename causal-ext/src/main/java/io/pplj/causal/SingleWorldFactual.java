package io.pplj.causal;

import io.pplj.runtime.Message;

/**
 * Only the factual world (ChiRho's {@code SingleWorldFactual}): interventions are ignored, every site keeps the value
 * the model produced (or observed), so the model runs as if unintervened. Useful to reuse one intervened model for
 * both the factual and the interventional question.
 */
public final class SingleWorldFactual extends CounterfactualHandler {

    private SingleWorldFactual() {
        super(-1);
    }

    /** A new handler. */
    public static SingleWorldFactual of() {
        return new SingleWorldFactual();
    }

    @Override
    void intervene(Message msg, Actions.Action action) {
        // The factual world keeps the value the model produced.
    }
}
