package io.pplj.tensor.cpu;

import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.WindowAxis;
import java.util.Arrays;

/**
 * The column matrix of one sample of a convolution and its adjoint. Row {@code (c·kH + p)·kW + q} of the
 * {@code [inChannels·kH·kW, outH·outW]} matrix holds, for every output position {@code (i, j)}, the input element
 * that tap {@code (p, q)} of channel {@code c} reads there ({@code x[c, height.source(i, p), width.source(j, q)]}),
 * or 0 on padding; a convolution is then the matrix product of the weight {@code [out, in·kH·kW]} with it.
 *
 * <h2>Phase planes</h2>
 * A strided tap reads every {@code stride}-th input element, and gathering such rows element by element (or in
 * runs of one output row) is slow. So each sample is first split into <em>phase planes</em> (space to depth):
 * plane {@code (c, u, v)} is the {@code [outH, outW]} grid {@code P[a, b] = x[c, a·sH + u, b·sW + v]} (0 beyond the
 * input); only the phases {@code (u, v)} that some tap reads are built (at most one per tap, so the planes never
 * outgrow the column matrix, even for a stride wider than the kernel). Writing a tap's offset
 * {@code t·dilation - padding = base·stride + phase} on each axis, the tap reads
 * {@code x[c, (i + baseH)·sH + u, (j + baseW)·sW + v] = P[i + baseH, j + baseW]}: its whole row of the column matrix
 * is the phase plane shifted by {@code baseH·outW + baseW}, one contiguous copy. The positions where that shift
 * leaves the grid ({@code i + baseH} outside {@code [0, outH)} or {@code j + baseW} outside {@code [0, outW)},
 * where the flat copy would wrap into a neighbouring row) are <em>fix-ups</em>, read from the input directly; for the
 * usual geometries (a kernel about as wide as the stride plus padding) they are an edge of one row or column.
 *
 * <p>An instance holds a plan's tap geometry; it is immutable and safe to share between threads. Callers give the
 * scratch arrays ({@link #phaseSize()} elements for the planes, {@link #columnSize()} for the columns).
 */
final class Im2col {

    private final Conv2dPlan plan;
    private final Tap[] taps;
    /** The phases some tap reads, {@code (phaseRows[i], phaseColumns[i])}; a tap's {@code phase} indexes them. */
    private final int[] phaseRows;
    private final int[] phaseColumns;

    /**
     * A tap's place in the phase planes, the rectangle of output positions it can copy from them, and whether all
     * its fix-ups read padding (then they are zeros, and add nothing to the input gradient).
     */
    private record Tap(int offH, int offW, int phase, int shift, int iLo, int iHi, int jLo, int jHi,
                       boolean paddingOnly) {
    }

    /**
     * One run of fix-ups: column-matrix elements {@code rowStart + j} for output columns {@code j} in
     * {@code [j0, j1)}, which read input row {@code sourceRow} at columns {@code j·strideW + offW} (padding outside
     * the input).
     */
    @FunctionalInterface
    private interface FixUps {
        void visit(int rowStart, int sourceRow, int offW, int j0, int j1);
    }

    private Im2col(Conv2dPlan plan) {
        this.plan = plan;
        WindowAxis ha = plan.height();
        WindowAxis wa = plan.width();
        this.taps = new Tap[plan.taps()];
        int[] rows = new int[plan.taps()];
        int[] columns = new int[plan.taps()];
        int phases = 0;
        int oh = ha.outSize();
        int ow = wa.outSize();
        for (int kh = 0, t = 0; kh < ha.kernel(); kh++) {
            int offH = kh * ha.dilation() - ha.padding();
            int baseH = Math.floorDiv(offH, ha.stride());
            for (int kw = 0; kw < wa.kernel(); kw++, t++) {
                int offW = kw * wa.dilation() - wa.padding();
                int baseW = Math.floorDiv(offW, wa.stride());
                int u = Math.floorMod(offH, ha.stride());
                int v = Math.floorMod(offW, wa.stride());
                int phase = 0;
                while (phase < phases && (rows[phase] != u || columns[phase] != v)) {
                    phase++;
                }
                if (phase == phases) {
                    rows[phase] = u;
                    columns[phase] = v;
                    phases++;
                }
                int iLo = clamp(-baseH, oh);
                int iHi = Math.max(iLo, clamp(oh - baseH, oh));
                int jLo = clamp(-baseW, ow);
                int jHi = Math.max(jLo, clamp(ow - baseW, ow));
                boolean paddingOnly = readsPaddingOutside(ha, offH, iLo, iHi)
                        && readsPaddingOutside(wa, offW, jLo, jHi);
                taps[t] = new Tap(offH, offW, phase, baseH * ow + baseW, iLo, iHi, jLo, jHi, paddingOnly);
            }
        }
        this.phaseRows = Arrays.copyOf(rows, phases);
        this.phaseColumns = Arrays.copyOf(columns, phases);
    }

