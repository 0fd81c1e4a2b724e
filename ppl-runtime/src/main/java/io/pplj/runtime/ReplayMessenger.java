package io.pplj.runtime;

import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * Replays a trace: every latent sample site (and plate subsample) named in the trace takes the trace's value instead
 * of drawing one; optionally param sites take given values. Observed sites are left alone. Used to score a model at
 * a guide's draws.
 */
public final class ReplayMessenger extends Messenger {

    private final Trace trace;
    private final Map<String, Tensor> params;

    /** Replays the sample sites of {@code trace}. */
    public ReplayMessenger(Trace trace) {
        this(trace, Map.of());
    }

    /** Replays the sample sites of {@code trace} and the given param values. */
    public ReplayMessenger(Trace trace, Map<String, Tensor> params) {
        this.trace = trace;
        this.params = Map.copyOf(params);
    }

    @Override
    protected void process(Message msg) {
        switch (msg.type()) {
            case SAMPLE:
            case SUBSAMPLE:
                if (msg.isObserved() || trace == null || !trace.contains(msg.name())) {
                    return;
                }
                Site recorded = trace.site(msg.name());
                if (recorded.type() != msg.type() || recorded.isObserved()) {
                    throw new IllegalArgumentException("replay: site '" + msg.name() + "' must be drawn (not "
                            + (recorded.isObserved() ? "observed" : recorded.type().name().toLowerCase(
                            java.util.Locale.ROOT)) + ") in the replayed trace");
                }
                msg.setValue(recorded.value());
                msg.infer().putAll(recorded.infer());
                msg.setDone(true);
                break;
            case PARAM:
                Tensor v = params.get(msg.name());
                if (v != null) {
                    msg.setValue(v);
                    msg.setDone(true);
                }
                break;
            default:
                break;
        }
    }
}
