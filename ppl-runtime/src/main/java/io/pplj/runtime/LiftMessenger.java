package io.pplj.runtime;

import io.pplj.dist.Distribution;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Lifts parameters to random variables: a param site whose prior is given becomes a sample site drawn from that
 * prior (Pyro's {@code poutine.lift}), so inference can treat a learnable parameter as latent. A parameter read
 * several times in one run is drawn once: later reads return the first draw and are hidden from the handlers outside
 * (as in Pyro), so a trace records one sample site per parameter.
 */
public final class LiftMessenger extends Messenger {

    private final Function<String, Distribution> prior;
    private Map<String, Message> drawn = new HashMap<>();

    /** Lifts each param site to the prior {@code prior.apply(name)} (null leaves it a param). */
    public LiftMessenger(Function<String, Distribution> prior) {
        this.prior = prior;
    }

    /** Lifts the named param sites to the given priors. */
    public LiftMessenger(Map<String, Distribution> priors) {
        this(Map.copyOf(priors)::get);
    }

    /** Lifts every param site to the same prior. */
    public LiftMessenger(Distribution prior) {
        this(name -> prior);
    }

    /** Starts a run: parameters read from now on are drawn afresh. */
    @Override
    public LiftMessenger enter() {
        super.enter();
        drawn = new HashMap<>();
        return this;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.PARAM) {
            return;
        }
        Distribution d = prior.apply(msg.name());
        if (d != null) {
            msg.setType(Message.Type.SAMPLE);
            msg.setDistribution(d);
            Message first = drawn.get(msg.name());
            if (first != null) {
                msg.setValue(first.value());
                msg.setObserved(true);
                msg.stop();
            } else {
                drawn.put(msg.name(), msg);
                msg.setValue(null);
                msg.setObserved(false);
            }
        }
    }
}
