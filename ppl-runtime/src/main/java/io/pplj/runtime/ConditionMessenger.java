package io.pplj.runtime;

import io.pplj.tensor.Tensor;
import java.util.Map;

/** Conditions sample sites on data: a site named in the map becomes observed with the given value. */
public final class ConditionMessenger extends Messenger {

    private final Map<String, Tensor> data;

    /** Observes {@code data.get(name)} at each named sample site. */
    public ConditionMessenger(Map<String, Tensor> data) {
        this.data = Map.copyOf(data);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        Tensor v = data.get(msg.name());
        if (v != null) {
            msg.setValue(v);
            msg.setObserved(true);
        }
    }
}
