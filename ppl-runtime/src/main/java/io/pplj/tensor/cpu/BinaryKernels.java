package io.pplj.tensor.cpu;

import io.pplj.tensor.BinaryOp;
import io.pplj.tensor.BroadcastPlan;
import io.pplj.tensor.ScalarOp;

/**
 * Broadcast arithmetic on float32 and float64. Same-shape operands run one flat loop; otherwise each row of the
 * plan runs the flat loop (both operands contiguous), a scalar loop (one operand constant along the row) or a
 * strided loop.
 */
final class BinaryKernels {

    private BinaryKernels() {
    }

    /** {@code o = a op b} over the plan; the logarithmic operations work in the threads' {@link WideBuffers}. */
    static void f32(BinaryOp op, float[] a, float[] b, float[] o, BroadcastPlan p, Parallel par,
                    ThreadLocal<WideBuffers> buffers) {
        long cost = op == BinaryOp.POW ? 16 : 1;
        if (p.isDense(0) && p.isDense(1)) {
            if (par.inline(p.numel(), cost)) {
                flatF32(op, a, 0, b, 0, o, 0, p.numel(), buffers);
            } else {
                par.forRange(p.numel(), cost,
                        (from, to) -> flatF32(op, a, from, b, from, o, from, to - from, buffers));
            }
            return;
        }
        int sa = PlanWalk.rowStride(p, 0);
        int sb = PlanWalk.rowStride(p, 1);
        PlanWalk.forAll(p, 2, par, cost,
                (off, oo, n) -> rowF32(op, a, off[0], sa, b, off[1], sb, o, oo, n, buffers));
    }

    static void f64(BinaryOp op, double[] a, double[] b, double[] o, BroadcastPlan p, Parallel par) {
        long cost = op == BinaryOp.POW ? 16 : 1;
        if (p.isDense(0) && p.isDense(1)) {
            par.forRange(p.numel(), cost, (from, to) -> flatF64(op, a, from, b, from, o, from, to - from));
            return;
        }
        int sa = PlanWalk.rowStride(p, 0);
        int sb = PlanWalk.rowStride(p, 1);
        PlanWalk.forAll(p, 2, par, cost,
                (off, oo, n) -> rowF64(op, a, off[0], sa, b, off[1], sb, o, oo, n));
    }

    private static void rowF32(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o, int oo,
                               int n, ThreadLocal<WideBuffers> buffers) {
        if (sa == 1 && sb == 1) {
            flatF32(op, a, ao, b, bo, o, oo, n, buffers);
        } else if (!op.hasScalarForm()) {
            stridedF32(op, a, ao, sa, b, bo, sb, o, oo, n);
        } else if (sb == 0) {
            ScalarKernels.f32(withScalar(op), a, ao, b[bo], o, oo, n);
        } else if (sa == 0) {
            ScalarKernels.f32(withScalarFirst(op), b, bo, a[ao], o, oo, n);
        } else {
            stridedF32(op, a, ao, sa, b, bo, sb, o, oo, n);
        }
    }

    private static void rowF64(BinaryOp op, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o,
                               int oo, int n) {
        if (sa == 1 && sb == 1) {
            flatF64(op, a, ao, b, bo, o, oo, n);
        } else if (!op.hasScalarForm()) {
            stridedF64(op, a, ao, sa, b, bo, sb, o, oo, n);
        } else if (sb == 0) {
            ScalarKernels.f64(withScalar(op), a, ao, b[bo], o, oo, n);
        } else if (sa == 0) {
            ScalarKernels.f64(withScalarFirst(op), b, bo, a[ao], o, oo, n);
        } else {
            stridedF64(op, a, ao, sa, b, bo, sb, o, oo, n);
        }
    }

    /** The scalar operation computing {@code x op s} for a binary operation. */
    static ScalarOp withScalar(BinaryOp op) {
        switch (op) {
            case ADD: return ScalarOp.ADD;
            case SUB: return ScalarOp.SUB;
            case MUL: return ScalarOp.MUL;
            case DIV: return ScalarOp.DIV;
            case POW: return ScalarOp.POW;
            case MAXIMUM: return ScalarOp.MAX;
            default: return ScalarOp.MIN;
        }
    }

    /** The scalar operation computing {@code s op x} for a binary operation. */
    static ScalarOp withScalarFirst(BinaryOp op) {
        switch (op) {
            case SUB: return ScalarOp.RSUB;
            case DIV: return ScalarOp.RDIV;
            case POW: return ScalarOp.RPOW;
            default: return withScalar(op);
        }
    }

