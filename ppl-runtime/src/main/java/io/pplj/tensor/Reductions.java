package io.pplj.tensor;

import java.util.Arrays;

/**
 * Reductions and scans. A reduction over a set of dimensions runs one backend kernel per maximal run of adjacent
 * dimensions, each viewing the tensor as {@code [outer, n, inner]}.
 */
final class Reductions {

    private Reductions() {
    }

    static int[] allDims(Tensor x) {
        int[] dims = new int[x.dim()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i;
        }
        return dims;
    }

    /**
     * Sorted, non-negative, duplicate-free dimensions. A rank-0 tensor accepts dim 0 or -1 and has nothing to reduce,
     * as in PyTorch.
     */
    static int[] normalize(String op, int[] dims, int rank) {
        if (rank == 0) {
            for (int dim : dims) {
                Shapes.checkScalarDim(op, dim);
            }
            return new int[0];
        }
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = Shapes.normalizeDim(op, dims[i], rank);
        }
        Arrays.sort(d);
        for (int i = 1; i < d.length; i++) {
            if (d[i] == d[i - 1]) {
                throw new IllegalArgumentException(op + ": dim " + d[i] + " is listed twice in "
                        + Arrays.toString(dims));
            }
        }
        return d;
    }

    /** The shape after reducing {@code dims} (sorted): size 1 there when keepDim, removed otherwise. */
    static int[] reducedShape(int[] shape, int[] dims, boolean keepDim) {
        int[] out = new int[keepDim ? shape.length : shape.length - dims.length];
        int j = 0;
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            boolean reduced = k < dims.length && dims[k] == i;
            if (reduced) {
                k++;
                if (keepDim) {
                    out[j++] = 1;
                }
            } else {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Runs the reduction kernels; the result has the keepDim shape. */
    private static Storage reduceRaw(ReduceOp op, Tensor x, int[] dims) {
        int[] cur = x.shape.clone();
        Storage s = x.storage;
        int end = dims.length - 1;
        while (end >= 0) {
            int start = end;
            while (start > 0 && dims[start - 1] == dims[start] - 1) {
                start--;
            }
            int d0 = dims[start];
            int d1 = dims[end];
            s = x.backend().reduce(op, s, Shapes.prod(cur, 0, d0), Shapes.prod(cur, d0, d1 + 1),
                    Shapes.prod(cur, d1 + 1, cur.length));
            for (int d = d0; d <= d1; d++) {
                cur[d] = 1;
            }
            end = start - 1;
        }
        return s;
    }

    private static Tensor numeric(Tensor x) {
        return x.dtype() == DType.BOOL ? x.asType(DType.INT64) : x;
    }

    static Tensor sum(Tensor x, int[] dimsIn, boolean keepDim) {
        int[] dims = normalize("sum", dimsIn, x.dim());
        Tensor xn = numeric(x);
        if (dims.length == 0) {
            return xn;
        }
        int[] keepShape = reducedShape(xn.shape, dims, true);
        Tensor y = new Tensor(reduceRaw(ReduceOp.SUM, xn, dims), keepDim ? keepShape
                : reducedShape(xn.shape, dims, false));
        if (Autograd.recording(xn)) {
            Autograd.attach(y, "sum", g -> new Tensor[] {g.reshape(keepShape).expand(xn.shape)}, xn);
        }
        return y;
    }

    static Tensor mean(Tensor x, int[] dimsIn, boolean keepDim) {
        int[] dims = normalize("mean", dimsIn, x.dim());
        int count = 1;
        for (int d : dims) {
            count *= x.shape[d];
        }
        Tensor xf = x.dtype().isFloating() ? x : x.asType(DType.DEFAULT_FLOAT);
        return sum(xf, dims, keepDim).div(count);
    }

    static Tensor extreme(Tensor x, int[] dimsIn, boolean keepDim, boolean max) {
        String op = max ? "max" : "min";
        int[] dims = normalize(op, dimsIn, x.dim());
        Tensor xn = numeric(x);
        if (dims.length == 0) {
            return xn;
        }
        for (int d : dims) {
            if (xn.shape[d] == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over dim " + d + " of size 0 (shape "
                        + Shapes.format(xn.shape) + ")");
            }
        }
        int[] keepShape = reducedShape(xn.shape, dims, true);
        Tensor y = new Tensor(reduceRaw(max ? ReduceOp.MAX : ReduceOp.MIN, xn, dims), keepDim ? keepShape
                : reducedShape(xn.shape, dims, false));
        if (xn.dtype().isFloating() && Autograd.recording(xn)) {
            Autograd.attach(y, op, g -> {
                Tensor mask = xn.eq(y.reshape(keepShape)).asType(xn.dtype());
                Tensor share = mask.div(mask.sum(dims, true));
                return new Tensor[] {g.reshape(keepShape).mul(share)};
            }, xn);
        }
        return y;
    }

    static Tensor prod(Tensor x, int[] dimsIn, boolean keepDim) {
        int[] dims = normalize("prod", dimsIn, x.dim());
        Tensor y = numeric(x);
        for (int i = dims.length - 1; i >= 0; i--) {
            y = prodAlong(y, dims[i]);
        }
        return keepDim ? y : y.reshape(reducedShape(x.shape, dims, false));
    }

    /**
     * Product along one dimension, kept with size 1. Gradient: the product of the other elements, {@code y / x}
     * where x is non-zero (differentiable again) and exclusive running products where it is zero (exact, but
     * treated as constant by higher derivatives).
     */
    private static Tensor prodAlong(Tensor x, int dim) {
        int outer = Shapes.prod(x.shape, 0, dim);
        int n = x.shape[dim];
        int inner = Shapes.prod(x.shape, dim + 1, x.dim());
        int[] keepShape = reducedShape(x.shape, new int[] {dim}, true);
        Backend be = x.backend();
        Tensor y = new Tensor(be.reduce(ReduceOp.PROD, x.storage, outer, n, inner), keepShape);
        if (x.dtype().isFloating() && Autograd.recording(x)) {
            Autograd.attach(y, "prod", g -> {
                Tensor zero = x.eq(0.0);
                Tensor others = y.div(Tensor.where(zero, Tensor.onesLike(x), x));
                if (zero.any().item() != 0.0) {
                    Tensor before = new Tensor(be.scan(true, x.storage, outer, n, inner, false, true), x.shape);
                    Tensor after = new Tensor(be.scan(true, x.storage, outer, n, inner, true, true), x.shape);
                    others = Tensor.where(zero, before.mul(after), others);
                }
                return new Tensor[] {g.mul(others)};
            }, x);
        }
        return y;
    }

    static Tensor logsumexp(Tensor x, int[] dimsIn, boolean keepDim) {
        int[] dims = normalize("logsumexp", dimsIn, x.dim());
        Tensor xf = x.dtype().isFloating() ? x : x.asType(DType.DEFAULT_FLOAT);
        if (dims.length == 0) {
            return xf;
        }
        Tensor m = new Tensor(reduceRaw(ReduceOp.MAX, xf, dims), reducedShape(xf.shape, dims, true));
        Tensor shift = Tensor.where(m.isFinite(), m, Tensor.zerosLike(m));
        Tensor r = xf.sub(shift).exp().sum(dims, true).log().add(shift);
        return keepDim ? r : r.reshape(reducedShape(xf.shape, dims, false));
    }

    static Tensor argExtreme(Tensor x, int dimIn, boolean max) {
        String op = max ? "argmax" : "argmin";
        if (x.dim() == 0) {
            Shapes.checkScalarDim(op, dimIn);
            return new Tensor(x.backend().zeros(DType.INT64, 1), Shapes.SCALAR);
        }
        int dim = Shapes.normalizeDim(op, dimIn, x.dim());
        if (x.shape[dim] == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " has size 0 (shape " + Shapes.format(x.shape)
                    + ")");
        }
        Tensor xn = numeric(x);
        Storage s = xn.backend().argReduce(max, xn.storage, Shapes.prod(xn.shape, 0, dim), xn.shape[dim],
                Shapes.prod(xn.shape, dim + 1, xn.dim()));
        return new Tensor(s, reducedShape(xn.shape, new int[] {dim}, false));
    }

    static int normalizeSortDim(Tensor x, int dim) {
        return Shapes.normalizeDim("sort", dim, x.dim());
    }

    static Tensor argsort(Tensor x, int dimIn) {
        int dim = Shapes.normalizeDim("argsort", dimIn, x.dim());
        Tensor xn = numeric(x);
        Storage s = xn.backend().argsort(xn.storage, Shapes.prod(xn.shape, 0, dim), xn.shape[dim],
                Shapes.prod(xn.shape, dim + 1, xn.dim()));
        return new Tensor(s, xn.shape);
    }

    static Tensor cumsum(Tensor x, int dimIn) {
        if (x.dim() == 0) {
            Shapes.checkScalarDim("cumsum", dimIn);
            return numeric(x);
        }
        int dim = Shapes.normalizeDim("cumsum", dimIn, x.dim());
        Tensor xn = numeric(x);
        return scanSum(xn, dim, false);
    }

    private static Tensor scanSum(Tensor x, int dim, boolean reverse) {
        int outer = Shapes.prod(x.shape, 0, dim);
        int inner = Shapes.prod(x.shape, dim + 1, x.dim());
        Tensor y = new Tensor(x.backend().scan(false, x.storage, outer, x.shape[dim], inner, reverse, false),
                x.shape);
        if (x.dtype().isFloating() && Autograd.recording(x)) {
            Autograd.attach(y, "cumsum", g -> new Tensor[] {scanSum(g, dim, !reverse)}, x);
        }
        return y;
    }

    /** Sums a broadcast gradient down to {@code shape} (which broadcasts to g's shape). */
    static Tensor sumTo(Tensor g, int[] shape) {
        int lead = g.dim() - shape.length;
        int count = lead;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && g.shape[lead + i] != 1) {
                count++;
            }
        }
        int[] dims = new int[count];
        int k = 0;
        for (int i = 0; i < lead; i++) {
            dims[k++] = i;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && g.shape[lead + i] != 1) {
                dims[k++] = lead + i;
            }
        }
        return g.sum(dims, true).reshape(shape);
    }

    static Tensor all(Tensor x) {
        return x.ne(0.0).asType(DType.INT64).sum().eq(x.numel());
    }

    static Tensor any(Tensor x) {
        return x.ne(0.0).asType(DType.INT64).sum().gt(0.0);
    }
}
