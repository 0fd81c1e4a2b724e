package io.pplj.tensor;

/**
 * Elementwise arithmetic between two tensors of the same type, with NumPy broadcasting described by a
 * {@link BroadcastPlan}. Floating and INT64 operands are supported ({@link #DIV}, {@link #POW} and the
 * {@code X...Y} operations on integers are promoted to floating types by {@link Tensor} before they reach a backend).
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
    MINIMUM,
    /** {@code a log(b)}, but 0 where {@code a == 0} and b is not NaN (even where {@code log b = -inf}). */
    XLOGY,
    /** {@code a log(1 + b)}, but 0 where {@code a == 0} and b is not NaN. */
    XLOG1PY,
    /** {@code a / b}, but 0 where {@code a == 0} and b is not NaN (even where {@code b == 0}). */
    XDIVY,
    /**
     * The log-likelihood of targets {@code b} under probabilities {@code a}: {@code b log a + (1 - b) log(1 - a)},
     * each term 0 where its coefficient ({@code b}, {@code 1 - b}) is 0 and a is not NaN (the Bernoulli log-mass
     * for 0/1 targets; PyTorch's {@code -binary_cross_entropy(a, b)} without its clamping of the logarithms).
     */
    BINARY_LOG_LIKELIHOOD,
    /**
     * {@code b / a - (1 - b) / (1 - a)}, each term 0 where its coefficient is 0 and a is not NaN: the derivative of
     * {@link #BINARY_LOG_LIKELIHOOD} in {@code a}.
     */
    BINARY_LOG_LIKELIHOOD_GRAD,
    /**
     * {@code a} where {@code b > 0}, else 0 (also where b is NaN): the derivative of {@code relu(b)} times {@code a},
     * in one pass (PyTorch's {@code threshold_backward} at 0). Its derivative in {@code b} is 0.
     */
    RELU_GRAD,
    /**
     * {@code a · b · (1 - b)}: the derivative of the sigmoid times {@code a}, given the sigmoid's value {@code b}, in
     * one pass (rounded as {@code a * (b * (1 - b))} in the operands' precision).
     */
    SIGMOID_GRAD,
    /**
     * {@code a · sigmoid(b)}: the derivative of {@code softplus(b) = log(1 + e^b)} times {@code a}, in one pass
     * (float32 computes the sigmoid as its {@code sigmoid} operation does, rounded, then multiplies).
     */
    SOFTPLUS_GRAD;

    /** Whether this operation has a {@link ScalarOp} form for an operand that is constant along a row. */
    public boolean hasScalarForm() {
        return ordinal() <= MINIMUM.ordinal();
    }
}
