package io.pplj.runtime;

import java.util.Map;
import java.util.function.Function;

/** Adds inference hints to sample and param sites (Pyro's {@code poutine.infer_config}). */
public final class InferConfigMessenger extends Messenger {

    private final Function<Message, Map<String, Object>> config;

    /** Merges {@code config.apply(msg)} into each sample and param site's {@code infer()} map. */
    public InferConfigMessenger(Function<Message, Map<String, Object>> config) {
        this.config = config;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE || msg.type() == Message.Type.PARAM) {
            Map<String, Object> extra = config.apply(msg);
            if (extra != null) {
                msg.infer().putAll(extra);
            }
        }
    }
}
