package io.pplj.tensor;

/** Elementwise comparisons with broadcasting; results are {@link DType#BOOL}. Comparisons with NaN are false except {@link #NE}. */
public enum CompareOp {
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE,
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE;

    /** Applies the comparison to two doubles. */
    public boolean test(double a, double b) {
        switch (this) {
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            case GE: return a >= b;
            case EQ: return a == b;
            default: return a != b;
        }
    }
}
