package io.pplj.tensor;

import io.pplj.tensor.cpu.CpuBackend;

/**
 * Where new tensors are created: the CPU backend by default, or the backend a thread has chosen with
 * {@link #use(Backend)} (a GPU backend, or a CPU backend with another thread count).
 *
 * <pre>{@code
 * try (ThreadScope s = Backends.use(CpuBackend.withThreads(1))) {
 *     Tensor x = Tensor.zeros(3);   // on the single-threaded backend
 * }
 * }</pre>
 */
public final class Backends {

    private static final PerThread<Backend> CURRENT = new PerThread<>(() -> null);

    private Backends() {
    }

    /** The shared default CPU backend (all available processors). */
    public static Backend cpu() {
        return CpuBackend.shared();
    }

    /** The backend new tensors are created on in this thread. */
    public static Backend current() {
        Backend b = CURRENT.get();
        return b != null ? b : CpuBackend.shared();
    }

    /** Makes {@code backend} current in this thread until the returned scope is closed. */
    public static ThreadScope use(Backend backend) {
        return CURRENT.scoped(backend);
    }
}