    private static void flatF32(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n,
                                ThreadLocal<WideBuffers> buffers) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] + b[bo + i]; } break;
            case SUB: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] - b[bo + i]; } break;
            case MUL: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] * b[bo + i]; } break;
            case DIV: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] / b[bo + i]; } break;
            case POW: for (int i = 0; i < n; i++) { o[oo + i] = (float) Math.pow(a[ao + i], b[bo + i]); } break;
            case MAXIMUM: for (int i = 0; i < n; i++) { o[oo + i] = Math.max(a[ao + i], b[bo + i]); } break;
            case MINIMUM: for (int i = 0; i < n; i++) { o[oo + i] = Math.min(a[ao + i], b[bo + i]); } break;
            case XLOGY: case XLOG1PY: case XDIVY: XlogyKernels.f32(op, a, ao, b, bo, o, oo, n, buffers.get()); break;
            case BINARY_LOG_LIKELIHOOD: case BINARY_LOG_LIKELIHOOD_GRAD:
                LikelihoodKernels.f32(op, a, ao, b, bo, o, oo, n, buffers.get());
                break;
            case RELU_GRAD: reluGradF32(a, ao, b, bo, o, oo, n); break;
            case SIGMOID_GRAD:
                for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] * (b[bo + i] * (1f - b[bo + i])); }
                break;
            case SOFTPLUS_GRAD: softplusGradF32(a, ao, b, bo, o, oo, n, buffers.get()); break;
            default: throw new UnsupportedOperationException("cpu: binary " + op);
        }
    }

    private static void flatF64(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] + b[bo + i]; } break;
            case SUB: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] - b[bo + i]; } break;
            case MUL: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] * b[bo + i]; } break;
            case DIV: for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] / b[bo + i]; } break;
            case POW: for (int i = 0; i < n; i++) { o[oo + i] = Math.pow(a[ao + i], b[bo + i]); } break;
            case MAXIMUM: for (int i = 0; i < n; i++) { o[oo + i] = Math.max(a[ao + i], b[bo + i]); } break;
            case MINIMUM: for (int i = 0; i < n; i++) { o[oo + i] = Math.min(a[ao + i], b[bo + i]); } break;
            case RELU_GRAD: reluGradF64(a, ao, b, bo, o, oo, n); break;
            case SIGMOID_GRAD:
                for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i] * (b[bo + i] * (1.0 - b[bo + i])); }
                break;
            default: for (int i = 0; i < n; i++) { o[oo + i] = apply(op, a[ao + i], b[bo + i]); } break;
        }
    }

    /**
     * {@code a} where {@code b > 0}, else +0, without a branch (on activations the sign of {@code b} is a coin flip,
     * and a mispredicted branch per element made this four times slower): as an integer, {@code bits(b) - 1} lies in
     * {@code [0, bits(+inf))} exactly when {@code b > 0} (+0 gives -1; negative values, -0 and NaN of either sign
     * fall outside), and that test becomes an all-ones or all-zeros mask on {@code a}'s bits.
     */
    private static void reluGradF32(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            int u = Float.floatToRawIntBits(b[bo + i]) - 1;
            int mask = ~(u >> 31) & ((u - 0x7f800000) >> 31);
            o[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(a[ao + i]) & mask);
        }
    }

    /** {@code a · sigmoid(b)}: the sigmoid of the row widened into the thread's buffer, rounded, then the product. */
    private static void softplusGradF32(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n,
                                        WideBuffers buffers) {
        for (int start = 0; start < n; start += WideBuffers.BLOCK) {
            int m = Math.min(WideBuffers.BLOCK, n - start);
            double[] t = buffers.get(0, m);
            Widening.widen(b, bo + start, t, m);
            FastMath32.sigmoid(t, m);
            for (int i = 0; i < m; i++) {
                o[oo + start + i] = a[ao + start + i] * (float) t[i];
            }
        }
    }

    /** {@link #reluGradF32} in float64. */
    private static void reluGradF64(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            long u = Double.doubleToRawLongBits(b[bo + i]) - 1;
            long mask = ~(u >> 63) & ((u - 0x7ff0000000000000L) >> 63);
            o[oo + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[ao + i]) & mask);
        }
    }

    private static void stridedF32(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o,
                                   int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = applyF32(op, a[ao + i * sa], b[bo + i * sb]);
        }
    }

    private static void stridedF64(BinaryOp op, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o,
                                   int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = apply(op, a[ao + i * sa], b[bo + i * sb]);
        }
    }

    /** One float64 element of a binary operation, for the strided paths. */
    static double apply(BinaryOp op, double x, double y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MAXIMUM: return Math.max(x, y);
            case MINIMUM: return Math.min(x, y);
            case XLOGY: return x == 0 && y == y ? 0 : x * Math.log(y);
            case XLOG1PY: return x == 0 && y == y ? 0 : x * Math.log1p(y);
            case XDIVY: return x == 0 && y == y ? 0 : x / y;
            case BINARY_LOG_LIKELIHOOD:
                return (y == 0 && x == x ? 0 : y * Math.log(x)) + (y == 1 && x == x ? 0 : (1 - y) * Math.log1p(-x));
            case BINARY_LOG_LIKELIHOOD_GRAD:
                return (y == 0 && x == x ? 0 : y / x) - (y == 1 && x == x ? 0 : (1 - y) / (1 - x));
            case RELU_GRAD: return y > 0 ? x : 0;
            case SIGMOID_GRAD: return x * (y * (1 - y));
            case SOFTPLUS_GRAD: return x * UnaryKernels.sigmoid(y);
            default: throw new UnsupportedOperationException("cpu: binary " + op);
        }
    }

    /**
     * One float32 element: float arithmetic, with {@code x log y}, {@code x log(1 + y)} and the binary
     * log-likelihood computed in float64 and rounded once (as the contiguous kernels of {@link XlogyKernels} and
     * {@link LikelihoodKernels} do).
     */
    static float applyF32(BinaryOp op, float x, float y) {
        switch (op) {
            case XLOGY: return x == 0 && y == y ? 0f : (float) (x * Math.log(y));
            case XLOG1PY: return x == 0 && y == y ? 0f : (float) (x * Math.log1p(y));
            case XDIVY: return x == 0 && y == y ? 0f : x / y;
            case BINARY_LOG_LIKELIHOOD_GRAD:
                return (y == 0 && x == x ? 0f : y / x) - (y == 1 && x == x ? 0f : (1 - y) / (1 - x));
            case POW: return (float) Math.pow(x, y);
            case SIGMOID_GRAD: return x * (y * (1f - y));
            case SOFTPLUS_GRAD: return x * (float) UnaryKernels.sigmoid(y);
            default: return (float) apply(op, x, y);
        }
    }
}
