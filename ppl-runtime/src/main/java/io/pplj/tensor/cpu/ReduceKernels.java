package io.pplj.tensor.cpu;

import io.pplj.tensor.ReduceOp;

/**
 * Reductions over the middle axis of {@code [outer, n, inner]}. Float sums and products accumulate in double
 * precision; maxima and minima propagate NaN.
 */
final class ReduceKernels {

    private ReduceKernels() {
    }

    /**
     * Chunks for column sums: one per thread. Each chunk adds its columns' part of every row into an accumulator, so
     * more chunks mean shorter vector loops: with four per thread (98 of w4's 784 columns each) the sums took
     * 0.45-0.52 ms per w4 step's pair of bias gradients against 0.32-0.36 ms with one per thread.
     */
    private static int columnChunks(int columns, Parallel par) {
        return Math.min(columns, par.threads());
    }

    static void f32(ReduceOp op, float[] x, float[] o, int outer, int n, int inner, Parallel par) {
        if (op == ReduceOp.SUM && inner > 1) {
            par.forChunks(outer * inner, n, columnChunks(outer * inner, par), (from, to) -> columnSumsF32(x, o, n,
                    inner, from, to));
            return;
        }
        par.forRange(outer * inner, n, (from, to) -> {
            for (int t = from; t < to; t++) {
                int base = (t / inner) * n * inner + t % inner;
                o[t] = (float) lineF32(op, x, base, n, inner);
            }
        });
    }

    static void f64(ReduceOp op, double[] x, double[] o, int outer, int n, int inner, Parallel par) {
        if (op == ReduceOp.SUM && inner > 1) {
            par.forChunks(outer * inner, n, columnChunks(outer * inner, par), (from, to) -> columnSumsF64(x, o, n,
                    inner, from, to));
            return;
        }
        par.forRange(outer * inner, n, (from, to) -> {
            for (int t = from; t < to; t++) {
                int base = (t / inner) * n * inner + t % inner;
                o[t] = lineF64(op, x, base, n, inner);
            }
        });
    }

    static void i64(ReduceOp op, long[] x, long[] o, int outer, int n, int inner) {
        for (int t = 0; t < outer * inner; t++) {
            int base = (t / inner) * n * inner + t % inner;
            long acc = op == ReduceOp.SUM ? 0 : op == ReduceOp.PROD ? 1 : x[base];
            for (int j = 0; j < n; j++) {
                long v = x[base + j * inner];
                switch (op) {
                    case SUM: acc += v; break;
                    case PROD: acc *= v; break;
                    case MAX: acc = Math.max(acc, v); break;
                    default: acc = Math.min(acc, v); break;
                }
            }
            o[t] = acc;
        }
    }

