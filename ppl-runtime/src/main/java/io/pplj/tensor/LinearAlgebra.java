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
     * {@code x · w^T + b} for {@code x} of shape {@code [..., in]}, {@code w} of shape {@code [out, in]} and
     * {@code b} of shape {@code [out]} (or null), without copying the transposed weight.
     */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (w.dim() != 2 || x.dim() == 0 || x.shape[x.dim() - 1] != w.shape[1]) {
            throw new IllegalArgumentException("linear: input of shape " + Shapes.format(x.shape)
                    + " does not fit weight of shape " + Shapes.format(w.shape) + " (the weight must be [out, in]"
                    + " and the input's last dimension in)");
        }
        if (b != null && (b.dim() != 1 || b.shape[0] != w.shape[0])) {
            throw new IllegalArgumentException("linear: bias of shape " + Shapes.format(b.shape)
                    + " does not fit weight of shape " + Shapes.format(w.shape) + " (it must be [out])");
        }
        DType t = DType.promote(x.dtype(), w.dtype()).toFloating();
        int in = w.shape[1];
        Tensor rows = x.asType(t).reshape(-1, in);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = w.shape[0];
        if (b == null) {
            return product(rows, w.asType(t), false, true, x.shape, w.shape).reshape(shape);
        }
        if (DType.promote(t, b.dtype()) != t) {
            // a wider bias: the product in the operands' type, then the addition promotes, as x · w^T + b does
            return product(rows, w.asType(t), false, true, x.shape, w.shape).reshape(shape).add(b);
        }
        return productAddRow(rows, w.asType(t), b.asType(t)).reshape(shape);
    }

    /**
     * {@code a · w^T + bias} for a matrix {@code a [m, k]}, a weight {@code w [n, k]} and a bias {@code [n]} added to
     * every row, as one backend operation (the CPU backend adds the bias inside the product); the gradients are those
     * of the product and of a broadcast addition.
     */
    private static Tensor productAddRow(Tensor a, Tensor w, Tensor bias) {
        Backend backend = Elementwise.sameBackend("linear", a, w);
        Elementwise.sameBackend("linear", a, bias);
        MatmulPlan plan = new MatmulPlan(a.shape[0], a.shape[1], w.shape[0], false, true, new int[] {0},
                new int[] {0});
        Tensor y = new Tensor(backend.matmulAddRow(a.storage, w.storage, bias.storage, plan),
                new int[] {a.shape[0], w.shape[0]});
        if (Autograd.recording(a, w, bias)) {
            Autograd.attach(y, "linear", g -> new Tensor[] {
                a.requiresGrad ? product(g, w, false, false, g.shape, w.shape) : null,
                w.requiresGrad ? product(g, a, true, false, g.shape, a.shape) : null,
                bias.requiresGrad ? g.sum(0) : null}, a, w, bias);
        }
        return y;
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

    static Tensor cholesky(Tensor a) {
        int n = requireSquare("cholesky", a);
        Tensor af = a.dtype().isFloating() ? a : a.asType(DType.DEFAULT_FLOAT);
        int batch = n == 0 ? 0 : af.numel() / (n * n);
        Tensor l = new Tensor(af.backend().cholesky(af.storage, batch, n), af.shape);
        if (Autograd.recording(af)) {
            Autograd.attach(l, "cholesky", g -> new Tensor[] {choleskyGrad(l, g)}, af);
        }
        return l;
    }

    /**
     * The gradient of {@code A} for {@code L = cholesky(A)}: with {@code P = Phi(L^T gL)} (lower triangle, diagonal
     * halved) and {@code S = L^-T P L^-1}, the symmetric part {@code (S + S^T) / 2} (Murray, 2016).
     */
    private static Tensor choleskyGrad(Tensor l, Tensor gl) {
        Tensor p = l.mT().matmul(gl.tril(0)).tril(0);
        p = p.sub(p.diagonal().mul(0.5).diagEmbed());
        Tensor y = solveTriangular(l, p.mT(), false, true).mT();
        Tensor s = solveTriangular(l, y, false, true);
        return s.add(s.mT()).mul(0.5);
    }

    /** {@code X = op(A)^-1 B} with {@code op(A) = A^T} when {@code trans}. */
    static Tensor solveTriangular(Tensor a, Tensor b, boolean upper, boolean trans) {
        int n = requireSquare("solveTriangular", a);
        if (b.dim() < 2 || b.shape[b.dim() - 2] != n) {
            throw new IllegalArgumentException("solveTriangular: right-hand side of shape " + Shapes.format(b.shape)
                    + " must be [..., " + n + ", k] for a matrix of shape " + Shapes.format(a.shape));
        }
        DType t = DType.promote(a.dtype(), b.dtype()).toFloating();
        Tensor ac = a.asType(t);
        Tensor bc = b.asType(t);
        Backend backend = Elementwise.sameBackend("solveTriangular", ac, bc);
        int k = bc.shape[bc.dim() - 1];
        int[] batchA = Arrays.copyOf(ac.shape, ac.dim() - 2);
        int[] batchB = Arrays.copyOf(bc.shape, bc.dim() - 2);
        int[] batch = Shapes.broadcast("solveTriangular", batchA, batchB);
        MatmulPlan plan = new MatmulPlan(n, n, k, trans, false, batchOffsets(batchA, batch, n * n),
                batchOffsets(batchB, batch, n * k));
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = n;
        shape[batch.length + 1] = k;
        Tensor x = new Tensor(backend.solveTriangular(ac.storage, bc.storage, plan, upper), shape);
        if (Autograd.recording(ac, bc)) {
            Autograd.attach(x, "solveTriangular", g -> {
                Tensor gb = solveTriangular(ac, g, upper, !trans);
                Tensor ga = null;
                if (ac.requiresGrad) {
                    Tensor full = trans ? x.matmul(gb.mT()) : gb.matmul(x.mT());
                    ga = triangle(full.neg(), 0, !upper);
                }
                return new Tensor[] {ga, gb};
            }, ac, bc);
        }
        return x;
    }

    static Tensor diagonal(Tensor x) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("diagonal: needs a matrix, got shape " + Shapes.format(x.shape));
        }
        int rows = x.shape[x.dim() - 2];
        int cols = x.shape[x.dim() - 1];
        int m = Math.min(rows, cols);
        int[] flat = Arrays.copyOf(x.shape, x.dim() - 1);
        flat[flat.length - 1] = rows * cols;
        Tensor positions = new Tensor(x.backend().arange(m), new int[] {m}).mul(cols + 1);
        return x.reshape(flat).indexSelect(-1, positions);
    }

    static Tensor diagEmbed(Tensor v) {
        if (v.dim() < 1) {
            throw new IllegalArgumentException("diagEmbed: needs at least one dimension, got a scalar");
        }
        int n = v.shape[v.dim() - 1];
        Tensor eye = new Tensor(v.backend().oneHot(v.backend().arange(n), n, v.dtype().toFloating()),
                new int[] {n, n});
        return v.unsqueeze(-1).mul(eye);
    }

    static Tensor triangle(Tensor x, int k, boolean lower) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException((lower ? "tril" : "triu") + ": needs a matrix, got shape "
                    + Shapes.format(x.shape));
        }
        int rows = x.shape[x.dim() - 2];
        int cols = x.shape[x.dim() - 1];
        Tensor row = new Tensor(x.backend().arange(rows), new int[] {rows, 1});
        Tensor col = new Tensor(x.backend().arange(cols), new int[] {cols});
        Tensor offset = col.sub(row);
        Tensor keep = lower ? offset.le(k) : offset.ge(k);
        return Tensor.where(keep, x, Tensor.zerosLike(x));
    }

    private static int requireSquare(String op, Tensor a) {
        int r = a.dim();
        if (r < 2 || a.shape[r - 1] != a.shape[r - 2]) {
            throw new IllegalArgumentException(op + ": needs square matrices [..., n, n], got shape "
                    + Shapes.format(a.shape));
        }
        return a.shape[r - 1];
    }
}
