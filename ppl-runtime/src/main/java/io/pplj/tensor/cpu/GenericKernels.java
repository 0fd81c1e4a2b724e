package io.pplj.tensor.cpu;

import io.pplj.tensor.BinaryOp;
import io.pplj.tensor.BroadcastPlan;
import io.pplj.tensor.DType;
import io.pplj.tensor.CompareOp;
import io.pplj.tensor.LogicalOp;

/**
 * Broadcast kernels for comparisons, logic, selection and integer arithmetic: one strided row loop per element type,
 * the operation chosen per element (these are not the hot paths of numeric code).
 */
final class GenericKernels {

    private GenericKernels() {
    }

    static void compare(CompareOp op, CpuStorage a, CpuStorage b, boolean[] o, BroadcastPlan p, Parallel par) {
        int sa = PlanWalk.rowStride(p, 0);
        int sb = PlanWalk.rowStride(p, 1);
        PlanWalk.forAll(p, 2, par, 2L,
                (off, oo, n) -> compareRow(op, a, off[0], sa, b, off[1], sb, o, oo, n));
    }

    private static void compareRow(CompareOp op, CpuStorage a, int ao, int sa, CpuStorage b, int bo, int sb,
                                   boolean[] o, int oo, int n) {
        if (a.dtype() == DType.FLOAT32) {
            compareF32(op, a.f32(), ao, sa, b.f32(), bo, sb, o, oo, n);
        } else if (a.dtype() == DType.FLOAT64) {
            double[] x = a.f64();
            double[] y = b.f64();
            for (int i = 0; i < n; i++) {
                o[oo + i] = op.test(x[ao + i * sa], y[bo + i * sb]);
            }
        } else if (a.dtype() == DType.INT64) {
            long[] x = a.i64();
            long[] y = b.i64();
            for (int i = 0; i < n; i++) {
                o[oo + i] = op.test(Long.compare(x[ao + i * sa], y[bo + i * sb]), 0);
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i] = op.test(a.getDouble(ao + i * sa), b.getDouble(bo + i * sb));
            }
        }
    }

    /**
     * Float32 comparisons with the operation chosen once per row, so each loop body is one branch-free comparison
     * (a per-element choice cost about 6 ns an element, most of a ReLU's backward pass).
     */
    private static void compareF32(CompareOp op, float[] x, int ao, int sa, float[] y, int bo, int sb, boolean[] o,
                                   int oo, int n) {
        switch (op) {
            case LT: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] < y[bo + i * sb]; } break;
            case LE: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] <= y[bo + i * sb]; } break;
            case GT: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] > y[bo + i * sb]; } break;
            case GE: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] >= y[bo + i * sb]; } break;
            case EQ: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] == y[bo + i * sb]; } break;
            default: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i * sa] != y[bo + i * sb]; } break;
        }
    }

    static void logical(LogicalOp op, boolean[] a, boolean[] b, boolean[] o, BroadcastPlan p, Parallel par) {
        int sa = PlanWalk.rowStride(p, 0);
        int sb = PlanWalk.rowStride(p, 1);
        PlanWalk.forAll(p, 2, par, 1,
                (off, oo, n) -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = op.apply(a[off[0] + i * sa], b[off[1] + i * sb]);
                    }
                });
    }

    static void integer(BinaryOp op, long[] a, long[] b, long[] o, BroadcastPlan p, Parallel par) {
        int sa = PlanWalk.rowStride(p, 0);
        int sb = PlanWalk.rowStride(p, 1);
        PlanWalk.forAll(p, 2, par, 2L,
                (off, oo, n) -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = applyLong(op, a[off[0] + i * sa], b[off[1] + i * sb]);
                    }
                });
    }

    private static long applyLong(BinaryOp op, long x, long y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case MAXIMUM: return Math.max(x, y);
            case MINIMUM: return Math.min(x, y);
            default: throw new UnsupportedOperationException("cpu: int64 " + op);
        }
    }

    /** {@code out = cond ? a : b}, where out has the storage class of a and b. */
    static void where(boolean[] c, CpuStorage a, CpuStorage b, CpuStorage out, BroadcastPlan p, Parallel par) {
        int sc = PlanWalk.rowStride(p, 0);
        int sa = PlanWalk.rowStride(p, 1);
        int sb = PlanWalk.rowStride(p, 2);
        PlanWalk.forAll(p, 3, par, 1,
                (off, oo, n) -> whereRow(c, off[0], sc, a, off[1], sa, b, off[2], sb, out, oo, n));
    }

    private static void whereRow(boolean[] c, int co, int sc, CpuStorage a, int ao, int sa, CpuStorage b, int bo,
                                 int sb, CpuStorage out, int oo, int n) {
        // Floating and integer selections are bitwise, (x & mask) | (y & ~mask) with the mask all ones where the
        // condition holds: exact for every value, NaN payloads included, and free of the branch that mispredicts
        // on conditions such as x > 0 (2.4x faster on a ReLU's backward pass).
        if (out.dtype() == DType.FLOAT32) {
            float[] x = a.f32();
            float[] y = b.f32();
            float[] o = out.f32();
            for (int i = 0; i < n; i++) {
                int mask = -(c[co + i * sc] ? 1 : 0);
                o[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(x[ao + i * sa]) & mask
                        | Float.floatToRawIntBits(y[bo + i * sb]) & ~mask);
            }
        } else if (out.dtype() == DType.FLOAT64) {
            double[] x = a.f64();
            double[] y = b.f64();
            double[] o = out.f64();
            for (int i = 0; i < n; i++) {
                long mask = -(c[co + i * sc] ? 1L : 0L);
                o[oo + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(x[ao + i * sa]) & mask
                        | Double.doubleToRawLongBits(y[bo + i * sb]) & ~mask);
            }
        } else if (out.dtype() == DType.INT64) {
            long[] x = a.i64();
            long[] y = b.i64();
            long[] o = out.i64();
            for (int i = 0; i < n; i++) {
                long mask = -(c[co + i * sc] ? 1L : 0L);
                o[oo + i] = x[ao + i * sa] & mask | y[bo + i * sb] & ~mask;
            }
        } else {
            boolean[] x = a.bool();
            boolean[] y = b.bool();
            boolean[] o = out.bool();
            for (int i = 0; i < n; i++) {
                o[oo + i] = c[co + i * sc] ? x[ao + i * sa] : y[bo + i * sb];
            }
        }
    }
}
