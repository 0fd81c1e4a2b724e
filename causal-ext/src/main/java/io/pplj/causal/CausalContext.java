package io.pplj.causal;

import io.pplj.tensor.PerThread;
import java.util.ArrayDeque;

/**
 * The counterfactual handlers active on the current thread, innermost last: interventions split worlds through the
 * innermost one, as ChiRho's {@code intervene} effect reaches the innermost counterfactual handler on the stack.
 * Entering a handler pushes it and closing pops it, so the state is scoped by the handlers themselves.
 */
final class CausalContext {

    private static final PerThread<ArrayDeque<CounterfactualHandler>> ACTIVE = new PerThread<>(ArrayDeque::new);

    private CausalContext() {
    }

    static void push(CounterfactualHandler h) {
        ACTIVE.get().addLast(h);
    }

    static void pop(CounterfactualHandler h) {
        ACTIVE.get().removeLastOccurrence(h);
    }

    /** The innermost active counterfactual handler, or null. */
    static CounterfactualHandler innermost() {
        return ACTIVE.get().peekLast();
    }

    /** The worlds of the innermost active handler, or none. */
    static Worlds worlds() {
        CounterfactualHandler h = innermost();
        return h == null ? Worlds.none() : h.worlds();
    }

    /** Whether an intervention now replaces a site's value outright (no handler, or a single counterfactual world). */
    static boolean interventionsReplace() {
        CounterfactualHandler h = innermost();
        return h == null || h instanceof SingleWorldCounterfactual;
    }
}