    /** Outputs [from, to) of a sum with inner > 1, walking each block's rows contiguously. */
    private static void columnSumsF32(float[] x, float[] o, int n, int inner, int from, int to) {
        int t = from;
        while (t < to) {
            int block = t / inner;
            int i0 = t % inner;
            int i1 = Math.min(inner, i0 + (to - t));
            double[] acc = new double[i1 - i0];
            int base = block * n * inner;
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = i0; i < i1; i++) {
                    acc[i - i0] += x[row + i];
                }
            }
            for (int i = i0; i < i1; i++) {
                o[block * inner + i] = (float) acc[i - i0];
            }
            t += i1 - i0;
        }
    }

    private static void columnSumsF64(double[] x, double[] o, int n, int inner, int from, int to) {
        int t = from;
        while (t < to) {
            int block = t / inner;
            int i0 = t % inner;
            int i1 = Math.min(inner, i0 + (to - t));
            int base = block * n * inner;
            for (int i = i0; i < i1; i++) {
                o[block * inner + i] = 0.0;
            }
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = i0; i < i1; i++) {
                    o[block * inner + i] += x[row + i];
                }
            }
            t += i1 - i0;
        }
    }

    private static double lineF32(ReduceOp op, float[] x, int base, int n, int stride) {
        switch (op) {
            case SUM: {
                if (stride == 1) {
                    return sumF32(x, base, n);
                }
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += x[base + j * stride];
                }
                return s;
            }
            case PROD: {
                double p = 1.0;
                for (int j = 0; j < n; j++) {
                    p *= x[base + j * stride];
                }
                return p;
            }
            case MAX: {
                if (stride == 1) {
                    return maxF32(x, base, n);
                }
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    m = Math.max(m, x[base + j * stride]);
                }
                return m;
            }
            default: {
                if (stride == 1) {
                    return minF32(x, base, n);
                }
                float m = Float.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    m = Math.min(m, x[base + j * stride]);
                }
                return m;
            }
        }
    }

    /**
     * The float64 sum of a contiguous run with four independent chains, so the addition's latency is paid once per
     * four elements instead of once per element (a different grouping of float64 additions than one chain: the
     * float32 result can differ from it in the last place, for sums whose float64 rounding errors reach it).
     */
    private static double sumF32(float[] x, int base, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += x[base + j];
            s1 += x[base + j + 1];
            s2 += x[base + j + 2];
            s3 += x[base + j + 3];
        }
        for (; j < n; j++) {
            s0 += x[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The maximum of a contiguous run with four independent chains, so the comparison's latency is paid once per
     * four elements ({@code Math.max} propagates NaN and orders -0 below +0, in any grouping).
     */
    private static float maxF32(float[] x, int base, int n) {
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = m0;
        float m2 = m0;
        float m3 = m0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            m0 = Math.max(m0, x[base + j]);
            m1 = Math.max(m1, x[base + j + 1]);
            m2 = Math.max(m2, x[base + j + 2]);
            m3 = Math.max(m3, x[base + j + 3]);
        }
        for (; j < n; j++) {
            m0 = Math.max(m0, x[base + j]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** The minimum of a contiguous run, four chains as in {@link #maxF32}. */
    private static float minF32(float[] x, int base, int n) {
        float m0 = Float.POSITIVE_INFINITY;
        float m1 = m0;
        float m2 = m0;
        float m3 = m0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            m0 = Math.min(m0, x[base + j]);
            m1 = Math.min(m1, x[base + j + 1]);
            m2 = Math.min(m2, x[base + j + 2]);
            m3 = Math.min(m3, x[base + j + 3]);
        }
        for (; j < n; j++) {
            m0 = Math.min(m0, x[base + j]);
        }
        return Math.min(Math.min(m0, m1), Math.min(m2, m3));
    }

    private static double lineF64(ReduceOp op, double[] x, int base, int n, int stride) {
        double acc = op == ReduceOp.SUM ? 0.0 : op == ReduceOp.PROD ? 1.0
                : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = x[base + j * stride];
            switch (op) {
                case SUM: acc += v; break;
                case PROD: acc *= v; break;
                case MAX: acc = Math.max(acc, v); break;
                default: acc = Math.min(acc, v); break;
            }
        }
        return acc;
    }

    /** Whether element {@code i} beats element {@code j} as an extreme. */
    @FunctionalInterface
    interface Beats {
        boolean test(int i, int j);
    }

    /**
     * The extreme-beats relation for argmax ({@code max}) or argmin over a storage: exact for int64, NaN beating
     * every number for floating types (as in PyTorch).
     */
    static Beats beats(CpuStorage s, boolean max) {
        if (s.dtype() == io.pplj.tensor.DType.INT64) {
            long[] v = s.i64();
            return max ? (i, j) -> v[i] > v[j] : (i, j) -> v[i] < v[j];
        }
        double[] v = Casts.toDoubles(s);
        return (i, j) -> Double.isNaN(v[i]) ? !Double.isNaN(v[j]) : !Double.isNaN(v[j]) && (max ? v[i] > v[j]
                : v[i] < v[j]);
    }

    /** The ascending order relation: exact for int64, NaN after every number for floating types. */
    static Beats less(CpuStorage s) {
        if (s.dtype() == io.pplj.tensor.DType.INT64) {
            long[] v = s.i64();
            return (i, j) -> v[i] < v[j];
        }
        double[] v = Casts.toDoubles(s);
        return (i, j) -> !Double.isNaN(v[i]) && (Double.isNaN(v[j]) || v[i] < v[j]);
    }

    /** Index of the first extreme of each line (along the middle axis of {@code [outer, n, inner]}). */
    static long[] argReduce(Beats beats, int outer, int n, int inner) {
        long[] o = new long[outer * inner];
        for (int t = 0; t < o.length; t++) {
            int base = (t / inner) * n * inner + t % inner;
            int best = base;
            for (int j = 1; j < n; j++) {
                int idx = base + j * inner;
                if (beats.test(idx, best)) {
                    best = idx;
                }
            }
            o[t] = (best - base) / inner;
        }
        return o;
    }

    /** Stable ascending sort order of each line, using {@code less(i, j)} (NaN counts as largest for floats). */
    static long[] argsort(Beats less, int outer, int n, int inner) {
        long[] o = new long[outer * n * inner];
        Integer[] order = new Integer[n];
        for (int t = 0; t < outer * inner; t++) {
            int base = (t / inner) * n * inner + t % inner;
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int ia = base + a * inner;
                int ib = base + b * inner;
                return less.test(ia, ib) ? -1 : less.test(ib, ia) ? 1 : 0;
            });
            for (int j = 0; j < n; j++) {
                o[base + j * inner] = order[j];
            }
        }
        return o;
    }

    /** Exact running sums or products of int64 lines. */
    static long[] scanLong(boolean product, long[] x, int outer, int n, int inner, boolean reverse,
                           boolean exclusive) {
        long[] o = new long[x.length];
        for (int t = 0; t < outer * inner; t++) {
            int base = (t / inner) * n * inner + t % inner;
            long acc = product ? 1L : 0L;
            for (int j = 0; j < n; j++) {
                int idx = base + (reverse ? n - 1 - j : j) * inner;
                if (exclusive) {
                    o[idx] = acc;
                }
                acc = product ? acc * x[idx] : acc + x[idx];
                if (!exclusive) {
                    o[idx] = acc;
                }
            }
        }
        return o;
    }

    /** Running sums or products of each line, in double precision. */
    static double[] scan(boolean product, double[] x, int outer, int n, int inner, boolean reverse,
                         boolean exclusive) {
        double[] o = new double[x.length];
        for (int t = 0; t < outer * inner; t++) {
            int base = (t / inner) * n * inner + t % inner;
            double acc = product ? 1.0 : 0.0;
            for (int j = 0; j < n; j++) {
                int idx = base + (reverse ? n - 1 - j : j) * inner;
                double v = x[idx];
                if (exclusive) {
                    o[idx] = acc;
                }
                acc = product ? acc * v : acc + v;
                if (!exclusive) {
                    o[idx] = acc;
                }
            }
        }
        return o;
    }
}
