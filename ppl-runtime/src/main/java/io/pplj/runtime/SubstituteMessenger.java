package io.pplj.runtime;

import io.pplj.tensor.Tensor;
import java.util.Map;

/** Gives param sites fixed values instead of reading the parameter store (Pyro's {@code poutine.substitute}). */
public final class SubstituteMessenger extends Messenger {

    private final Map<String, Tensor> values;

    /** Uses {@code values.get(name)} for each named param site. */
    public SubstituteMessenger(Map<String, Tensor> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.PARAM) {
            Tensor v = values.get(msg.name());
            if (v != null) {
                msg.setValue(v);
                msg.setDone(true);
            }
        }
    }
}
