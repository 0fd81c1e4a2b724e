package io.pplj.tensor;

import java.util.Locale;

/** PyTorch-style text for tensors; dimensions longer than {@value #EDGE_LIMIT} show their ends only. */
final class TensorFormat {

    private static final int EDGE_LIMIT = 6;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] values = t.toDoubleArray();
        StringBuilder sb = new StringBuilder("tensor(");
        appendDim(sb, values, t.shapeRef(), 0, 0, t.dtype(), floatPattern(values));
        sb.append(", dtype=").append(t.dtype());
        if (t.requiresGrad()) {
            sb.append(t.isLeaf() ? ", requiresGrad=true" : ", gradFn=" + t.node.name());
        }
        return sb.append(')').toString();
    }

    /** One pattern for all elements, as PyTorch: integral values with one decimal, else 4 decimals or scientific. */
    private static String floatPattern(double[] values) {
        boolean integral = true;
        double maxAbs = 0.0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                integral &= v == Math.rint(v);
                maxAbs = Math.max(maxAbs, Math.abs(v));
                if (v != 0.0) {
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
        }
        if (maxAbs >= 1e8 || (!integral && minAbs < 1e-4)) {
            return "%.4e";
        }
        return integral ? "%.1f" : "%.4f";
    }

    private static void appendDim(StringBuilder sb, double[] values, int[] shape, int dim, int offset, DType dtype,
                                  String pattern) {
        if (dim == shape.length) {
            sb.append(element(values[offset], dtype, pattern));
            return;
        }
        int size = shape[dim];
        int stride = Shapes.prod(shape, dim + 1, shape.length);
        sb.append('[');
        for (int i = 0; i < size; i++) {
            if (size > EDGE_LIMIT && i == EDGE) {
                sb.append("..., ");
                i = size - EDGE;
            }
            appendDim(sb, values, shape, dim + 1, offset + i * stride, dtype, pattern);
            if (i < size - 1) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }

    private static String element(double v, DType dtype, String pattern) {
        switch (dtype) {
            case BOOL: return v != 0 ? "true" : "false";
            case INT64: return Long.toString((long) v);
            default: return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : Double.toString(v);
        }
    }
}
