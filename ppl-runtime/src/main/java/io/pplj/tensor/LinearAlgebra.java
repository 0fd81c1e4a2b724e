package io.pplj.tensor;

import java.util.Arrays;

/**
 * Matrix products. Every product is one {@link MatmulPlan} on the backend: batched, broadcasting batch dimensions,
 * with optional transposes of either operand so that backward passes never copy a transposed matrix.
 */
final class LinearAlgebra {

    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: operands need at least one dimension, got shapes "
                    + Shapes.format(a.shape) + " and " + Shapes.format(b.shape));
        }
        DType t = DType.promote(a.dtype(), b.dtype()).toFloating();
        Tensor a2 = a.dim() == 1 ? a.asType(t).unsqueeze(0) : a.asType(t);
        Tensor b2 = b.dim() == 1 ? b.asType(t).unsqueeze(1) : b.asType(t);
        Tensor c = product(a2, b2, false, false, a.shape, b.shape);
        if (a.dim() == 1) {
            c = c.squeeze(-2);
        }
        if (b.dim() == 1) {
            c = c.squeeze(-1);
        }
        return c;
    }

    /**
     * {@code op(a) · op(b)} over broadcast batch dimensions, where {@code op} transposes the last two dimensions when
     * the flag is set. The user-facing shapes are passed for error messages.
     */
    static Tensor product(Tensor a, Tensor b, boolean ta, boolean tb, int[] shapeA, int[] shapeB) {
        int ra = a.dim();
        int rb = b.dim();
        int m = ta ? a.shape[ra - 1] : a.shape[ra - 2];
        int ka = ta ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = tb ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = tb ? b.shape[rb - 2] : b.shape[rb - 1];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(shapeA) + " and "
                    + Shapes.format(shapeB) + " are not aligned (" + ka + " columns vs " + kb + " rows)");
        }
        Backend backend = Elementwise.sameBackend("matmul", a, b);
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch;
        try {
            batch = Shapes.broadcast("matmul", batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of shapes " + Shapes.format(shapeA)
                    + " and " + Shapes.format(shapeB) + " do not broadcast", e);
        }
        MatmulPlan plan = new MatmulPlan(m, ka, n, ta, tb, batchOffsets(batchA, batch, m * ka),
                batchOffsets(batchB, batch, ka * n));
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        Tensor y = new Tensor(backend.matmul(a.storage, b.storage, plan), shape);
        if (Autograd.recording(a, b)) {
            Autograd.attach(y, "matmul", g -> new Tensor[] {
                a.requiresGrad ? (ta ? product(b, g, tb, true, shapeB, g.shape) : product(g, b, false, !tb, g.shape,
                        shapeB)) : null,
                b.requiresGrad ? (tb ? product(g, a, true, ta, g.shape, shapeA) : product(a, g, !ta, false, shapeA,
                        g.shape)) : null}, a, b);
        }
        return y;
    }

    /** Start of each batch's matrix block in an operand whose batch shape broadcasts to {@code batch}. */
    private static int[] batchOffsets(int[] opBatch, int[] batch, int block) {
        int count = Shapes.numel(batch);
        int[] offsets = new int[count];
        int lead = batch.length - opBatch.length;
        int[] opStrides = Shapes.strides(opBatch);
        int[] index = new int[batch.length];
        for (int i = 0; i < count; i++) {
            int off = 0;
            for (int d = 0; d < opBatch.length; d++) {
                if (opBatch[d] != 1) {
                    off += index[lead + d] * opStrides[d];
                }
            }
            offsets[i] = off * block;
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++index[d] < batch[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return offsets;
    }
}
