package io.pplj.infer;

import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import java.util.LinkedHashSet;
import java.util.Set;

/** Collects the names of the param sites a step reads, so the optimizer updates exactly those parameters. */
final class ParamCapture extends Messenger {

    private final Set<String> names = new LinkedHashSet<>();

    Set<String> names() {
        return names;
    }

    @Override
    protected void postprocess(Message msg) {
        if (msg.type() == Message.Type.PARAM) {
            names.add(msg.name());
        }
    }
}