    /** The column transform of a plan. */
    static Im2col of(Conv2dPlan plan) {
        return new Im2col(plan);
    }

    /** Whether every output position outside {@code [lo, hi)} reads padding on this axis at offset {@code off}. */
    private static boolean readsPaddingOutside(WindowAxis axis, int off, int lo, int hi) {
        for (int o = 0; o < axis.outSize(); o++) {
            int source = o * axis.stride() + off;
            if ((o < lo || o >= hi) && source >= 0 && source < axis.size()) {
                return false;
            }
        }
        return true;
    }

    private static int clamp(int v, int hi) {
        return Math.min(Math.max(v, 0), hi);
    }

    /** Elements of one sample's phase planes: {@code inChannels·phases·outH·outW}, at most {@link #columnSize()}. */
    int phaseSize() {
        return plan.inChannels() * phaseRows.length * plan.outPlane();
    }

    /** Elements of one sample's column matrix: {@code inChannels·kH·kW·outH·outW}. */
    int columnSize() {
        return plan.inChannels() * plan.taps() * plan.outPlane();
    }

    /** The offset of tap {@code tap}'s phase plane of channel {@code c}. */
    private int planeOffset(int c, Tap tap) {
        return (c * phaseRows.length + tap.phase) * plan.outPlane();
    }

    /** The copied range of a tap's row: output positions {@code q} with {@code 0 <= q + shift < plane}. */
    private int copyStart(Tap tap) {
        return Math.max(0, -tap.shift);
    }

    private int copyEnd(Tap tap) {
        return Math.min(plan.outPlane(), plan.outPlane() - tap.shift);
    }

    /** Visits the fix-ups of tap {@code tap} in the row of the column matrix starting at {@code rowStart}. */
    private void forEachFixUp(Tap tap, int rowStart, FixUps fix) {
        WindowAxis ha = plan.height();
        int oh = ha.outSize();
        int ow = plan.width().outSize();
        for (int i = 0; i < oh; i++) {
            int e = rowStart + i * ow;
            int h = i * ha.stride() + tap.offH;
            if (i < tap.iLo || i >= tap.iHi) {
                fix.visit(e, h, tap.offW, 0, ow);
            } else if (tap.jLo > 0 || tap.jHi < ow) {
                fix.visit(e, h, tap.offW, 0, tap.jLo);
                fix.visit(e, h, tap.offW, tap.jHi, ow);
            }
        }
    }

    /**
     * Writes the columns of the sample at {@code xOff} of x into {@code cols} (all {@link #columnSize()} elements),
     * using {@code phases} as scratch.
     */
    void columns(float[] x, int xOff, float[] phases, float[] cols) {
        split(x, xOff, phases);
        int plane = plan.outPlane();
        int inH = plan.height().size();
        int inW = plan.width().size();
        int sw = plan.width().stride();
        for (int c = 0, row = 0; c < plan.inChannels(); c++) {
            int channel = xOff + c * inH * inW;
            for (Tap tap : taps) {
                int d = row++ * plane;
                int lo = copyStart(tap);
                int hi = copyEnd(tap);
                if (hi > lo) {
                    System.arraycopy(phases, planeOffset(c, tap) + lo + tap.shift, cols, d + lo, hi - lo);
                }
                if (tap.paddingOnly) {
                    zeroFixUps(tap, d, cols);
                } else {
                    forEachFixUp(tap, d, (e, h, offW, j0, j1) -> {
                        boolean inside = h >= 0 && h < inH;
                        int src = channel + h * inW;
                        for (int j = j0; j < j1; j++) {
                            int w = j * sw + offW;
                            cols[e + j] = inside && w >= 0 && w < inW ? x[src + w] : 0f;
                        }
                    });
                }
            }
        }
    }

