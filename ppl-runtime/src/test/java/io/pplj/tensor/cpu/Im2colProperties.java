package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.WindowAxis;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The phase-plane column transform against its definition, element by element: {@link Im2col#columns} equals a
 * direct gather ({@code x[c, source(i, p), source(j, q)]} or 0 on padding) exactly, and {@link Im2col#accumulate}
 * equals the direct scatter-add exactly (on integer values, whose sums are exact in any order), in both precisions,
 * over generated geometries that include kernels wider than the stride plus padding, strides wider than the kernel,
 * padding wider than the kernel, dilation, and inputs larger than the output needs (a transposed convolution's
 * output padding); the phase planes never outgrow the column matrix, even for a stride far wider than the input.
 */
class Im2colProperties {

    /** One axis: input size, kernel, stride, padding, dilation and the output size used. */
    record Axis(int size, int kernel, int stride, int padding, int dilation, int out) {
        WindowAxis window() {
            return WindowAxis.of(size, kernel, stride, padding, dilation, out);
        }
    }

    record Case(int channels, Axis height, Axis width, long seed) {
        Conv2dPlan plan() {
            return Conv2dPlan.of(2, channels, 1, 1, height.window(), width.window());
        }
    }

    private static Axis axis(Random r) {
        int kernel = 1 + r.nextInt(5);
        int stride = 1 + r.nextInt(4);
        int padding = r.nextInt(5);
        int dilation = 1 + r.nextInt(3);
        int size = 1 + r.nextInt(12);
        int full = WindowAxis.outputSize(size, kernel, stride, padding, dilation);
        if (full < 1) {
            size += dilation * (kernel - 1) + 1 - full * stride;
            full = WindowAxis.outputSize(size, kernel, stride, padding, dilation);
        }
        int out = Math.max(1, full - r.nextInt(2));     // an input larger than the output needs, at times
        return new Axis(size, kernel, stride, padding, dilation, out);
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            return new Case(1 + r.nextInt(3), axis(r), axis(r), seed);
        });
    }

    private static double[] integers(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(201) - 100;
        }
        return v;
    }

    /** The element of the sample's input that column-matrix element (row, position) reads, or -1 on padding. */
    private static int source(Conv2dPlan p, int sampleOffset, int row, int position) {
        WindowAxis ha = p.height();
        WindowAxis wa = p.width();
        int c = row / p.taps();
        int kh = row % p.taps() / wa.kernel();
        int kw = row % wa.kernel();
        int h = ha.source(position / wa.outSize(), kh);
        int w = wa.source(position % wa.outSize(), kw);
        if (h < 0 || h >= ha.size() || w < 0 || w >= wa.size()) {
            return -1;
        }
        return sampleOffset + (c * ha.size() + h) * wa.size() + w;
    }

    private static double[] directColumns(Conv2dPlan p, double[] x, int sampleOffset) {
        int plane = p.outPlane();
        double[] cols = new double[p.inChannels() * p.taps() * plane];
        for (int e = 0; e < cols.length; e++) {
            int s = source(p, sampleOffset, e / plane, e % plane);
            cols[e] = s < 0 ? 0 : x[s];
        }
        return cols;
    }

    private static double[] directAccumulate(Conv2dPlan p, double[] cols, double[] dx, int sampleOffset) {
        double[] out = dx.clone();
        int plane = p.outPlane();
        for (int e = 0; e < cols.length; e++) {
            int s = source(p, sampleOffset, e / plane, e % plane);
            if (s >= 0) {
                out[s] += cols[e];
            }
        }
        return out;
    }

    @Property(tries = 400)
    void columnsAndTheirAdjointMatchTheDefinition(@ForAll("cases") Case c) {
        Conv2dPlan p = c.plan();
        Im2col im2col = Im2col.of(p);
        double[] x = integers(p.inputSize(), c.seed());
        double[] g = integers(im2col.columnSize(), c.seed() + 1);
        double[] dx = integers(p.inputSize(), c.seed() + 2);
        int second = p.inChannels() * p.inPlane();          // the second sample, so offsets are exercised
        double[] expectedColumns = directColumns(p, x, second);
        double[] expectedDx = directAccumulate(p, g, dx, second);

        assertTrue(im2col.phaseSize() <= im2col.columnSize(), "phase planes larger than the columns: " + c);
        double[] cols = new double[im2col.columnSize()];
        Arrays.fill(cols, Double.NaN);
        double[] phases = new double[im2col.phaseSize()];
        Arrays.fill(phases, Double.NaN);
        im2col.columns(x, second, phases, cols);
        assertArrayEquals(expectedColumns, cols, 0.0, c::toString);
        double[] dx64 = dx.clone();
        im2col.accumulate(g.clone(), phases, dx64, second);
        assertArrayEquals(expectedDx, dx64, 0.0, c::toString);

        float[] cols32 = new float[im2col.columnSize()];
        Arrays.fill(cols32, Float.NaN);
        float[] phases32 = new float[im2col.phaseSize()];
        Arrays.fill(phases32, Float.NaN);
        im2col.columns(ConvKernelsTest.floats(x), second, phases32, cols32);
        assertArrayEquals(ConvKernelsTest.floats(expectedColumns), cols32, 0f, c::toString);
        float[] dx32 = ConvKernelsTest.floats(dx);
        im2col.accumulate(ConvKernelsTest.floats(g), phases32, dx32, second);
        assertArrayEquals(ConvKernelsTest.floats(expectedDx), dx32, 0f, c::toString);
    }

    /** Strides far wider than the input or the kernel: only the phases a tap reads are built. */
    @Example
    void stridesWiderThanTheKernelBuildOnlyThePhasesRead() {
        Axis lone = new Axis(1, 1, 65536, 0, 1, 1);
        columnsAndTheirAdjointMatchTheDefinition(new Case(2, lone, lone, 1));
        Axis downsample = new Axis(9, 1, 3, 0, 1, 3);
        Im2col im2col = Im2col.of(new Case(2, downsample, downsample, 2).plan());
        assertEquals(2 * 9, im2col.phaseSize());     // one phase of 3 x 3 per channel, not nine
        columnsAndTheirAdjointMatchTheDefinition(new Case(2, downsample, downsample, 2));
    }

    @Example
    void w5LayersMatchTheDefinition() {
        // kernel 4, stride 2, padding 1: the taps at the edges shift their phase plane by one row or column
        for (int size : new int[] {64, 32, 16, 8}) {
            Axis a = new Axis(size, 4, 2, 1, 1, size / 2);
            columnsAndTheirAdjointMatchTheDefinition(new Case(3, a, a, size));
        }
    }
}
