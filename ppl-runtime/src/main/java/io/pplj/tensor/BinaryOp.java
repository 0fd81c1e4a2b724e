package io.pplj.tensor;

/**
 * Elementwise arithmetic between two tensors of the same type, with NumPy broadcasting described by a
 * {@link BroadcastPlan}. Floating and INT64 operands are supported ({@link #DIV} and {@link #POW} on integers are
 * promoted to floating types by {@link Tensor} before they reach a backend).
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code a ^ b}. */
    POW,
    /** {@code max(a, b)}, NaN if either is NaN. */
    MAXIMUM,
    /** {@code min(a, b)}, NaN if either is NaN. */
    MINIMUM
}
