package io.pplj.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>Floating types carry gradients; {@link #INT64} holds indices and counts (categorical samples, gather indices)
 * and {@link #BOOL} holds masks and comparison results. Neither integer nor boolean tensors can require gradients.
 *
 * <p>Type promotion (used by every binary operation) orders the types {@code BOOL < INT64 < FLOAT32 < FLOAT64}: the
 * result has the larger of the two operand types, so mixing float32 and float64 gives float64. Unary mathematical
 * functions ({@code exp}, {@code log}, ...) of integer or boolean tensors give {@link #FLOAT32}, the default floating
 * type, as in PyTorch.
 */
public enum DType {
    /** Boolean values: masks and comparison results. */
    BOOL(1),
    /** 64-bit signed integers: indices, counts, categorical samples. */
    INT64(8),
    /** 32-bit IEEE floats, the default type of tensors built from Java doubles. */
    FLOAT32(4),
    /** 64-bit IEEE floats. */
    FLOAT64(8);

    /** The floating type used where none is asked for, as PyTorch's default dtype. */
    public static final DType DEFAULT_FLOAT = FLOAT32;

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes one element occupies. */
    public int bytes() {
        return bytes;
    }

    /** Whether values of this type are floating point, and can therefore carry gradients. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The type of a binary operation's result on operands of types {@code a} and {@code b}. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** This type if it is floating, otherwise {@link #DEFAULT_FLOAT}: the result type of math functions. */
    public DType toFloating() {
        return isFloating() ? this : DEFAULT_FLOAT;
    }

    /** The lower-case name PyTorch uses ({@code float32}, {@code int64}, ...). */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
