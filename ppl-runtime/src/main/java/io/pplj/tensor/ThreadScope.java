package io.pplj.tensor;

/**
 * A try-with-resources scope that undoes a per-thread change when closed: returned by {@link Grad#noGrad()},
 * {@link Rng#use(Rng)}, {@link Backends#use(Backend)} and the runtime's handlers. Close it on the thread that opened
 * it; scopes nest.
 */
public final class ThreadScope implements AutoCloseable {

    private final Runnable restore;

    ThreadScope(Runnable restore) {
        this.restore = restore;
    }

    /** Restores the state that held when the scope opened. */
    @Override
    public void close() {
        restore.run();
    }
}
