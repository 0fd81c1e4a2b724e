package io.pplj.tensor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * What {@link ConvKernels} needs of one element type, so that the convolution algorithm is written once: arrays of
 * type {@code A} ({@code float[]} or {@code double[]}), the column transform of {@link Im2col}, and native staging
 * blocks with bulk copies and OpenBLAS's {@code gemm}.
 *
 * @param <A> the Java array type
 */
interface ConvPrecision<A> {

    /** float32: {@code cblas_sgemm}. */
    ConvPrecision<float[]> F32 = new F32();

    /** float64: {@code cblas_dgemm}. */
    ConvPrecision<double[]> F64 = new F64();

    /** A zeroed array of {@code n} elements. */
    A allocate(int n);

    /** {@link Im2col#columns}. */
    void columns(Im2col im2col, A x, int xOff, A phases, A cols);

    /** {@link Im2col#accumulate}. */
    void accumulate(Im2col im2col, A cols, A phases, A dx, int dxOff);

    /** This thread's staging slot as a block of at least {@code size} elements. */
    Block<A> block(Staging staging, int slot, int size);

    /**
     * {@code C = op(A) · op(B)} (or {@code C += ...} when {@code accumulate}) on row-major blocks at the given
     * offsets with the given leading dimensions; {@code m × k} times {@code k × n}.
     */
    void gemm(NativeProducts products, boolean transA, boolean transB, int m, int n, int k, Block<A> a, int ao,
              int lda, Block<A> b, int bo, int ldb, boolean accumulate, Block<A> c, int co, int ldc);

    /** A native buffer with bulk copies to and from Java arrays (safe from several threads on disjoint ranges). */
    interface Block<A> {
        /** Copies {@code src[off .. off+len)} to elements {@code index ..} of the block. */
        void put(int index, A src, int off, int len);

        /** Copies elements {@code index .. index+len)} of the block to {@code dst[off ..]}. */
        void get(int index, A dst, int off, int len);
    }

    /** The float32 implementation. */
    final class F32 implements ConvPrecision<float[]> {

        private F32() {
        }

        @Override
        public float[] allocate(int n) {
            return new float[n];
        }

        @Override
        public void columns(Im2col im2col, float[] x, int xOff, float[] phases, float[] cols) {
            im2col.columns(x, xOff, phases, cols);
        }

        @Override
        public void accumulate(Im2col im2col, float[] cols, float[] phases, float[] dx, int dxOff) {
            im2col.accumulate(cols, phases, dx, dxOff);
        }

        @Override
        public Block<float[]> block(Staging staging, int slot, int size) {
            return new FloatBlock(staging.floats(slot, size), size);
        }

        @Override
        public void gemm(NativeProducts products, boolean transA, boolean transB, int m, int n, int k,
                         Block<float[]> a, int ao, int lda, Block<float[]> b, int bo, int ldb, boolean accumulate,
                         Block<float[]> c, int co, int ldc) {
            products.sgemm(transA, transB, m, n, k, ((FloatBlock) a).pointer, ao, lda, ((FloatBlock) b).pointer, bo,
                    ldb, accumulate ? 1f : 0f, ((FloatBlock) c).pointer, co, ldc, null);
        }

        private static final class FloatBlock implements Block<float[]> {
            private final FloatPointer pointer;
            private final FloatBuffer view;

            FloatBlock(FloatPointer pointer, int size) {
                this.pointer = pointer;
                this.view = Staging.view(pointer, size);
            }

            @Override
            public void put(int index, float[] src, int off, int len) {
                view.put(index, src, off, len);
            }

            @Override
            public void get(int index, float[] dst, int off, int len) {
                view.get(index, dst, off, len);
            }
        }
    }

    /** The float64 implementation. */
    final class F64 implements ConvPrecision<double[]> {

        private F64() {
        }

        @Override
        public double[] allocate(int n) {
            return new double[n];
        }

        @Override
        public void columns(Im2col im2col, double[] x, int xOff, double[] phases, double[] cols) {
            im2col.columns(x, xOff, phases, cols);
        }

        @Override
        public void accumulate(Im2col im2col, double[] cols, double[] phases, double[] dx, int dxOff) {
            im2col.accumulate(cols, phases, dx, dxOff);
        }

        @Override
        public Block<double[]> block(Staging staging, int slot, int size) {
            return new DoubleBlock(staging.doubles(slot, size), size);
        }

        @Override
        public void gemm(NativeProducts products, boolean transA, boolean transB, int m, int n, int k,
                         Block<double[]> a, int ao, int lda, Block<double[]> b, int bo, int ldb, boolean accumulate,
                         Block<double[]> c, int co, int ldc) {
            products.dgemm(transA, transB, m, n, k, ((DoubleBlock) a).pointer, ao, lda, ((DoubleBlock) b).pointer,
                    bo, ldb, accumulate ? 1.0 : 0.0, ((DoubleBlock) c).pointer, co, ldc, null);
        }

        private static final class DoubleBlock implements Block<double[]> {
            private final DoublePointer pointer;
            private final DoubleBuffer view;

            DoubleBlock(DoublePointer pointer, int size) {
                this.pointer = pointer;
                this.view = Staging.view(pointer, size);
            }

            @Override
            public void put(int index, double[] src, int off, int len) {
                view.put(index, src, off, len);
            }

            @Override
            public void get(int index, double[] dst, int off, int len) {
                view.get(index, dst, off, len);
            }
        }
    }
}
