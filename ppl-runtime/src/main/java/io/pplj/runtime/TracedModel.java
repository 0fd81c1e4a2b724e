package io.pplj.runtime;

/**
 * A model wrapped by {@link Handlers#trace}: running it records a {@link Trace}, returned by
 * {@link #getTrace(Object)} (Pyro's {@code poutine.trace(model).get_trace(...)}).
 *
 * @param <A> the input type
 * @param <R> the result type
 */
public final class TracedModel<A, R> implements Model<A, R> {

    private final Model<A, R> model;

    TracedModel(Model<A, R> model) {
        this.model = model;
    }

    /** Runs the model and returns its trace (the model's result is {@link Trace#returnValue()}). */
    @SuppressWarnings("try")
    public Trace getTrace(A input) {
        TraceMessenger tracer = new TraceMessenger();
        try (Messenger active = tracer.enter()) {
            R result = model.run(input);
            tracer.trace().setReturnValue(result);
        }
        return tracer.trace();
    }

    /** Runs the model, recording a trace that is then discarded. */
    @Override
    public R run(A input) {
        @SuppressWarnings("unchecked")
        R result = (R) getTrace(input).returnValue();
        return result;
    }
}
