package io.pplj.tensor;

import java.util.function.Supplier;

/**
 * A per-thread value with scoped replacement: the runtime's only kind of mutable global state (gradient mode, current
 * generator, current backend, handler stacks). Every value is confined to its thread and every change made through
 * {@link #scoped(Object)} is undone when the scope closes.
 *
 * @param <T> the value's type
 */
public final class PerThread<T> {

    private final ThreadLocal<Object[]> slot;

    /** A per-thread value whose initial value in each thread comes from {@code initial}. */
    public PerThread(Supplier<? extends T> initial) {
        this.slot = ThreadLocal.withInitial(() -> new Object[] {initial.get()});
    }

    /** This thread's value. */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) slot.get()[0];
    }

    /** Replaces this thread's value until it is replaced again. */
    public void set(T value) {
        slot.get()[0] = value;
    }

    /** Replaces this thread's value until the returned scope is closed, which restores the previous value. */
    public ThreadScope scoped(T value) {
        Object[] holder = slot.get();
        Object previous = holder[0];
        holder[0] = value;
        return new ThreadScope(() -> holder[0] = previous);
    }
}
