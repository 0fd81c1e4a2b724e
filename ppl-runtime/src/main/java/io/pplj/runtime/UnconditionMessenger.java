package io.pplj.runtime;

/**
 * Turns observed sample sites back into latent ones: the value is drawn again; the observation is kept in
 * {@code infer().get("obs")}.
 */
public final class UnconditionMessenger extends Messenger {

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE && msg.isObserved()) {
            msg.infer().put("obs", msg.value());
            msg.setObserved(false);
            msg.setValue(null);
            msg.setDone(false);
        }
    }
}
