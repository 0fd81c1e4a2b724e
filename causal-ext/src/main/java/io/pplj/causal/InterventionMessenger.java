package io.pplj.causal;

import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The intervention handler (ChiRho's {@code Interventions}, the {@code do} operator): each named sample site takes
 * the value its {@link Intervention} gives, computed from the value the model would have produced there (drawn,
 * replayed or observed), and everything downstream sees the new value. The site keeps its name in traces, marked
 * {@code infer().get(Causal.INTERVENED)}.
 *
 * <p>Alone, an intervention replaces the value and removes the site's factor from the log density (the mutilated
 * model); intervening on an observed site is then an error, since the observation would be lost. A function of the
 * would-be value (a soft intervention, such as a shift) leaves the would-be draw random, so its factor
 * {@code log p(wouldBe | parents)} stays in the density, as the factor site {@code name + "_would_be"}
 * ({@link Causal#WOULD_BE_SUFFIX}). Under a
 * {@link CounterfactualHandler} the value is split into worlds instead. The intervention happens once the site's
 * value is settled, so it commutes with {@code Handlers.condition} whichever wraps the other.
 *
 * <p>A scope is one run: a named site that never reached the handler during it is reported when the scope closes
 * (after the model returns), since a misspelt name would otherwise intervene on nothing.
 */
public final class InterventionMessenger extends Messenger {

    private final Map<String, Actions.Action> actions;
    private final Set<String> intervened = new LinkedHashSet<>();
    private final Set<String> sites = new LinkedHashSet<>();

    private InterventionMessenger(Map<String, Actions.Action> actions) {
        this.actions = actions;
    }

    /**
     * Intervenes on the named sites: each action is a {@code Tensor}, a number, a boolean, an {@link Intervention} or
     * a {@link java.util.function.Function} from the would-be value to a tensor or number.
     *
     * @throws IllegalArgumentException for an action of another type, naming the site
     */
    public static InterventionMessenger of(Map<String, ?> actions) {
        return new InterventionMessenger(Actions.of(actions));
    }

    /** A handler for actions already checked. */
    static InterventionMessenger ofChecked(Map<String, Actions.Action> actions) {
        return new InterventionMessenger(actions);
    }

    /** Starts a run: the sites seen so far are forgotten. */
    @Override
    public InterventionMessenger enter() {
        intervened.clear();
        sites.clear();
        super.enter();
        return this;
    }

    /**
     * Ends the run.
     *
     * @throws IllegalArgumentException if a named site never reached the handler during the run
     */
    @Override
    public void close() {
        super.close();
        if (intervened.size() < actions.size()) {
            Set<String> missing = new LinkedHashSet<>(actions.keySet());
            missing.removeAll(intervened);
            throw new IllegalArgumentException("intervene: no sample site named " + missing + " ran while the"
                    + " intervention was active (the run's sample sites were " + sites + "); check the names, and"
                    + " that no block handler hides them");
        }
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        sites.add(msg.name());
        Actions.Action action = actions.get(msg.name());
        if (action != null) {
            intervened.add(msg.name());
            msg.infer().put(Causal.INTERVENED, Boolean.TRUE);
            SitePlan.of(msg).intervene(action);
        }
    }
}
