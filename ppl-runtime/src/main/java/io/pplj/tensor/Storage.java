package io.pplj.tensor;

/**
 * The flat, contiguous, row-major element buffer behind a {@link Tensor}, owned by a {@link Backend}.
 *
 * <p>Storages are never mutated once a tensor holds them: every operation writes a fresh storage. That is what lets
 * {@link Tensor#reshape(int...)} share a storage between tensors and lets autodiff keep the values it needs for the
 * backward pass without copies. A backend may reuse a storage's memory only when nothing references it.
 */
public interface Storage {

    /** The backend that owns this storage and runs kernels on it. */
    Backend backend();

    /** The element type. */
    DType dtype();

    /** The number of elements. */
    int size();
}
