package io.pplj.tensor.cpu;

import io.pplj.tensor.Conv2dPlan;

/**
 * Convolutions as im2col plus one matrix product per group (OpenBLAS), for a chunk of samples at a time.
 *
 * <p>The columns of all samples of a chunk are laid side by side as one {@code [C·kH·kW, chunk·outH·outW]} matrix in
 * a native staging buffer (each sample's columns are built in a Java array in cache from its phase planes, see
 * {@link Im2col}, in parallel over samples, then copied row by row), so each group is a single large product:
 *
 * <ul>
 *   <li>forward: {@code Y_g [Og, S] = W_g [Og, Cg·kk] · cols_g [Cg·kk, S]};
 *   <li>input gradient: {@code dcols_g = W_g^T · G_g}, then each sample's columns are added back into its input
 *       gradient (col2im);
 *   <li>weight gradient: {@code dW_g += G_g · cols_g^T}, accumulated over chunks;
 * </ul>
 *
 * where {@code S} is the chunk's output positions and {@code G} the output gradient in {@code [O, S]} layout. Chunks
 * keep the column matrix under a limit ({@link #COLUMN_LIMIT} elements by default).
 */
final class ConvKernels {

    /** The largest column matrix staged at once by default, in elements (64 MB in float32). */
    static final int COLUMN_LIMIT = 1 << 24;

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private final ThreadLocal<Staging> staging;
    private final Parallel parallel;
    private final NativeProducts products;
    private final int columnLimit;

    ConvKernels(ThreadLocal<Staging> staging, Parallel parallel, NativeProducts products, int columnLimit) {
        this.staging = staging;
        this.parallel = parallel;
        this.products = products;
        this.columnLimit = columnLimit;
    }

