package io.pplj.tensor.cpu;

import io.pplj.tensor.MatmulPlan;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Batched matrix products. Small products run a Java loop (a native call costs more than they do); larger ones call
 * OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm} through JavaCPP's preset.
 *
 * <p>JavaCPP passes a Java array to native code by copying it into and back out of a temporary native buffer on
 * every call (its prebuilt OpenBLAS preset does not pin arrays), which halved the throughput we measured. So operands
 * are staged once into per-thread native buffers that are reused from call to call, and only the result is copied
 * back; float32 operands are remembered by {@link StagedOperands}, so one used again (a weight in the backward pass,
 * a layer's input in the weight gradient, the data batch) is not copied again. Batches whose right operand is
 * shared and whose left operand is one tall matrix become a single call.
 */
final class Gemm {

    /** Multiply-adds below which a Java loop beats a native call. */
    static final long NATIVE_THRESHOLD = 1L << 15;

    private final ThreadLocal<Staging> staging;
    private final ThreadLocal<StagedOperands> operands = ThreadLocal.withInitial(StagedOperands::new);
    private final NativeProducts products;

    Gemm(ThreadLocal<Staging> staging, NativeProducts products) {
        this.staging = staging;
        this.products = products;
    }

    float[] f32(float[] a, float[] b, MatmulPlan p, Parallel par) {
        float[] c = new float[p.batch() * p.m() * p.n()];
        long work = (long) p.m() * p.n() * p.k();
        if (work < NATIVE_THRESHOLD) {
            par.forRange(p.batch(), work, (from, to) -> {
                for (int i = from; i < to; i++) {
                    JavaGemm.f32(a, p.offsetA(i), b, p.offsetB(i), c, i * p.m() * p.n(), p);
                }
            });
            return c;
        }
        Staging s = staging.get();
        FloatPointer pa = stage(s, 0, a);
        FloatPointer pb = stage(s, 1, b);
        FloatPointer pc = s.floats(2, c.length);
        if (canFold(p)) {
            sgemm(p, p.batch() * p.m(), pa, 0, pb, p.offsetB(0), pc, 0, 0f, c);
        } else {
            for (int i = 0; i < p.batch(); i++) {
                sgemm(p, p.m(), pa, p.offsetA(i), pb, p.offsetB(i), pc, i * p.m() * p.n(), 0f, c);
            }
        }
        return c;
    }

    /** Whether {@link #f32AddRow} takes the plan: one product, large enough for the native path. */
    boolean addsRowNatively(MatmulPlan p) {
        return p.batch() == 1 && (long) p.m() * p.n() * p.k() >= NATIVE_THRESHOLD;
    }

    /**
     * {@code op(a) · op(b) + bias} with the bias (n elements) added to every row: the result buffer is filled with
     * the bias rows and OpenBLAS adds the product to it ({@code beta = 1}), so the sum costs no pass of its own.
     */
    float[] f32AddRow(float[] a, float[] b, float[] bias, MatmulPlan p) {
        float[] c = new float[p.m() * p.n()];
        Staging s = staging.get();
        FloatPointer pa = stage(s, 0, a);
        FloatPointer pb = stage(s, 1, b);
        FloatPointer pc = s.floats(2, c.length);
        for (int i = 0; i < p.m(); i++) {
            pc.position((long) i * p.n()).put(bias, 0, p.n());
        }
        sgemm(p, p.m(), pa, p.offsetA(0), pb, p.offsetB(0), pc, 0, 1f, c);
        return c;
    }

    double[] f64(double[] a, double[] b, MatmulPlan p, Parallel par) {
        double[] c = new double[p.batch() * p.m() * p.n()];
        long work = (long) p.m() * p.n() * p.k();
        if (work < NATIVE_THRESHOLD) {
            par.forRange(p.batch(), work, (from, to) -> {
                for (int i = from; i < to; i++) {
                    JavaGemm.f64(a, p.offsetA(i), b, p.offsetB(i), c, i * p.m() * p.n(), p);
                }
            });
            return c;
        }
        Staging s = staging.get();
        DoublePointer pa = s.doubles(0, a.length).put(a, 0, a.length);
        DoublePointer pb = s.doubles(1, b.length).put(b, 0, b.length);
        DoublePointer pc = s.doubles(2, c.length);
        if (canFold(p)) {
            dgemm(p, p.batch() * p.m(), pa, 0, pb, p.offsetB(0), pc, 0, c);
        } else {
            for (int i = 0; i < p.batch(); i++) {
                dgemm(p, p.m(), pa, p.offsetA(i), pb, p.offsetB(i), pc, i * p.m() * p.n(), c);
            }
        }
        return c;
    }

    /** The native copy of a float32 operand: remembered by this thread, or copied into staging slot {@code slot}. */
    private FloatPointer stage(Staging s, int slot, float[] x) {
        FloatPointer p = operands.get().of(x);
        return p != null ? p : s.floats(slot, x.length).put(x, 0, x.length);
    }

    /** A batch {@code [batch·m, k] · [k, n]} with one B is a single tall product. */
    private static boolean canFold(MatmulPlan p) {
        return p.batch() > 1 && !p.transA() && p.denseA() && p.sharedB();
    }

    /**
     * {@code C = op(A) op(B) + beta C} on {@code rows} rows of the plan's product, copied into {@code out} at the
     * same offsets by the threads that compute it.
     */
    private void sgemm(MatmulPlan p, int rows, FloatPointer a, int ao, FloatPointer b, int bo, FloatPointer c, int co,
                       float beta, float[] out) {
        products.sgemm(p.transA(), p.transB(), rows, p.n(), p.k(), a, ao, p.transA() ? p.m() : p.k(), b, bo,
                p.transB() ? p.k() : p.n(), beta, c, co, p.n(), out);
    }

    private void dgemm(MatmulPlan p, int rows, DoublePointer a, int ao, DoublePointer b, int bo, DoublePointer c,
                       int co, double[] out) {
        products.dgemm(p.transA(), p.transB(), rows, p.n(), p.k(), a, ao, p.transA() ? p.m() : p.k(), b, bo,
                p.transB() ? p.k() : p.n(), 0.0, c, co, p.n(), out);
    }
}
