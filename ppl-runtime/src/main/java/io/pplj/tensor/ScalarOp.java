package io.pplj.tensor;

/**
 * Elementwise operations between a floating tensor {@code x} and a Java scalar {@code s}, kept apart from
 * {@link BinaryOp} so that {@code x.add(1.0)} costs one pass and no broadcasting. The scalar takes the tensor's type.
 */
public enum ScalarOp {
    /** {@code x + s}. */
    ADD,
    /** {@code x - s}. */
    SUB,
    /** {@code s - x}. */
    RSUB,
    /** {@code x * s}. */
    MUL,
    /** {@code x / s}. */
    DIV,
    /** {@code s / x}. */
    RDIV,
    /** {@code x ^ s}. */
    POW,
    /** {@code s ^ x}. */
    RPOW,
    /** {@code max(x, s)}: the lower bound of {@code clamp}. */
    MAX,
    /** {@code min(x, s)}: the upper bound of {@code clamp}. */
    MIN
}
