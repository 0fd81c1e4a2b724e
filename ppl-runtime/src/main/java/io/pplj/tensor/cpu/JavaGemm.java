package io.pplj.tensor.cpu;

import io.pplj.tensor.MatmulPlan;

/**
 * Small matrix products in Java: transposed operands are first copied to row-major form, then the i-k-j loop, whose
 * inner loop the JIT vectorizes, accumulates {@code C += A[i][p] * B[p][:]}.
 */
final class JavaGemm {

    private JavaGemm() {
    }

    static void f32(float[] a, int ao, float[] b, int bo, float[] c, int co, MatmulPlan p) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        float[] aa = a;
        int aOff = ao;
        if (p.transA()) {
            aa = transposeF32(a, ao, k, m);
            aOff = 0;
        }
        float[] bb = b;
        int bOff = bo;
        if (p.transB()) {
            bb = transposeF32(b, bo, n, k);
            bOff = 0;
        }
        for (int i = 0; i < m; i++) {
            int crow = co + i * n;
            for (int q = 0; q < k; q++) {
                float aiq = aa[aOff + i * k + q];
                int brow = bOff + q * n;
                for (int j = 0; j < n; j++) {
                    c[crow + j] += aiq * bb[brow + j];
                }
            }
        }
    }

    static void f64(double[] a, int ao, double[] b, int bo, double[] c, int co, MatmulPlan p) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        double[] aa = a;
        int aOff = ao;
        if (p.transA()) {
            aa = transposeF64(a, ao, k, m);
            aOff = 0;
        }
        double[] bb = b;
        int bOff = bo;
        if (p.transB()) {
            bb = transposeF64(b, bo, n, k);
            bOff = 0;
        }
        for (int i = 0; i < m; i++) {
            int crow = co + i * n;
            for (int q = 0; q < k; q++) {
                double aiq = aa[aOff + i * k + q];
                int brow = bOff + q * n;
                for (int j = 0; j < n; j++) {
                    c[crow + j] += aiq * bb[brow + j];
                }
            }
        }
    }

    /** The transpose of the {@code rows × cols} block at {@code off}, as a new {@code cols × rows} array. */
    private static float[] transposeF32(float[] x, int off, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                t[q * rows + r] = x[off + r * cols + q];
            }
        }
        return t;
    }

    private static double[] transposeF64(double[] x, int off, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                t[q * rows + r] = x[off + r * cols + q];
            }
        }
        return t;
    }
}
