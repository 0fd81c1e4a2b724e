package io.pplj.tensor.cpu;

import io.pplj.tensor.WindowAxis;

/**
 * Max and average pooling over {@code planes} row-major planes {@code [height.size, width.size]}, in double
 * precision (float32 inputs are widened exactly, so maxima and their positions are the same). Each plane is
 * independent; callers split planes over threads.
 */
final class PoolKernels {

    private PoolKernels() {
    }

    /** Positions (within the plane) of the window maxima of planes {@code from .. to}; a NaN wins, first on ties. */
    static void maxIndices(double[] x, WindowAxis ha, WindowAxis wa, long[] out, int from, int to) {
        int in = ha.size() * wa.size();
        int outPlane = ha.outSize() * wa.outSize();
        for (int plane = from; plane < to; plane++) {
            int base = plane * in;
            int k = plane * outPlane;
            for (int i = 0; i < ha.outSize(); i++) {
                for (int j = 0; j < wa.outSize(); j++, k++) {
                    int best = -1;
                    double max = 0;
                    for (int p = 0; p < ha.kernel(); p++) {
                        int h = ha.source(i, p);
                        if (h < 0 || h >= ha.size()) {
                            continue;
                        }
                        for (int q = 0; q < wa.kernel(); q++) {
                            int w = wa.source(j, q);
                            if (w < 0 || w >= wa.size()) {
                                continue;
                            }
                            double v = x[base + h * wa.size() + w];
                            if (best < 0 || v > max || (v != v && max == max)) {
                                best = h * wa.size() + w;
                                max = v;
                            }
                        }
                    }
                    if (best < 0) {
                        throw new IllegalStateException("maxPool2d: window (" + i + ", " + j + ") reads only padding"
                                + " (" + ha + ", " + wa + ")");
                    }
                    out[k] = best;
                }
            }
        }
    }

    /**
     * Window means of planes {@code from .. to} ({@code adjoint = false}: {@code y} from {@code x}), or their
     * adjoint ({@code adjoint = true}: each {@code y[k] / divisor} added over its window into {@code x}).
     */
    static void average(double[] x, double[] y, WindowAxis ha, WindowAxis wa, boolean includePad, boolean adjoint,
                        int from, int to) {
        int in = ha.size() * wa.size();
        int outPlane = ha.outSize() * wa.outSize();
        for (int plane = from; plane < to; plane++) {
            int base = plane * in;
            int k = plane * outPlane;
            for (int i = 0; i < ha.outSize(); i++) {
                int h0 = Math.max(ha.source(i, 0), 0);
                int h1 = Math.min(ha.source(i, ha.kernel() - 1) + 1, ha.size());
                for (int j = 0; j < wa.outSize(); j++, k++) {
                    int w0 = Math.max(wa.source(j, 0), 0);
                    int w1 = Math.min(wa.source(j, wa.kernel() - 1) + 1, wa.size());
                    int count = includePad ? ha.kernel() * wa.kernel() : (h1 - h0) * (w1 - w0);
                    if (adjoint) {
                        double share = y[k] / count;
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                x[base + h * wa.size() + w] += share;
                            }
                        }
                    } else {
                        double sum = 0;
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                sum += x[base + h * wa.size() + w];
                            }
                        }
                        y[k] = sum / count;
                    }
                }
            }
        }
    }
}