    /**
     * Adds the columns back into the sample at {@code dxOff} of dx: the adjoint of {@link #columns}. Uses
     * {@code phases} as scratch and overwrites the fix-up positions of {@code cols} with zeros.
     */
    void accumulate(float[] cols, float[] phases, float[] dx, int dxOff) {
        Arrays.fill(phases, 0, phaseSize(), 0f);
        int plane = plan.outPlane();
        int inH = plan.height().size();
        int inW = plan.width().size();
        int sw = plan.width().stride();
        for (int c = 0, row = 0; c < plan.inChannels(); c++) {
            int channel = dxOff + c * inH * inW;
            for (Tap tap : taps) {
                int d = row++ * plane;
                if (tap.paddingOnly) {
                    zeroFixUps(tap, d, cols);
                } else {
                    forEachFixUp(tap, d, (e, h, offW, j0, j1) -> {
                        boolean inside = h >= 0 && h < inH;
                        int dst = channel + h * inW;
                        for (int j = j0; j < j1; j++) {
                            int w = j * sw + offW;
                            if (inside && w >= 0 && w < inW) {
                                dx[dst + w] += cols[e + j];
                            }
                            cols[e + j] = 0f;
                        }
                    });
                }
                int src = d - planeOffset(c, tap) - tap.shift;
                for (int q = planeOffset(c, tap) + tap.shift + copyStart(tap), end = q + copyEnd(tap) - copyStart(tap);
                     q < end; q++) {
                    phases[q] += cols[src + q];
                }
            }
        }
        merge(phases, dx, dxOff);
    }

    /** Zeros the fix-ups of a {@link Tap#paddingOnly} tap in the row starting at {@code rowStart}. */
    private void zeroFixUps(Tap tap, int rowStart, float[] cols) {
        int oh = plan.height().outSize();
        int ow = plan.width().outSize();
        Arrays.fill(cols, rowStart, rowStart + tap.iLo * ow, 0f);
        Arrays.fill(cols, rowStart + tap.iHi * ow, rowStart + oh * ow, 0f);
        if (tap.jLo > 0 || tap.jHi < ow) {
            for (int i = tap.iLo, e = rowStart + i * ow; i < tap.iHi; i++, e += ow) {
                for (int j = 0; j < tap.jLo; j++) {
                    cols[e + j] = 0f;
                }
                for (int j = tap.jHi; j < ow; j++) {
                    cols[e + j] = 0f;
                }
            }
        }
    }

    /** {@link #columns} in float64. */
    void columns(double[] x, int xOff, double[] phases, double[] cols) {
        split(x, xOff, phases);
        int plane = plan.outPlane();
        int inH = plan.height().size();
        int inW = plan.width().size();
        int sw = plan.width().stride();
        for (int c = 0, row = 0; c < plan.inChannels(); c++) {
            int channel = xOff + c * inH * inW;
            for (Tap tap : taps) {
                int d = row++ * plane;
                int lo = copyStart(tap);
                int hi = copyEnd(tap);
                if (hi > lo) {
                    System.arraycopy(phases, planeOffset(c, tap) + lo + tap.shift, cols, d + lo, hi - lo);
                }
                if (tap.paddingOnly) {
                    zeroFixUps(tap, d, cols);
                } else {
                    forEachFixUp(tap, d, (e, h, offW, j0, j1) -> {
                        boolean inside = h >= 0 && h < inH;
                        int src = channel + h * inW;
                        for (int j = j0; j < j1; j++) {
                            int w = j * sw + offW;
                            cols[e + j] = inside && w >= 0 && w < inW ? x[src + w] : 0.0;
                        }
                    });
                }
            }
        }
    }

    /** {@link #accumulate} in float64. */
    void accumulate(double[] cols, double[] phases, double[] dx, int dxOff) {
        Arrays.fill(phases, 0, phaseSize(), 0.0);
        int plane = plan.outPlane();
        int inH = plan.height().size();
        int inW = plan.width().size();
        int sw = plan.width().stride();
        for (int c = 0, row = 0; c < plan.inChannels(); c++) {
            int channel = dxOff + c * inH * inW;
            for (Tap tap : taps) {
                int d = row++ * plane;
                if (tap.paddingOnly) {
                    zeroFixUps(tap, d, cols);
                } else {
                    forEachFixUp(tap, d, (e, h, offW, j0, j1) -> {
                        boolean inside = h >= 0 && h < inH;
                        int dst = channel + h * inW;
                        for (int j = j0; j < j1; j++) {
                            int w = j * sw + offW;
                            if (inside && w >= 0 && w < inW) {
                                dx[dst + w] += cols[e + j];
                            }
                            cols[e + j] = 0.0;
                        }
                    });
                }
                int src = d - planeOffset(c, tap) - tap.shift;
                for (int q = planeOffset(c, tap) + tap.shift + copyStart(tap), end = q + copyEnd(tap) - copyStart(tap);
                     q < end; q++) {
                    phases[q] += cols[src + q];
                }
            }
        }
        merge(phases, dx, dxOff);
    }

