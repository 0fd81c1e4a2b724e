package io.pplj.runtime;

/**
 * An effect handler. While it is active (between {@link #enter()} and {@link #close()}, or while a model it
 * {@linkplain #wrap wraps} runs) every primitive's {@link Message} passes through it: {@link #process} on the way in
 * (innermost handler first, until one {@linkplain Message#stop() stops} the message), then the default behaviour
 * (draw a sample, look up a parameter), then {@link #postprocess} (in stack order, from the outermost handler that
 * saw the message to the innermost), as in Pyro.
 *
 * <p>Handlers are per thread: entering one pushes it on the current thread's stack. Use one as a scope:
 *
 * <pre>{@code
 * try (Messenger scaled = new ScaleMessenger(0.5).enter()) {
 *     model.run(data);        // every site's log-probability is halved
 * }
 * }</pre>
 */
public abstract class Messenger implements AutoCloseable {

    /** Handles a message on its way in. The default does nothing. */
    protected void process(Message msg) {
    }

    /** Handles a message on its way out, after its value is known. The default does nothing. */
    protected void postprocess(Message msg) {
    }

    /**
     * Pushes this handler on the current thread's stack; returns it, for try-with-resources.
     *
     * @throws IllegalStateException if it is already active
     */
    public Messenger enter() {
        EffectStack.current().push(this);
        return this;
    }

    /**
     * Pops this handler from the current thread's stack. Handlers entered after it and still active are popped with
     * it (and named in the exception), so an out-of-order close never leaves the thread's stack corrupt.
     *
     * @throws IllegalStateException if it is not the innermost active handler, or not active
     */
    @Override
    public void close() {
        EffectStack.current().pop(this);
    }

    /**
     * Undoes what {@link #enter()} set up besides the stack entry (a plate's dim, a seeded generator); runs whenever
     * the handler leaves the stack, also when an out-of-order close pops it. The default does nothing. Handlers
     * outside the runtime that hold resources (the causal extension's world dimensions) override it too.
     */
    protected void exited() {
    }

    /** The handler's class name (plates show their name, size and dim). */
    @Override
    public String toString() {
        return getClass().getSimpleName();
    }

    /**
     * The model run with this handler active. The model uses this handler instance, so it must not run on two threads
     * at once, nor inside itself; the models of {@link Handlers} make a fresh handler for each run instead.
     */
    @SuppressWarnings("try")
    public <A, R> Model<A, R> wrap(Model<A, R> model) {
        return input -> {
            try (Messenger active = enter()) {
                return model.run(input);
            }
        };
    }
}
