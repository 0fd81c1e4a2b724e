package io.pplj.causal;

import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.ReservedDim;
import java.util.ArrayList;
import java.util.List;

/**
 * The counterfactual handlers (ChiRho's {@code BaseCounterfactualMessenger}): while one is active, an intervention
 * ({@link Causal#intervene}, {@link InterventionMessenger}) does not simply replace a site's value but splits it
 * into worlds, as each subclass decides, and observations of sites downstream of an intervention condition the
 * factual world only.
 *
 * <p><b>Worlds.</b> {@link TwinWorldCounterfactual} and {@link MultiWorldCounterfactual} keep every world in one
 * run, along world dimensions: batch dimensions reserved left of all plates ({@link ReservedDim}), listed by
 * {@link #worlds()}. Position 0 of a world index is the factual world, position 1 the intervened one. A site whose
 * distribution does not involve a split value (upstream of every intervention) is drawn once and shared by all
 * worlds; a site downstream gets the world dimensions through its parameters and is drawn once per world.
 *
 * <p><b>Conditioning (abduction, action, prediction).</b> When a site downstream of an intervention is observed
 * (its data has no world dimension), the observation holds in the factual world only, and its log-probability
 * counts there only, so inference over the latent variables is the same as in the unintervened, conditioned model.
 * The other worlds get:
 * <ul>
 *   <li>for a {@link io.pplj.dist.TransformedDistribution}, read as a mechanism {@code y = f(parents, u)} with
 *       exogenous noise {@code u} from its base: the noise abducted from the factual observation,
 *       {@code u = f_factual^-1(y)}, pushed through each world's own transforms, {@code y_w = f_w(u)};</li>
 *   <li>for any other distribution (its noise is implicit): a fresh draw from that world's distribution, recorded as
 *       the latent site {@code name + "_counterfactual"} whose log-probability counts in those worlds only.</li>
 * </ul>
 * Exogenous noise is shared between worlds when the model makes it explicit: an upstream noise site
 * ({@code u = sample("u", ...)} then a deterministic mechanism), or an observed TransformedDistribution site.
 *
 * <p><b>Dimensions.</b> By default a new world dimension is allocated just left of the plates open at the
 * intervention, right for models whose plates enclose their interventions. A model that opens plates after an
 * intervention needs its worlds further left: create the handler with {@code firstAvailableDim} at most
 * {@code -(deepest plate nesting + 1)}, as Pyro's {@code max_plate_nesting}; otherwise such a plate fails with a
 * message saying so.
 *
 * <p>A handler is a scope ({@code try (CounterfactualHandler h = TwinWorldCounterfactual.of().enter())}) or wraps a
 * model ({@link #wrap}); each entry starts a run with no worlds. The worlds of the last run stay readable after it.
 * A handler holds the state of its run: use one instance per thread, one run at a time.
 */
public abstract sealed class CounterfactualHandler extends Messenger
        permits TwinWorldCounterfactual, MultiWorldCounterfactual, SingleWorldCounterfactual, SingleWorldFactual {

    private final int firstAvailableDim;
    private final List<ReservedDim> reserved = new ArrayList<>();
    private Worlds worlds = Worlds.none();

    CounterfactualHandler(int firstAvailableDim) {
        if (firstAvailableDim >= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": firstAvailableDim "
                    + firstAvailableDim + " must be negative (a batch dimension counted from the right)");
        }
        this.firstAvailableDim = firstAvailableDim;
    }

    /** The world indices of the current run, or of the last one once it is over. */
    public Worlds worlds() {
        return worlds;
    }

    /** Starts a run with no worlds and makes this the innermost counterfactual handler of the thread. */
    @Override
    public CounterfactualHandler enter() {
        release();
        worlds = Worlds.none();
        super.enter();
        CausalContext.push(this);
        return this;
    }

    /**
     * Ends the run (when closed, or popped by an out-of-order close further out): frees the world dimensions; the
     * {@linkplain #worlds() worlds} stay readable.
     */
    @Override
    protected void exited() {
        CausalContext.pop(this);
        release();
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE) {
            SitePlan.of(msg).settleBy(this);
        }
    }

    /** Applies an intervention to a settled sample message under this handler's world semantics. */
    abstract void intervene(Message msg, Actions.Action action);

    /**
     * The batch dimension of world index {@code name}, reserving one (left of all plates and of the other world
     * dimensions, and at or left of {@code firstAvailableDim}) the first time.
     */
    final int dimOf(String name, int size) {
        if (worlds.contains(name)) {
            return worlds.dim(name);
        }
        int atMost = firstAvailableDim;
        for (String n : worlds.names()) {
            atMost = Math.min(atMost, worlds.dim(n) - 1);
        }
        String kind = getClass().getSimpleName();
        ReservedDim r = ReservedDim.leftOfPlates("world:" + name, atMost, kind + " keeps its world dimensions left"
                + " of all plates, and this model opens a plate after an intervention: create the handler with"
                + " firstAvailableDim = -(deepest plate nesting + 1), e.g. " + kind + ".of(-2) for one level of"
                + " plates.");
        reserved.add(r);
        worlds = worlds.with(name, r.dim(), size);
        return r.dim();
    }

    private void release() {
        for (int i = reserved.size() - 1; i >= 0; i--) {
            reserved.get(i).close();
        }
        reserved.clear();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + worlds;
    }
}
