package io.pplj.runtime;

/**
 * Makes sample sites' values trackable through the autodiff graph, so that later computations record which values
 * they were computed from ({@link io.pplj.tensor.Grad#reaches}): a floating value is replaced by a leaf that
 * requires a gradient (same values). Enter it outside the trace it feeds, so that the trace and the model both see
 * the tracked value (postprocess runs from the outermost handler inwards).
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link #ofDraws()}: latent draws that do not already require a gradient become leaves; reparameterized draws
 *       keep their graph, so pathwise gradients still flow (TraceGraphElbo's downstream costs);</li>
 *   <li>{@link #ofSites()}: every floating sample value, latent or observed, becomes a fresh detached leaf, so a
 *       computation reaches a site's value only when it used that value directly, not through a later draw computed
 *       from it (the direct parents of a site, for causal graphs). Sites marked
 *       {@code infer().get(DETERMINISTIC)} (records of values computed from other sites) keep their value, so
 *       dependencies pass through them.</li>
 * </ul>
 * Integer and boolean values cannot carry gradients and stay as they are.
 */
public final class DependencyTracking extends Messenger {

    /** The {@code infer} key (Pyro's) of sites that record a value computed from other sites. */
    public static final String DETERMINISTIC = "_deterministic";

    private final boolean everySite;

    private DependencyTracking(boolean everySite) {
        this.everySite = everySite;
    }

    /** Latent draws without a gradient become leaves; other values are left alone. */
    public static DependencyTracking ofDraws() {
        return new DependencyTracking(false);
    }

    /** Every floating sample value, latent or observed, becomes a fresh detached leaf. */
    public static DependencyTracking ofSites() {
        return new DependencyTracking(true);
    }

    @Override
    public DependencyTracking enter() {
        super.enter();
        return this;
    }

    @Override
    protected void postprocess(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.value() == null || !msg.value().dtype().isFloating()) {
            return;
        }
        if (everySite && !Boolean.TRUE.equals(msg.infer().get(DETERMINISTIC))) {
            msg.setValue(msg.value().detach().requiresGrad(true));
        } else if (!everySite && !msg.isObserved() && !msg.value().requiresGrad()) {
            msg.setValue(msg.value().requiresGrad(true));
        }
    }
}
