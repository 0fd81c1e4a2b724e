package io.pplj.tensor;

/**
 * Elementwise functions of one floating argument that a {@link Backend} implements as kernels. The result has the
 * argument's shape and floating type. Float32 kernels must be accurate to a few units in the last place of float32;
 * float64 kernels to about 1e-15 relative.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm. */
    LOG,
    /** {@code log(1 + x)}, accurate for small x. */
    LOG1P,
    /** {@code e^x - 1}, accurate for small x. */
    EXPM1,
    /** Square root. */
    SQRT,
    /** {@code |x|}. */
    ABS,
    /** {@code sign(x)} in {-1, 0, 1} (NaN stays NaN). */
    SIGN,
    /** Logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code log sigmoid(x) = -softplus(-x)}, stable for large |x|. */
    LOGSIGMOID,
    /** Hyperbolic tangent. */
    TANH,
    /** {@code log(1 + e^x)}, stable for large |x|. */
    SOFTPLUS,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code log |Gamma(x)|}. */
    LGAMMA,
    /** Digamma {@code psi(x) = d/dx log Gamma(x)} ({@code -inf} at 0, NaN at negative integers). */
    DIGAMMA,
    /** Trigamma {@code psi'(x)} ({@code +inf} at the poles 0, -1, -2, ...). */
    TRIGAMMA,
    /** Error function {@code 2/sqrt(pi) * integral_0^x e^{-t^2} dt}. */
    ERF,
    /** Sine. */
    SIN,
    /** Cosine. */
    COS,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** {@code x^2}. */
    SQUARE,
    /** Largest integer not greater than x. */
    FLOOR
}
