package io.pplj.dist;

import io.pplj.tensor.PerThread;
import io.pplj.tensor.ThreadScope;

/**
 * Whether distributions check their parameters and the values they score (on by default, as Pyro's
 * {@code validate_args}). Checks read tensors back, so turning them off in a tight, trusted loop saves time:
 *
 * <pre>{@code
 * try (ThreadScope off = Validation.disable()) {
 *     ... // no parameter or support checks on this thread
 * }
 * }</pre>
 */
public final class Validation {

    private static final PerThread<Boolean> ENABLED = new PerThread<>(() -> Boolean.TRUE);

    private Validation() {
    }

    /** Whether validation is on in this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns validation off in this thread until the returned scope is closed. */
    public static ThreadScope disable() {
        return ENABLED.scoped(Boolean.FALSE);
    }

    /** Turns validation on in this thread until the returned scope is closed. */
    public static ThreadScope enable() {
        return ENABLED.scoped(Boolean.TRUE);
    }
}
