package io.pplj.tensor;

/** Integer indexing: index selection, gather, scatter-add and one-hot encoding. Backends check index ranges. */
final class Indexing {

    private Indexing() {
    }

    static Tensor indexSelect(Tensor x, int dimIn, Tensor index) {
        int d = Shapes.normalizeDim("indexSelect", dimIn, x.dim());
        requireIndex("indexSelect", index);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 0-D or 1-D, got shape "
                    + Shapes.format(index.shape));
        }
        Elementwise.sameBackend("indexSelect", x, index);
        int outer = Shapes.prod(x.shape, 0, d);
        int n = x.shape[d];
        int inner = Shapes.prod(x.shape, d + 1, x.dim());
        int[] shape = x.shape.clone();
        shape[d] = index.numel();
        Tensor y = new Tensor(x.backend().indexSelect(x.storage, outer, n, inner, index.storage, d), shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "indexSelect", g -> new Tensor[] {indexAdd(g, d, index, x.shape)}, x);
        }
        return y;
    }

    /** The adjoint of indexSelect: rows of src added into zeros of {@code shape} at the indexed positions. */
    private static Tensor indexAdd(Tensor src, int d, Tensor index, int[] shape) {
        int outer = Shapes.prod(shape, 0, d);
        int inner = Shapes.prod(shape, d + 1, shape.length);
        Tensor y = new Tensor(src.backend().indexAdd(src.storage, outer, shape[d], inner, index.storage, d), shape);
        if (Autograd.recording(src)) {
            Autograd.attach(y, "indexAdd", g -> new Tensor[] {indexSelect(g, d, index)}, src);
        }
        return y;
    }

    static Tensor gather(Tensor x, int dimIn, Tensor index) {
        int d = Shapes.normalizeDim("gather", dimIn, x.dim());
        requireIndex("gather", index);
        checkScatterShapes("gather", x.shape, index.shape, d);
        Elementwise.sameBackend("gather", x, index);
        Tensor y = new Tensor(x.backend().gather(x.storage, x.shape, d, index.storage, index.shape), index.shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "gather", g -> new Tensor[] {Tensor.zerosLike(x).scatterAdd(d, index, g)}, x);
        }
        return y;
    }

    static Tensor scatterAdd(Tensor base, int dimIn, Tensor index, Tensor src) {
        int d = Shapes.normalizeDim("scatterAdd", dimIn, base.dim());
        requireIndex("scatterAdd", index);
        checkScatterShapes("scatterAdd", base.shape, index.shape, d);
        DType t = DType.promote(DType.promote(base.dtype(), src.dtype()), DType.INT64);
        Tensor b = base.asType(t);
        Tensor s = src.asType(t);
        boolean fits = s.dim() == index.dim();
        for (int i = 0; fits && i < index.dim(); i++) {
            fits = index.shape[i] <= s.shape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("scatterAdd: src shape " + Shapes.format(s.shape)
                    + " must have index's rank and at least its sizes " + Shapes.format(index.shape));
        }
        Tensor srcPart = s;
        for (int i = 0; i < index.dim(); i++) {
            srcPart = srcPart.narrow(i, 0, index.shape[i]);
        }
        Tensor sp = srcPart;
        Elementwise.sameBackend("scatterAdd", b, sp);
        Elementwise.sameBackend("scatterAdd", b, index);
        Tensor y = new Tensor(b.backend().scatterAdd(b.storage, b.shape, d, index.storage, index.shape, sp.storage),
                b.shape);
        if (t.isFloating() && Autograd.recording(b, sp)) {
            Autograd.attach(y, "scatterAdd", g -> new Tensor[] {g, sp.requiresGrad ? gather(g, d, index) : null},
                    b, sp);
        }
        return y;
    }

    static Tensor oneHot(Tensor index, int classes, DType dtype) {
        requireIndex("oneHot", index);
        if (classes < 0) {
            throw new IllegalArgumentException("oneHot: classes = " + classes + " is negative");
        }
        int[] shape = new int[index.dim() + 1];
        System.arraycopy(index.shape, 0, shape, 0, index.dim());
        shape[index.dim()] = classes;
        if (dtype == DType.BOOL) {
            return new Tensor(index.backend().oneHot(index.storage, classes, DType.INT64), shape).ne(0.0);
        }
        return new Tensor(index.backend().oneHot(index.storage, classes, dtype), shape);
    }

    private static void requireIndex(String op, Tensor index) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be an int64 tensor, got " + index.dtype()
                    + " with shape " + Shapes.format(index.shape));
        }
    }

    private static void checkScatterShapes(String op, int[] xShape, int[] indexShape, int d) {
        boolean ok = xShape.length == indexShape.length;
        for (int i = 0; ok && i < xShape.length; i++) {
            ok = i == d || indexShape[i] <= xShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": index shape " + Shapes.format(indexShape)
                    + " must have the rank of " + Shapes.format(xShape) + " and no larger sizes outside dim " + d);
        }
    }
}