    /** {@link #zeroFixUps} in float64. */
    private void zeroFixUps(Tap tap, int rowStart, double[] cols) {
        int oh = plan.height().outSize();
        int ow = plan.width().outSize();
        Arrays.fill(cols, rowStart, rowStart + tap.iLo * ow, 0.0);
        Arrays.fill(cols, rowStart + tap.iHi * ow, rowStart + oh * ow, 0.0);
        if (tap.jLo > 0 || tap.jHi < ow) {
            for (int i = tap.iLo, e = rowStart + i * ow; i < tap.iHi; i++, e += ow) {
                for (int j = 0; j < tap.jLo; j++) {
                    cols[e + j] = 0.0;
                }
                for (int j = tap.jHi; j < ow; j++) {
                    cols[e + j] = 0.0;
                }
            }
        }
    }

    /** One row of a phase plane: {@code phases[d ..)} holds {@code n} input elements {@code x[src + b·strideW]}. */
    @FunctionalInterface
    private interface PhaseRow {
        void visit(int d, int src, int n);
    }

    /**
     * Visits every row of the sample's phase planes in order ({@code d} advancing by outW), with the offset of its
     * first input element relative to {@code sampleOffset} and how many of its elements lie inside the input (the
     * rest, and rows below the input, are padding).
     */
    private void forEachPhaseRow(int sampleOffset, PhaseRow row) {
        WindowAxis ha = plan.height();
        WindowAxis wa = plan.width();
        int d = 0;
        for (int c = 0; c < plan.inChannels(); c++) {
            for (int p = 0; p < phaseRows.length; p++) {
                int u = phaseRows[p];
                int v = phaseColumns[p];
                int width = phaseWidth(v);
                for (int a = 0; a < ha.outSize(); a++, d += wa.outSize()) {
                    int h = a * ha.stride() + u;
                    row.visit(d, sampleOffset + (c * ha.size() + h) * wa.size() + v, h < ha.size() ? width : 0);
                }
            }
        }
    }

    /** The phase planes of the sample at {@code xOff}. */
    private void split(float[] x, int xOff, float[] phases) {
        int sw = plan.width().stride();
        int ow = plan.width().outSize();
        forEachPhaseRow(xOff, (d, src, n) -> {
            for (int b = 0; b < n; b++) {
                phases[d + b] = x[src + b * sw];
            }
            Arrays.fill(phases, d + n, d + ow, 0f);
        });
    }

    /** Adds the phase planes into the sample at {@code dxOff} of dx: the adjoint of {@link #split}. */
    private void merge(float[] phases, float[] dx, int dxOff) {
        int sw = plan.width().stride();
        forEachPhaseRow(dxOff, (d, dst, n) -> {
            for (int b = 0; b < n; b++) {
                dx[dst + b * sw] += phases[d + b];
            }
        });
    }

    /** {@link #split} in float64. */
    private void split(double[] x, int xOff, double[] phases) {
        int sw = plan.width().stride();
        int ow = plan.width().outSize();
        forEachPhaseRow(xOff, (d, src, n) -> {
            for (int b = 0; b < n; b++) {
                phases[d + b] = x[src + b * sw];
            }
            Arrays.fill(phases, d + n, d + ow, 0.0);
        });
    }

    /** {@link #merge} in float64. */
    private void merge(double[] phases, double[] dx, int dxOff) {
        int sw = plan.width().stride();
        forEachPhaseRow(dxOff, (d, dst, n) -> {
            for (int b = 0; b < n; b++) {
                dx[dst + b * sw] += phases[d + b];
            }
        });
    }

    /** The elements of phase column {@code v} inside the input, at most outW: {@code b·sW + v < inW}. */
    private int phaseWidth(int v) {
        WindowAxis wa = plan.width();
        return clamp(Math.floorDiv(wa.size() - v + wa.stride() - 1, wa.stride()), wa.outSize());
    }
}