    <T> T forward(ConvPrecision<T> t, T x, T w, Conv2dPlan p) {
        T y = t.allocate(p.outputSize());
        int rowsG = p.inGroupChannels() * p.taps();
        if (p.outputSize() == 0 || rowsG == 0) {
            return y;
        }
        Staging s = staging.get();
        ConvPrecision.Block<T> weight = t.block(s, A, p.weightSize());
        weight.put(0, w, 0, p.weightSize());
        int chunk = chunk(p);
        for (int n0 = 0; n0 < p.batch(); n0 += chunk) {
            int nb = Math.min(chunk, p.batch() - n0);
            int cols = nb * p.outPlane();
            ConvPrecision.Block<T> columns = stageColumns(t, s, x, p, n0, nb);
            ConvPrecision.Block<T> out = t.block(s, C, p.outChannels() * cols);
            int og = p.outGroupChannels();
            for (int g = 0; g < p.groups(); g++) {
                t.gemm(products, false, false, og, cols, rowsG, weight, g * og * rowsG, rowsG, columns,
                        g * rowsG * cols, cols, false, out, g * og * cols, cols);
            }
            int first = n0;
            parallel.forRange(nb, (long) p.outChannels() * p.outPlane(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int o = 0; o < p.outChannels(); o++) {
                        out.get(o * cols + i * p.outPlane(), y, ((first + i) * p.outChannels() + o) * p.outPlane(),
                                p.outPlane());
                    }
                }
            });
        }
        return y;
    }

    <T> T inputGrad(ConvPrecision<T> t, T g, T w, Conv2dPlan p) {
        T dx = t.allocate(p.inputSize());
        int rowsG = p.inGroupChannels() * p.taps();
        int rows = p.inChannels() * p.taps();
        if (p.inputSize() == 0 || p.outputSize() == 0) {
            return dx;
        }
        Im2col im2col = Im2col.of(p);
        Staging s = staging.get();
        ConvPrecision.Block<T> weight = t.block(s, A, p.weightSize());
        weight.put(0, w, 0, p.weightSize());
        int chunk = chunk(p);
        for (int n0 = 0; n0 < p.batch(); n0 += chunk) {
            int nb = Math.min(chunk, p.batch() - n0);
            int cols = nb * p.outPlane();
            ConvPrecision.Block<T> grad = stageGradient(t, s, B, g, p, n0, nb);
            ConvPrecision.Block<T> columns = t.block(s, C, rows * cols);
            int og = p.outGroupChannels();
            for (int q = 0; q < p.groups(); q++) {
                t.gemm(products, true, false, rowsG, cols, og, weight, q * og * rowsG, rowsG, grad, q * og * cols,
                        cols, false, columns, q * rowsG * cols, cols);
            }
            int first = n0;
            parallel.forRange(nb, (long) rows * p.outPlane(), (from, to) -> {
                T sample = t.allocate(im2col.columnSize());
                T phases = t.allocate(im2col.phaseSize());
                for (int i = from; i < to; i++) {
                    for (int r = 0; r < rows; r++) {
                        columns.get(r * cols + i * p.outPlane(), sample, r * p.outPlane(), p.outPlane());
                    }
                    t.accumulate(im2col, sample, phases, dx, (first + i) * p.inChannels() * p.inPlane());
                }
            });
        }
        return dx;
    }

    <T> T weightGrad(ConvPrecision<T> t, T x, T g, Conv2dPlan p) {
        T dw = t.allocate(p.weightSize());
        int rowsG = p.inGroupChannels() * p.taps();
        if (p.weightSize() == 0 || p.outputSize() == 0) {
            return dw;
        }
        Staging s = staging.get();
        ConvPrecision.Block<T> out = t.block(s, A, p.weightSize());
        int chunk = chunk(p);
        for (int n0 = 0; n0 < p.batch(); n0 += chunk) {
            int nb = Math.min(chunk, p.batch() - n0);
            int cols = nb * p.outPlane();
            ConvPrecision.Block<T> columns = stageColumns(t, s, x, p, n0, nb);
            ConvPrecision.Block<T> grad = stageGradient(t, s, C, g, p, n0, nb);
            int og = p.outGroupChannels();
            for (int q = 0; q < p.groups(); q++) {
                t.gemm(products, false, true, og, rowsG, cols, grad, q * og * cols, cols, columns, q * rowsG * cols,
                        cols, n0 > 0, out, q * og * rowsG, rowsG);
            }
        }
        out.get(0, dw, 0, p.weightSize());
        return dw;
    }

    /** The column matrix of samples {@code n0 .. n0+nb} in slot B. */
    private <T> ConvPrecision.Block<T> stageColumns(ConvPrecision<T> t, Staging s, T x, Conv2dPlan p, int n0,
                                                    int nb) {
        int rows = p.inChannels() * p.taps();
        int plane = p.outPlane();
        int cols = nb * plane;
        ConvPrecision.Block<T> columns = t.block(s, B, rows * cols);
        Im2col im2col = Im2col.of(p);
        parallel.forRange(nb, (long) rows * plane, (from, to) -> {
            T sample = t.allocate(im2col.columnSize());
            T phases = t.allocate(im2col.phaseSize());
            for (int i = from; i < to; i++) {
                t.columns(im2col, x, (n0 + i) * p.inChannels() * p.inPlane(), phases, sample);
                for (int r = 0; r < rows; r++) {
                    columns.put(r * cols + i * plane, sample, r * plane, plane);
                }
            }
        });
        return columns;
    }

    /** The output gradient of samples {@code n0 .. n0+nb} as an {@code [O, nb·outPlane]} matrix in the slot. */
    private <T> ConvPrecision.Block<T> stageGradient(ConvPrecision<T> t, Staging s, int slot, T g, Conv2dPlan p,
                                                     int n0, int nb) {
        int plane = p.outPlane();
        int cols = nb * plane;
        int o = p.outChannels();
        ConvPrecision.Block<T> grad = t.block(s, slot, o * cols);
        parallel.forRange(nb, (long) o * plane, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int c = 0; c < o; c++) {
                    grad.put(c * cols + i * plane, g, ((n0 + i) * o + c) * plane, plane);
                }
            }
        });
        return grad;
    }

    /** Samples per chunk: as many as keep the column matrix under the limit, at least one. */
    private int chunk(Conv2dPlan p) {
        long perSample = (long) p.inChannels() * p.taps() * p.outPlane();
        return (int) Math.max(1, Math.min(p.batch(), columnLimit / Math.max(perSample, 1)));
    }
}
