package io.pplj.tensor.cpu;

import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.WindowAxis;
import java.util.Arrays;

/**
 * The column matrix of one sample of a convolution and its adjoint. Row {@code (c·kH + p)·kW + q} of the
 * {@code [inChannels·kH·kW, outH·outW]} matrix holds, for every output position {@code (i, j)}, the input element
 * that tap {@code (p, q)} of channel {@code c} reads there ({@code x[c, height.source(i, p), width.source(j, q)]}),
 * or 0 on padding; a convolution is then the matrix product of the weight {@code [out, in·kH·kW]} with it. The valid
 * output ranges of each tap come from {@link WindowAxis}, so the inner loops have no bounds tests: a plain copy
 * (stride 1) or a strided gather.
 */
final class Im2col {

    private Im2col() {
    }

    /**
     * One run of valid positions: column-matrix elements {@code cols[dst + j]} read input elements
     * {@code x[src + j·stride]} for {@code j} in {@code [j0, j1)}.
     */
    @FunctionalInterface
    interface Run {
        void visit(int dst, int src, int j0, int j1, int stride);
    }

    /** Visits every run of valid positions of the sample at {@code xOff}, row by row of the column matrix. */
    static void forEachRun(Conv2dPlan p, int xOff, Run run) {
        WindowAxis ha = p.height();
        WindowAxis wa = p.width();
        int ow = wa.outSize();
        int plane = p.outPlane();
        int sw = wa.stride();
        int row = 0;
        for (int c = 0; c < p.inChannels(); c++) {
            int channel = xOff + c * p.inPlane();
            for (int kh = 0; kh < ha.kernel(); kh++) {
                int i0 = ha.firstValid(kh);
                int i1 = ha.endValid(kh);
                for (int kw = 0; kw < wa.kernel(); kw++, row++) {
                    int j0 = wa.firstValid(kw);
                    int j1 = wa.endValid(kw);
                    if (j0 == j1) {
                        continue;       // a tap that reads only padding: its empty run may start before the input
                    }
                    for (int i = i0; i < i1; i++) {
                        run.visit(row * plane + i * ow, channel + ha.source(i, kh) * wa.size() + wa.source(0, kw),
                                j0, j1, sw);
                    }
                }
            }
        }
    }

    /** Writes the columns of the sample at {@code xOff} of x into {@code cols} (overwriting all of it). */
    static void columns(float[] x, int xOff, Conv2dPlan p, float[] cols) {
        Arrays.fill(cols, 0, p.inChannels() * p.taps() * p.outPlane(), 0f);
        forEachRun(p, xOff, (d, s, j0, j1, sw) -> {
            if (sw == 1) {
                System.arraycopy(x, s + j0, cols, d + j0, j1 - j0);
            } else {
                for (int j = j0; j < j1; j++) {
                    cols[d + j] = x[s + j * sw];
                }
            }
        });
    }

    /** Adds the columns back into the sample at {@code dxOff} of dx: the adjoint of {@link #columns}. */
    static void accumulate(float[] cols, Conv2dPlan p, float[] dx, int dxOff) {
        forEachRun(p, dxOff, (d, s, j0, j1, sw) -> {
            for (int j = j0; j < j1; j++) {
                dx[s + j * sw] += cols[d + j];
            }
        });
    }

    /** {@link #columns} in float64. */
    static void columns(double[] x, int xOff, Conv2dPlan p, double[] cols) {
        Arrays.fill(cols, 0, p.inChannels() * p.taps() * p.outPlane(), 0.0);
        forEachRun(p, xOff, (d, s, j0, j1, sw) -> {
            if (sw == 1) {
                System.arraycopy(x, s + j0, cols, d + j0, j1 - j0);
            } else {
                for (int j = j0; j < j1; j++) {
                    cols[d + j] = x[s + j * sw];
                }
            }
        });
    }

    /** {@link #accumulate} in float64. */
    static void accumulate(double[] cols, Conv2dPlan p, double[] dx, int dxOff) {
        forEachRun(p, dxOff, (d, s, j0, j1, sw) -> {
            for (int j = j0; j < j1; j++) {
                dx[s + j * sw] += cols[d + j];
            }
        });
    }
}
