package io.pplj.tensor;

/**
 * Reductions a {@link Backend} runs over the middle axis of a tensor viewed as {@code [outer, n, inner]}; the result
 * has shape {@code [outer, inner]}. Float32 sums accumulate in double precision.
 */
public enum ReduceOp {
    /** Sum (0 for an empty axis). */
    SUM,
    /** Product (1 for an empty axis). */
    PROD,
    /** Maximum; NaN if any element is NaN. */
    MAX,
    /** Minimum; NaN if any element is NaN. */
    MIN
}
