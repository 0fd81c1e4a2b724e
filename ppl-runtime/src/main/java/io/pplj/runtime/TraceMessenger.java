package io.pplj.runtime;

/**
 * Records every site of a run into a {@link Trace}. A fresh trace starts each time the handler is entered.
 */
public final class TraceMessenger extends Messenger {

    private Trace trace = new Trace();

    @Override
    public TraceMessenger enter() {
        super.enter();
        trace = new Trace();
        return this;
    }

    /** The trace of the current or last run. */
    public Trace trace() {
        return trace;
    }

    @Override
    protected void postprocess(Message msg) {
        trace.add(new Site(msg));
    }
}
