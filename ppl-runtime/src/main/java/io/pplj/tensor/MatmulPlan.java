package io.pplj.tensor;

/**
 * A batch of matrix products {@code C[i] = op(A[i]) · op(B[i])}, where {@code op} optionally transposes, as a
 * {@link Backend} executes them. Operand matrices are row-major blocks of their storages starting at
 * {@link #offsetA(int)} and {@link #offsetB(int)}; broadcast batch dimensions repeat offsets. The result is
 * {@code batch} contiguous {@code m × n} blocks.
 */
public final class MatmulPlan {

    private final int batch;
    private final int m;
    private final int k;
    private final int n;
    private final boolean transA;
    private final boolean transB;
    private final int[] offsetsA;
    private final int[] offsetsB;

    /**
     * @param m rows of {@code op(A)} and of the result
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param n columns of {@code op(B)} and of the result
     * @param transA whether A's blocks are stored as {@code k × m} and used transposed
     * @param transB whether B's blocks are stored as {@code n × k} and used transposed
     * @param offsetsA start of each batch's A block in A's storage
     * @param offsetsB start of each batch's B block in B's storage
     */
    public MatmulPlan(int m, int k, int n, boolean transA, boolean transB, int[] offsetsA, int[] offsetsB) {
        if (offsetsA.length != offsetsB.length) {
            throw new IllegalArgumentException("batch offsets differ in length");
        }
        this.batch = offsetsA.length;
        this.m = m;
        this.k = k;
        this.n = n;
        this.transA = transA;
        this.transB = transB;
        this.offsetsA = offsetsA;
        this.offsetsB = offsetsB;
    }

    /** The number of products. */
    public int batch() {
        return batch;
    }

    /** Rows of the result. */
    public int m() {
        return m;
    }

    /** The contracted dimension. */
    public int k() {
        return k;
    }

    /** Columns of the result. */
    public int n() {
        return n;
    }

    /** Whether A's blocks are used transposed. */
    public boolean transA() {
        return transA;
    }

    /** Whether B's blocks are used transposed. */
    public boolean transB() {
        return transB;
    }

    /** Offset of batch {@code i}'s A block. */
    public int offsetA(int i) {
        return offsetsA[i];
    }

    /** Offset of batch {@code i}'s B block. */
    public int offsetB(int i) {
        return offsetsB[i];
    }

    /** Whether A's blocks follow each other in storage ({@code offsetA(i) = i·m·k}), so A is one tall matrix. */
    public boolean denseA() {
        return isDense(offsetsA, m * k);
    }

    /** Whether B's blocks follow each other in storage. */
    public boolean denseB() {
        return isDense(offsetsB, k * n);
    }

    /** Whether every batch uses the same B block (B broadcast over the batch). */
    public boolean sharedB() {
        for (int o : offsetsB) {
            if (o != offsetsB[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDense(int[] offsets, int block) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != i * block) {
                return false;
            }
        }
        return true;
    }
}
