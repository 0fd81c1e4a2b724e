package io.pplj.tensor.cpu;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * The backend's one door to OpenBLAS's products: {@code C = op(A) · op(B) + beta C} on row-major native buffers,
 * split between the backend's own threads, with OpenBLAS itself kept on one thread.
 *
 * <p>Why not let OpenBLAS thread its products: an idle OpenBLAS worker polls for new work with {@code sched_yield}
 * for about 2^28 cycles (0.1 s) before it sleeps, and a training step calls a product every few milliseconds, so
 * its worker never sleeps and holds a core all the time (measured: 82-94 % of a core during w4 on this project's
 * 2-vCPU machine), which the backend's own threads and the caller then wait for. The polling time can only be changed
 * through an environment variable read when the library loads. So OpenBLAS runs on the calling thread, and a large
 * product is split into one part per backend thread along the larger of its two result dimensions (each part packs
 * its own slice of one operand and all of the other); the backend's pool parks when idle. Other code in the process
 * may raise OpenBLAS's thread count: ND4J does when it starts, through JavaCPP's {@code blas_set_num_threads}, which
 * records the count it sets. Every product first reads that record and sets the count back to one if it differs, so
 * ND4J's own products also run on one thread once this backend has run one. A count raised natively, past JavaCPP's
 * wrapper, is not seen.
 */
final class NativeProducts {

    /** Multiply-adds below which a product runs whole on the calling thread (a hand-off costs up to 0.2 ms). */
    static final long SPLIT_THRESHOLD = 1L << 22;

    /** Part boundaries fall on multiples of this many rows or columns (OpenBLAS's kernels work in such blocks). */
    private static final int ALIGN = 16;

    private final Parallel parallel;

    NativeProducts(Parallel parallel) {
        this.parallel = parallel;
        singleThreadedBlas();
    }

    /** One part of a split product: its size and the element offsets of its A, B and C. */
    @FunctionalInterface
    private interface Part {
        void run(int m, int n, long aOffset, long bOffset, long cOffset);
    }

    /**
     * {@code C = op(A) · op(B) + beta C} in float32 ({@code A} is {@code m × k} after {@code op}), and C's block
     * copied into {@code out} at the same element offsets unless {@code out} is null: each part copies its own rows
     * or columns on the thread that computed them, so the copy back to Java is split too.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, long ao, int lda, FloatPointer b,
               long bo, int ldb, float beta, FloatPointer c, long co, int ldc, float[] out) {
        split(transA, transB, m, n, k, lda, ldb, ldc, (pm, pn, pa, pb, pc) -> {
            FloatPointer block = new FloatPointer(c);
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, pm,
                    pn, k, 1f, new FloatPointer(a).position(ao + pa), lda, new FloatPointer(b).position(bo + pb), ldb,
                    beta, block.position(co + pc), ldc);
            if (out != null) {
                copyOut(block, co + pc, pm, pn, ldc, out);
            }
        });
    }

    /** Copies the {@code rows × cols} block at element {@code at} (row stride {@code ld}) to the same place in out. */
    private static void copyOut(FloatPointer block, long at, int rows, int cols, int ld, float[] out) {
        if (cols == ld) {
            block.position(at).get(out, (int) at, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            block.position(at + (long) r * ld).get(out, (int) at + r * ld, cols);
        }
    }

    /** {@code C = op(A) · op(B) + beta C} in float64, copied into {@code out} as {@link #sgemm} does (unless null). */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, DoublePointer a, long ao, int lda,
               DoublePointer b, long bo, int ldb, double beta, DoublePointer c, long co, int ldc, double[] out) {
        split(transA, transB, m, n, k, lda, ldb, ldc, (pm, pn, pa, pb, pc) -> {
            DoublePointer block = new DoublePointer(c);
            cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, pm,
                    pn, k, 1.0, new DoublePointer(a).position(ao + pa), lda, new DoublePointer(b).position(bo + pb),
                    ldb, beta, block.position(co + pc), ldc);
            if (out != null) {
                copyOut(block, co + pc, pm, pn, ldc, out);
            }
        });
    }

    private static void copyOut(DoublePointer block, long at, int rows, int cols, int ld, double[] out) {
        if (cols == ld) {
            block.position(at).get(out, (int) at, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            block.position(at + (long) r * ld).get(out, (int) at + r * ld, cols);
        }
    }

    /**
     * Runs the product as {@link #parts} parts, one per thread, claimed like any split loop's chunks (so the caller
     * runs a late thread's part itself): along the rows of C (slices of A's rows) when C has more rows than columns,
     * along its columns (slices of B's columns) otherwise. Each part owns a disjoint block of C. Two parts per thread
     * measured the same on w4 as one, and each part packs a whole operand, so one it is.
     */
    private void split(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc, Part part) {
        singleThreadedBlas();
        boolean alongRows = m > n;
        int length = alongRows ? m : n;
        int parts = parts((long) m * n * k, length);
        if (parts == 1) {
            part.run(m, n, 0, 0, 0);
            return;
        }
        parallel.forChunks(parts, Parallel.GRAIN, parts, (from, to) -> {
            for (int i = from; i < to; i++) {
                int start = boundary(length, parts, i);
                int size = boundary(length, parts, i + 1) - start;
                if (alongRows) {
                    part.run(size, n, transA ? start : (long) start * lda, 0, (long) start * ldc);
                } else {
                    part.run(m, size, 0, transB ? (long) start * ldb : start, start);
                }
            }
        });
    }

    /** How many parts a product of {@code work} multiply-adds, split along {@code length}, is run as. */
    private int parts(long work, int length) {
        if (work < SPLIT_THRESHOLD) {
            return 1;
        }
        return Math.max(1, Math.min(parallel.threads(), length / ALIGN));
    }

    /**
     * The first index of part {@code i} of {@code parts} over {@code length}: an even split, rounded to a multiple
     * of {@link #ALIGN} when the parts are long enough for that to keep them balanced (at least 8 blocks each).
     */
    static int boundary(int length, int parts, int i) {
        if (i >= parts) {
            return length;
        }
        int even = (int) ((long) length * i / parts);
        return length >= 8 * ALIGN * parts ? (even + ALIGN / 2) / ALIGN * ALIGN : even;
    }

    /**
     * Sets OpenBLAS's process-wide thread count back to one when the count JavaCPP's wrapper last set differs (the
     * read is a Java field, a few nanoseconds; setting it looks up several native symbols, so it is done only then).
     */
    private static void singleThreadedBlas() {
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }
}
