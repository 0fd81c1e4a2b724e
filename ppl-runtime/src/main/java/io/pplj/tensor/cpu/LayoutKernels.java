package io.pplj.tensor.cpu;

import io.pplj.tensor.Shapes;

/**
 * Copies that rearrange elements: strided gathers (permute, expand, narrow), concatenation, index selection and
 * its adjoint, gather, scatter-add and one-hot encoding. Element arrays are handled as {@code Object}s where
 * {@link System#arraycopy} does the work, and per type where values are added.
 */
final class LayoutKernels {

    private LayoutKernels() {
    }

    /** {@code out[i] = x[offset + sum_d i_d strides[d]]} over the row-major indices of outShape. */
    static void strided(Object x, int offset, int[] strides, int[] outShape, Object out, Parallel par) {
        int rank = outShape.length;
        int len = rank == 0 ? 1 : outShape[rank - 1];
        int step = rank == 0 ? 0 : strides[rank - 1];
        int numel = Shapes.numel(outShape);
        if (numel == 0) {
            return;
        }
        int rows = numel / len;
        par.forRange(rows, len, (from, to) -> {
            int[] index = new int[Math.max(rank - 1, 0)];
            int src = offset;
            int rest = from;
            for (int d = rank - 2; d >= 0; d--) {
                index[d] = rest % outShape[d];
                rest /= outShape[d];
                src += index[d] * strides[d];
            }
            for (int r = from; r < to; r++) {
                copyRow(x, src, step, out, r * len, len);
                for (int d = rank - 2; d >= 0; d--) {
                    src += strides[d];
                    if (++index[d] < outShape[d]) {
                        break;
                    }
                    src -= index[d] * strides[d];
                    index[d] = 0;
                }
            }
        });
    }

    private static void copyRow(Object x, int src, int step, Object out, int dst, int n) {
        if (step == 1) {
            System.arraycopy(x, src, out, dst, n);
        } else if (x instanceof float[]) {
            float[] a = (float[]) x;
            float[] o = (float[]) out;
            for (int i = 0; i < n; i++) {
                o[dst + i] = a[src + i * step];
            }
        } else if (x instanceof double[]) {
            double[] a = (double[]) x;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) {
                o[dst + i] = a[src + i * step];
            }
        } else if (x instanceof long[]) {
            long[] a = (long[]) x;
            long[] o = (long[]) out;
            for (int i = 0; i < n; i++) {
                o[dst + i] = a[src + i * step];
            }
        } else {
            boolean[] a = (boolean[]) x;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) {
                o[dst + i] = a[src + i * step];
            }
        }
    }

    static void concat(Object[] parts, int outer, int[] widths, Object out) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        for (int o = 0; o < outer; o++) {
            int dst = o * total;
            for (int i = 0; i < parts.length; i++) {
                System.arraycopy(parts[i], o * widths[i], out, dst, widths[i]);
                dst += widths[i];
            }
        }
    }

    static void indexSelect(Object x, int outer, int n, int inner, long[] index, int dim, Object out) {
        int m = index.length;
        for (int j = 0; j < m; j++) {
            checkIndex("indexSelect", index[j], dim, n);
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, (o * n + (int) index[j]) * inner, out, (o * m + j) * inner, inner);
            }
        }
    }

    /** Adds the rows of src ({@code [outer, index.length, inner]}) into out ({@code [outer, n, inner]}). */
    static void indexAdd(Object src, int outer, int n, int inner, long[] index, int dim, Object out) {
        int m = index.length;
        for (int j = 0; j < m; j++) {
            checkIndex("indexAdd", index[j], dim, n);
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                addRow(src, (o * m + j) * inner, out, (o * n + (int) index[j]) * inner, inner);
            }
        }
    }

    private static void addRow(Object src, int so, Object out, int oo, int n) {
        if (src instanceof float[]) {
            float[] s = (float[]) src;
            float[] o = (float[]) out;
            for (int i = 0; i < n; i++) {
                o[oo + i] += s[so + i];
            }
        } else if (src instanceof double[]) {
            double[] s = (double[]) src;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) {
                o[oo + i] += s[so + i];
            }
        } else {
            long[] s = (long[]) src;
            long[] o = (long[]) out;
            for (int i = 0; i < n; i++) {
                o[oo + i] += s[so + i];
            }
        }
    }

    /**
     * For every index position {@code i} of indexShape, the flat offset in a tensor of shape {@code shape} of
     * {@code i with i[dim] := index[i]}; validates the index values.
     */
    static int[] scatterOffsets(String op, int[] shape, int dim, long[] index, int[] indexShape) {
        int rank = shape.length;
        int[] strides = Shapes.strides(shape);
        int[] offsets = new int[index.length];
        int[] pos = new int[rank];
        int size = shape[dim];
        for (int i = 0; i < index.length; i++) {
            long k = index[i];
            checkIndex(op, k, dim, size);
            int off = (int) k * strides[dim];
            for (int d = 0; d < rank; d++) {
                if (d != dim) {
                    off += pos[d] * strides[d];
                }
            }
            offsets[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < indexShape[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return offsets;
    }

    /** {@code out[i] = x[offsets[i]]}. */
    static void take(Object x, int[] offsets, Object out) {
        int n = offsets.length;
        if (x instanceof float[]) {
            float[] a = (float[]) x;
            float[] o = (float[]) out;
            for (int i = 0; i < n; i++) {
                o[i] = a[offsets[i]];
            }
        } else if (x instanceof double[]) {
            double[] a = (double[]) x;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) {
                o[i] = a[offsets[i]];
            }
        } else if (x instanceof long[]) {
            long[] a = (long[]) x;
            long[] o = (long[]) out;
            for (int i = 0; i < n; i++) {
                o[i] = a[offsets[i]];
            }
        } else {
            boolean[] a = (boolean[]) x;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) {
                o[i] = a[offsets[i]];
            }
        }
    }

    /** {@code out[offsets[i]] += src[i]} on a copy of the base already in out. */
    static void addAt(Object src, int[] offsets, Object out) {
        int n = offsets.length;
        if (src instanceof float[]) {
            float[] s = (float[]) src;
            float[] o = (float[]) out;
            for (int i = 0; i < n; i++) {
                o[offsets[i]] += s[i];
            }
        } else if (src instanceof double[]) {
            double[] s = (double[]) src;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) {
                o[offsets[i]] += s[i];
            }
        } else {
            long[] s = (long[]) src;
            long[] o = (long[]) out;
            for (int i = 0; i < n; i++) {
                o[offsets[i]] += s[i];
            }
        }
    }

    /** Positions of the ones of a one-hot encoding, validating the class indices. */
    static int[] oneHotPositions(long[] index, int classes) {
        int[] pos = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            checkIndex("oneHot", index[i], -1, classes);
            pos[i] = i * classes + (int) index[i];
        }
        return pos;
    }

    static void checkIndex(String op, long k, int dim, int size) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + k + " is out of range for dim " + dim + " of size "
                    + size);
        }
    }
}
