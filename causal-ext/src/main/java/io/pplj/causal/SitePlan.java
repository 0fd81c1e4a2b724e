package io.pplj.causal;

import io.pplj.runtime.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What the causal handlers do to one sample message once its value is settled ({@link Message#afterDefault}):
 * the counterfactual handler that saw it conditions it across worlds, then the interventions on it apply in the
 * order the handlers processed the message (innermost first), then the site gets the frames of its world
 * dimensions. One plan per message, whichever handler comes first, so the result does not depend on the order in
 * which intervention, condition and counterfactual handlers were composed.
 */
final class SitePlan {

    /** Where the plan waits in the message's infer map while handlers process it; removed before postprocess. */
    private static final String KEY = "__causal_site_plan__";

    private final List<Actions.Action> interventions = new ArrayList<>();
    private CounterfactualHandler settler;

    private SitePlan() {
    }

    /** The message's plan, registered on first use. */
    static SitePlan of(Message msg) {
        Object existing = msg.infer().get(KEY);
        if (existing instanceof SitePlan) {
            return (SitePlan) existing;
        }
        SitePlan plan = new SitePlan();
        msg.infer().put(KEY, plan);
        msg.afterDefault(plan::run);
        return plan;
    }

    /** The first (innermost) counterfactual handler that processes the message conditions it. */
    void settleBy(CounterfactualHandler handler) {
        if (settler == null) {
            settler = handler;
        }
    }

    void intervene(Actions.Action action) {
        interventions.add(action);
    }

    /**
     * Whether the message, while handlers process it, is to be replaced by a constant: its last intervention is
     * constant and no counterfactual handler keeps its would-be value in a world of its own.
     */
    static boolean replacedByConstant(Message msg) {
        Object plan = msg.infer().get(KEY);
        if (!(plan instanceof SitePlan) || ((SitePlan) plan).interventions.isEmpty()) {
            return false;
        }
        List<Actions.Action> list = ((SitePlan) plan).interventions;
        return list.get(list.size() - 1).isConstant() && CausalContext.interventionsReplace();
    }

    private void run(Message msg) {
        msg.infer().remove(KEY);
        if (settler != null) {
            Conditioning.settle(msg, settler.worlds());
        }
        CounterfactualHandler world = CausalContext.innermost();
        for (Actions.Action i : interventions) {
            if (world == null) {
                Splits.replace(msg, i, false);
            } else {
                world.intervene(msg, i);
            }
        }
        if (world != null) {
            Splits.addWorldFrames(msg, world.worlds());
        }
    }
}
