package io.pplj.tensor;

/** Elementwise logic on {@link DType#BOOL} tensors, with broadcasting. */
public enum LogicalOp {
    /** {@code a && b}. */
    AND,
    /** {@code a || b}. */
    OR,
    /** {@code a ^ b}. */
    XOR;

    /** Applies the operation to two booleans. */
    public boolean apply(boolean a, boolean b) {
        switch (this) {
            case AND: return a && b;
            case OR: return a || b;
            default: return a ^ b;
        }
    }
}
