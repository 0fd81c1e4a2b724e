package io.pplj.tensor.cpu;

import io.pplj.tensor.ScalarOp;

/**
 * {@code o[oo + i] = x[xo + i] op s} for {@code i < n}: the tensor-with-scalar operations, also used for the rows of a
 * broadcast binary operation in which one operand is constant along the row.
 */
final class ScalarKernels {

    private ScalarKernels() {
    }

    static void f32(ScalarOp op, float[] x, int xo, float s, float[] o, int oo, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] + s; } break;
            case SUB: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] - s; } break;
            case RSUB: for (int i = 0; i < n; i++) { o[oo + i] = s - x[xo + i]; } break;
            case MUL: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] * s; } break;
            case DIV: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] / s; } break;
            case RDIV: for (int i = 0; i < n; i++) { o[oo + i] = s / x[xo + i]; } break;
            case POW: powF32(x, xo, s, o, oo, n); break;
            case RPOW: for (int i = 0; i < n; i++) { o[oo + i] = (float) Math.pow(s, x[xo + i]); } break;
            case MAX: for (int i = 0; i < n; i++) { o[oo + i] = Math.max(x[xo + i], s); } break;
            case MIN: for (int i = 0; i < n; i++) { o[oo + i] = Math.min(x[xo + i], s); } break;
            default: throw new UnsupportedOperationException("cpu: scalar " + op);
        }
    }

    static void f64(ScalarOp op, double[] x, int xo, double s, double[] o, int oo, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] + s; } break;
            case SUB: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] - s; } break;
            case RSUB: for (int i = 0; i < n; i++) { o[oo + i] = s - x[xo + i]; } break;
            case MUL: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] * s; } break;
            case DIV: for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] / s; } break;
            case RDIV: for (int i = 0; i < n; i++) { o[oo + i] = s / x[xo + i]; } break;
            case POW: powF64(x, xo, s, o, oo, n); break;
            case RPOW: for (int i = 0; i < n; i++) { o[oo + i] = Math.pow(s, x[xo + i]); } break;
            case MAX: for (int i = 0; i < n; i++) { o[oo + i] = Math.max(x[xo + i], s); } break;
            case MIN: for (int i = 0; i < n; i++) { o[oo + i] = Math.min(x[xo + i], s); } break;
            default: throw new UnsupportedOperationException("cpu: scalar " + op);
        }
    }

    /** Powers with the common exponents 2, 1 and -1 without {@link Math#pow}. */
    private static void powF32(float[] x, int xo, float s, float[] o, int oo, int n) {
        if (s == 2f) {
            for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] * x[xo + i]; }
        } else if (s == 1f) {
            System.arraycopy(x, xo, o, oo, n);
        } else if (s == -1f) {
            for (int i = 0; i < n; i++) { o[oo + i] = 1f / x[xo + i]; }
        } else {
            for (int i = 0; i < n; i++) { o[oo + i] = (float) Math.pow(x[xo + i], s); }
        }
    }

    private static void powF64(double[] x, int xo, double s, double[] o, int oo, int n) {
        if (s == 2.0) {
            for (int i = 0; i < n; i++) { o[oo + i] = x[xo + i] * x[xo + i]; }
        } else if (s == 1.0) {
            System.arraycopy(x, xo, o, oo, n);
        } else if (s == -1.0) {
            for (int i = 0; i < n; i++) { o[oo + i] = 1.0 / x[xo + i]; }
        } else {
            for (int i = 0; i < n; i++) { o[oo + i] = Math.pow(x[xo + i], s); }
        }
    }
}
