package io.pplj.tensor.cpu;

import io.pplj.tensor.UnaryOp;

/**
 * Elementwise functions over index ranges. Each operation has its own loop per type so the JIT compiles (and, for
 * the arithmetic ones, vectorizes) each separately; float32 transcendental functions use {@link FastMath32}.
 */
final class UnaryKernels {

    private UnaryKernels() {
    }

    /** Relative cost of one element, for parallel splitting. */
    static long cost(UnaryOp op) {
        switch (op) {
            case NEG: case ABS: case SIGN: case RELU: case RECIPROCAL: case SQUARE: case FLOOR: case SQRT:
                return 1;
            case LGAMMA: case DIGAMMA: case TRIGAMMA: case ERF:
                return 64;
            default:
                return 8;
        }
    }

    /** {@code o[i] = op(x[i])} for {@code i} in {@code [from, to)}, with this thread's work buffers. */
    static void f32(UnaryOp op, float[] x, float[] o, int from, int to, ThreadLocal<WideBuffers> buffers) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) { o[i] = -x[i]; } break;
            case SQRT: for (int i = from; i < to; i++) { o[i] = (float) Math.sqrt(x[i]); } break;
            case ABS: for (int i = from; i < to; i++) { o[i] = Math.abs(x[i]); } break;
            case SIGN: for (int i = from; i < to; i++) { o[i] = Math.signum(x[i]); } break;
            case RELU: for (int i = from; i < to; i++) { o[i] = Math.max(x[i], 0f); } break;
            case RECIPROCAL: for (int i = from; i < to; i++) { o[i] = 1f / x[i]; } break;
            case SQUARE: for (int i = from; i < to; i++) { o[i] = x[i] * x[i]; } break;
            default: widened(op, x, o, from, to, buffers.get()); break;
        }
    }

    /**
     * Float32 functions computed in double precision on the range widened in bulk: converting one float at a time
     * next to double arithmetic makes the JIT's conversion instructions wait on each other (a false dependency),
     * which costs more than the function itself. The whole range is widened at once (an outer loop over smaller
     * chunks, once the function is inlined into it, stopped the JIT from vectorizing the function's loops: 19 ns
     * instead of 7 ns per element for exp; measured again with chunks of 2048: 2.2 ms instead of 0.8 ms for exp
     * over 256 x 784 floats once the chunk loop is compiled by C2), into the thread's reused buffers, in blocks of
     * {@link WideBuffers#BLOCK} elements (a loop over blocks that large kept its vectorization, measured).
     */
    private static void widened(UnaryOp op, float[] x, float[] o, int from, int to, WideBuffers buffers) {
        for (int start = from; start < to; start += WideBuffers.BLOCK) {
            int m = Math.min(WideBuffers.BLOCK, to - start);
            double[] t = buffers.get(0, m);
            double[] scratch = needsScratch(op) ? buffers.get(1, m) : null;
            Widening.widen(x, start, t, m);
            wide(op, t, scratch, m);
            Widening.narrow(t, o, start, m);
        }
    }

    private static boolean needsScratch(UnaryOp op) {
        return op == UnaryOp.SOFTPLUS || op == UnaryOp.LOGSIGMOID || op == UnaryOp.LOG || op == UnaryOp.LOG1P;
    }

    /** A float32 function applied in place to the first {@code m} doubles of a chunk ({@code scratch} may be null). */
    @FunctionalInterface
    private interface WideKernel {
        void apply(double[] t, double[] scratch, int m);
    }

    /**
     * The chunk functions, called through an interface on purpose: the call site sees many targets, so the JIT
     * compiles each function on its own instead of inlining them all into one large method, where it stops
     * vectorizing their loops.
     */
    private static final WideKernel[] WIDE = new WideKernel[UnaryOp.values().length];

    static {
        WIDE[UnaryOp.EXP.ordinal()] = (t, scratch, m) -> FastMath32.exp(t, m);
        WIDE[UnaryOp.LOG.ordinal()] = (t, scratch, m) -> FastMath32.log(t, scratch, m);
        WIDE[UnaryOp.LOG1P.ordinal()] = (t, scratch, m) -> FastMath32.log1p(t, scratch, m);
        WIDE[UnaryOp.EXPM1.ordinal()] = (t, scratch, m) -> FastMath32.expm1(t, m);
        WIDE[UnaryOp.SIGMOID.ordinal()] = (t, scratch, m) -> FastMath32.sigmoid(t, m);
        WIDE[UnaryOp.LOGSIGMOID.ordinal()] = (t, scratch, m) -> FastMath32.softplus(t, scratch, m, -1.0);
        WIDE[UnaryOp.TANH.ordinal()] = (t, scratch, m) -> FastMath32.tanh(t, m);
        WIDE[UnaryOp.SOFTPLUS.ordinal()] = (t, scratch, m) -> FastMath32.softplus(t, scratch, m, 1.0);
    }

    private static void wide(UnaryOp op, double[] t, double[] scratch, int m) {
        WideKernel k = WIDE[op.ordinal()];
        if (k != null) {
            k.apply(t, scratch, m);
        } else {
            f64(op, t, t, 0, m);
        }
    }

    static void f64(UnaryOp op, double[] x, double[] o, int from, int to) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) { o[i] = -x[i]; } break;
            case EXP: for (int i = from; i < to; i++) { o[i] = Math.exp(x[i]); } break;
            case LOG: for (int i = from; i < to; i++) { o[i] = Math.log(x[i]); } break;
            case LOG1P: for (int i = from; i < to; i++) { o[i] = Math.log1p(x[i]); } break;
            case EXPM1: for (int i = from; i < to; i++) { o[i] = Math.expm1(x[i]); } break;
            case SQRT: for (int i = from; i < to; i++) { o[i] = Math.sqrt(x[i]); } break;
            case ABS: for (int i = from; i < to; i++) { o[i] = Math.abs(x[i]); } break;
            case SIGN: for (int i = from; i < to; i++) { o[i] = Math.signum(x[i]); } break;
            case SIGMOID: for (int i = from; i < to; i++) { o[i] = sigmoid(x[i]); } break;
            case LOGSIGMOID: for (int i = from; i < to; i++) { o[i] = -softplus(-x[i]); } break;
            case TANH: for (int i = from; i < to; i++) { o[i] = Math.tanh(x[i]); } break;
            case SOFTPLUS: for (int i = from; i < to; i++) { o[i] = softplus(x[i]); } break;
            case RELU: for (int i = from; i < to; i++) { o[i] = Math.max(x[i], 0.0); } break;
            case LGAMMA: for (int i = from; i < to; i++) { o[i] = Special.lgamma(x[i]); } break;
            case DIGAMMA: for (int i = from; i < to; i++) { o[i] = Special.digamma(x[i]); } break;
            case TRIGAMMA: for (int i = from; i < to; i++) { o[i] = Special.trigamma(x[i]); } break;
            case ERF: for (int i = from; i < to; i++) { o[i] = Special.erf(x[i]); } break;
            case SIN: for (int i = from; i < to; i++) { o[i] = Math.sin(x[i]); } break;
            case COS: for (int i = from; i < to; i++) { o[i] = Math.cos(x[i]); } break;
            case RECIPROCAL: for (int i = from; i < to; i++) { o[i] = 1.0 / x[i]; } break;
            case SQUARE: for (int i = from; i < to; i++) { o[i] = x[i] * x[i]; } break;
            case FLOOR: for (int i = from; i < to; i++) { o[i] = Math.floor(x[i]); } break;
            default: throw new UnsupportedOperationException("cpu: unary " + op);
        }
    }

    /** Logistic function without overflow: {@code e^x / (1 + e^x)} for negative x. */
    /** {@code 1 / (1 + e^-x)} in float64, without overflow for either sign. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
