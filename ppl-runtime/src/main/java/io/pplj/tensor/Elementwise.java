package io.pplj.tensor;

/** Elementwise operations: forward through backend kernels, backward through other tensor operations. */
final class Elementwise {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Elementwise() {
    }

    // ---- conversion -------------------------------------------------------------------------------------------

    static Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor y = new Tensor(x.backend().cast(x.storage, dtype), x.shape);
        if (dtype.isFloating() && Autograd.recording(x)) {
            Autograd.attach(y, "asType", g -> new Tensor[] {g.asType(x.dtype())}, x);
        }
        return y;
    }

    static Tensor transfer(Tensor x, Backend target) {
        if (x.backend() == target) {
            return x;
        }
        Storage s;
        switch (x.dtype()) {
            case FLOAT32: s = target.fromFloats(x.toFloatArray()); break;
            case FLOAT64: s = target.fromDoubles(x.toDoubleArray(), DType.FLOAT64); break;
            case INT64: s = target.fromLongs(x.toLongArray()); break;
            default: s = target.fromBooleans(x.toBooleanArray()); break;
        }
        Tensor y = new Tensor(s, x.shape);
        if (Autograd.recording(x)) {
            Backend source = x.backend();
            Autograd.attach(y, "to", g -> new Tensor[] {g.to(source)}, x);
        }
        return y;
    }

    // ---- unary ------------------------------------------------------------------------------------------------

    static Tensor unary(Tensor x, UnaryOp op) {
        Tensor xf = x.dtype().isFloating() ? x : x.asType(DType.DEFAULT_FLOAT);
        Tensor y = new Tensor(xf.backend().unary(op, xf.storage), xf.shape);
        if (Autograd.recording(xf)) {
            Autograd.attach(y, op, g -> new Tensor[] {unaryGrad(op, xf, y, g)}, xf);
        }
        return y;
    }

    /** d op(x) / dx times g, written with tensor operations. */
    private static Tensor unaryGrad(UnaryOp op, Tensor x, Tensor y, Tensor g) {
        switch (op) {
            case NEG: return g.neg();
            case EXP: return g.mul(y);
            case LOG: return g.div(x);
            case LOG1P: return g.div(x.add(1.0));
            case EXPM1: return g.mul(y.add(1.0));
            case SQRT: return g.div(y).mul(0.5);
            case ABS: return g.mul(x.sign());
            case SIGN:
            case FLOOR: return Tensor.zerosLike(g);
            case SIGMOID: return binary(g, y, BinaryOp.SIGMOID_GRAD);
            case LOGSIGMOID: return g.mul(x.neg().sigmoid());
            case TANH: return g.mul(y.square().rsub(1.0));
            case SOFTPLUS: return binary(g, x, BinaryOp.SOFTPLUS_GRAD);
            case RELU: return binary(g, x, BinaryOp.RELU_GRAD);
            case LGAMMA: return g.mul(x.digamma());
            case DIGAMMA: return g.mul(x.trigamma());
            case ERF: return g.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI));
            case SIN: return g.mul(x.cos());
            case COS: return g.mul(x.sin()).neg();
            case RECIPROCAL: return g.mul(y.square()).neg();
            case SQUARE: return g.mul(x).mul(2.0);
            default:
                throw new UnsupportedOperationException(name(op) + " has no derivative implemented (it appears"
                        + " when differentiating digamma twice)");
        }
    }

    // ---- with a scalar ----------------------------------------------------------------------------------------

    static Tensor scalar(Tensor x, ScalarOp op, double s) {
        if (!x.dtype().isFloating()) {
            return integerScalar(x, op, s);
        }
        Tensor y = new Tensor(x.backend().scalar(op, x.storage, s), x.shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, op, g -> new Tensor[] {scalarGrad(op, x, y, s, g)}, x);
        }
        return y;
    }

    /** Integer and boolean tensors: stay int64 for integral add/sub/mul/max/min, else go to float32. */
    private static Tensor integerScalar(Tensor x, ScalarOp op, double s) {
        boolean integral = s == Math.rint(s) && Math.abs(s) < 0x1p53;
        switch (op) {
            case ADD: case SUB: case RSUB: case MUL: case MAX: case MIN:
                if (integral) {
                    Tensor xi = x.asType(DType.INT64);
                    Tensor si = new Tensor(x.backend().full(DType.INT64, 1, s), Shapes.SCALAR);
                    switch (op) {
                        case ADD: return xi.add(si);
                        case SUB: return xi.sub(si);
                        case RSUB: return si.sub(xi);
                        case MUL: return xi.mul(si);
                        case MAX: return xi.maximum(si);
                        default: return xi.minimum(si);
                    }
                }
                break;
            default:
                break;
        }
        return scalar(x.asType(DType.DEFAULT_FLOAT), op, s);
    }

    private static Tensor scalarGrad(ScalarOp op, Tensor x, Tensor y, double s, Tensor g) {
        switch (op) {
            case ADD:
            case SUB: return g;
            case RSUB: return g.neg();
            case MUL: return g.mul(s);
            case DIV: return g.div(s);
            case RDIV: return g.mul(y).div(x).neg();
            case POW:
                if (s == 0.0) {
                    return Tensor.zerosLike(g);
                }
                return g.mul(x.pow(s - 1.0)).mul(s);
            case RPOW: return g.mul(y).mul(Math.log(s));
            case MAX: return Tensor.where(x.ge(s), g, Tensor.zerosLike(g));
            default: return Tensor.where(x.le(s), g, Tensor.zerosLike(g));
        }
    }

    // ---- binary -----------------------------------------------------------------------------------------------

    static Tensor binary(Tensor a, Tensor b, BinaryOp op) {
        DType t = DType.promote(a.dtype(), b.dtype());
        if (!t.isFloating()) {
            t = op == BinaryOp.DIV || op == BinaryOp.POW || !op.hasScalarForm() ? DType.DEFAULT_FLOAT : DType.INT64;
        }
        Tensor ac = a.asType(t);
        Tensor bc = b.asType(t);
        String name = name(op);
        Backend backend = sameBackend(name, ac, bc);
        BroadcastPlan plan = BroadcastPlan.of(name, ac.shape, bc.shape);
        Tensor y = new Tensor(backend.binary(op, ac.storage, bc.storage, plan), plan.outShapeRef());
        if (t.isFloating() && Autograd.recording(ac, bc)) {
            Autograd.attach(y, op, g -> binaryGrad(op, ac, bc, y, g), ac, bc);
        }
        return y;
    }

    private static Tensor[] binaryGrad(BinaryOp op, Tensor a, Tensor b, Tensor y, Tensor g) {
        boolean ga = a.requiresGrad;
        boolean gb = b.requiresGrad;
        switch (op) {
            case ADD: return new Tensor[] {g, g};
            case SUB: return new Tensor[] {g, gb ? g.neg() : null};
            case MUL: return new Tensor[] {ga ? g.mul(b) : null, gb ? g.mul(a) : null};
            case DIV: return new Tensor[] {ga ? g.div(b) : null, gb ? g.mul(y).div(b).neg() : null};
            case POW: return new Tensor[] {ga ? powBaseGrad(a, b, g) : null, gb ? powExponentGrad(a, b, y, g) : null};
            case MAXIMUM: return new Tensor[] {ga ? g.mul(tieMask(a, b, CompareOp.GT)) : null,
                                               gb ? g.mul(tieMask(b, a, CompareOp.GT)) : null};
            case MINIMUM: return new Tensor[] {ga ? g.mul(tieMask(a, b, CompareOp.LT)) : null,
                                               gb ? g.mul(tieMask(b, a, CompareOp.LT)) : null};
            case XLOGY: return new Tensor[] {ga ? g.mul(unlessPinned(a, b).xlogy(b)) : null,
                                             gb ? g.mul(a.xdivy(b)) : null};
            case XLOG1PY: return new Tensor[] {ga ? g.mul(unlessPinned(a, b.add(1.0)).xlog1py(b)) : null,
                                               gb ? g.mul(a.xdivy(b.add(1.0))) : null};
            case BINARY_LOG_LIKELIHOOD: return new Tensor[] {
                ga ? g.mul(binary(a, b, BinaryOp.BINARY_LOG_LIKELIHOOD_GRAD)) : null,
                gb ? g.mul(a.log().sub(a.neg().log1p())) : null};
            case BINARY_LOG_LIKELIHOOD_GRAD: return new Tensor[] {
                ga ? g.mul(b.div(a.square()).add(b.rsub(1.0).div(a.rsub(1.0).square()))).neg() : null,
                gb ? g.mul(a.reciprocal().add(a.rsub(1.0).reciprocal())) : null};
            case RELU_GRAD: return new Tensor[] {ga ? binary(g, b, BinaryOp.RELU_GRAD) : null, null};
            case SIGMOID_GRAD: return new Tensor[] {ga ? binary(g, b, BinaryOp.SIGMOID_GRAD) : null,
                                                    gb ? g.mul(a).mul(b.mul(-2.0).add(1.0)) : null};
            case SOFTPLUS_GRAD: return new Tensor[] {ga ? binary(g, b, BinaryOp.SOFTPLUS_GRAD) : null,
                                                     gb ? binary(g.mul(a), b.sigmoid(), BinaryOp.SIGMOID_GRAD) : null};
            case XDIVY: return new Tensor[] {ga ? g.mul(unlessPinned(a, b).xdivy(b)) : null,
                                             gb ? g.mul(y.xdivy(b)).neg() : null};
            default: throw new UnsupportedOperationException(name(op) + " has no derivative implemented");
        }
    }

    /**
     * 0 where {@code a == 0} and {@code pole == 0}, 1 elsewhere (NaN stays NaN). The {@code x...y} operations'
     * derivative in their first argument is the plain one ({@code log b}, {@code log1p b}, {@code 1 / b}) wherever
     * that is finite, even at {@code a == 0} (PyTorch drops it there, which loses {@code log x} from a
     * concentration's gradient at exactly 1), and 0 at the pole where the value is pinned to 0.
     */
    private static Tensor unlessPinned(Tensor a, Tensor pole) {
        return a.abs().maximum(pole.abs()).sign();
    }

    /** d(a^b)/da = b a^(b-1), zero where b == 0 (as PyTorch). */
    private static Tensor powBaseGrad(Tensor a, Tensor b, Tensor g) {
        Tensor d = b.mul(a.pow(b.sub(1.0)));
        return g.mul(Tensor.where(b.eq(0.0), Tensor.zerosLike(d), d));
    }

    /** d(a^b)/db = a^b log a, zero where a == 0 and b >= 0 (as PyTorch). */
    private static Tensor powExponentGrad(Tensor a, Tensor b, Tensor y, Tensor g) {
        Tensor d = y.mul(a.log());
        return g.mul(Tensor.where(a.eq(0.0).and(b.ge(0.0)), Tensor.zerosLike(d), d));
    }

    /** 1 where {@code a op b}, 0.5 where they tie, 0 elsewhere, in a's type. */
    private static Tensor tieMask(Tensor a, Tensor b, CompareOp wins) {
        Tensor win = compare(a, b, wins).asType(a.dtype());
        Tensor tie = compare(a, b, CompareOp.EQ).asType(a.dtype()).mul(0.5);
        return win.add(tie);
    }

    // ---- comparisons and logic --------------------------------------------------------------------------------

    static Tensor compare(Tensor a, Tensor b, CompareOp op) {
        DType t = DType.promote(a.dtype(), b.dtype());
        Tensor ac = a.asType(t);
        Tensor bc = b.asType(t);
        String name = name(op);
        Backend backend = sameBackend(name, ac, bc);
        BroadcastPlan plan = BroadcastPlan.of(name, ac.shape, bc.shape);
        return new Tensor(backend.compare(op, ac.storage, bc.storage, plan), plan.outShapeRef());
    }

    static Tensor logical(Tensor a, Tensor b, LogicalOp op) {
        String name = name(op);
        requireBool(name, a);
        requireBool(name, b);
        Backend backend = sameBackend(name, a, b);
        BroadcastPlan plan = BroadcastPlan.of(name, a.shape, b.shape);
        return new Tensor(backend.logical(op, a.storage, b.storage, plan), plan.outShapeRef());
    }

    static Tensor not(Tensor a) {
        requireBool("not", a);
        return new Tensor(a.backend().not(a.storage), a.shape);
    }

    static Tensor isNaN(Tensor x) {
        return new Tensor(x.backend().isNaN(x.storage), x.shape);
    }

    static Tensor isFinite(Tensor x) {
        return new Tensor(x.backend().isFinite(x.storage), x.shape);
    }

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        requireBool("where (condition)", condition);
        DType t = DType.promote(a.dtype(), b.dtype());
        Tensor ac = a.asType(t);
        Tensor bc = b.asType(t);
        Backend backend = sameBackend("where", ac, bc);
        sameBackend("where", condition, ac);
        BroadcastPlan plan = BroadcastPlan.of("where", condition.shape, ac.shape, bc.shape);
        Tensor y = new Tensor(backend.where(condition.storage, ac.storage, bc.storage, plan), plan.outShapeRef());
        if (t.isFloating() && Autograd.recording(ac, bc)) {
            Autograd.attach(y, "where", g -> {
                Tensor zero = Tensor.zerosLike(g);
                return new Tensor[] {ac.requiresGrad ? where(condition, g, zero) : null,
                                     bc.requiresGrad ? where(condition, zero, g) : null};
            }, ac, bc);
        }
        return y;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static Backend sameBackend(String op, Tensor a, Tensor b) {
        Backend backend = a.backend();
        if (b.backend() != backend) {
            throw new IllegalArgumentException(op + ": operands live on different backends (" + backend.name()
                    + " and " + b.backend().name() + "); move one with to(backend)");
        }
        return backend;
    }

    private static void requireBool(String op, Tensor t) {
        if (t.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": expected a bool tensor, got " + t.dtype() + " with shape "
                    + Shapes.format(t.shape));
        }
    }

    static String name(Enum<?> op) {
        return OpNames.of(op);
    }
}
