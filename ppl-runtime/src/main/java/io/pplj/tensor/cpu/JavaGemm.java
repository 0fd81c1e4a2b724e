package io.pplj.tensor.cpu;

import io.pplj.tensor.MatmulPlan;

/**
 * Small matrix products in Java, with a loop order per layout chosen so that the innermost loop walks memory
 * contiguously and nothing is copied: {@code C[i,:] += A[i,q] B[q,:]} for plain operands (the JIT vectorizes the
 * inner loop), {@code C[:,j] += A[q,:] B[q,j]}-style updates when A is stored transposed, and dot products of
 * contiguous rows (four accumulators) when B is stored transposed or is a single column. Only a product with both
 * operands transposed copies A.
 */
final class JavaGemm {

    private JavaGemm() {
    }

    static void f32(float[] a, int ao, float[] b, int bo, float[] c, int co, MatmulPlan p) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        boolean rowsOfB = p.transB() || n == 1;
        if (p.transA() && rowsOfB && n > 1) {
            f32(transposeF32(a, ao, k, m), 0, b, bo, c, co, m, k, n, false, true);
            return;
        }
        f32(a, ao, b, bo, c, co, m, k, n, p.transA(), rowsOfB);
    }

    /**
     * {@code C = op(A) B}: A stored {@code k × m} when {@code transA}; B read as {@code n} contiguous rows of length
     * {@code k} when {@code rowsOfB} (B transposed, or a single column), else as {@code k × n}.
     */
    private static void f32(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n,
                            boolean transA, boolean rowsOfB) {
        if (transA) {
            for (int q = 0; q < k; q++) {
                int arow = ao + q * m;
                if (n == 1) {
                    float bq = b[bo + q];
                    for (int i = 0; i < m; i++) {
                        c[co + i] += a[arow + i] * bq;
                    }
                    continue;
                }
                int brow = bo + q * n;
                for (int i = 0; i < m; i++) {
                    float aqi = a[arow + i];
                    int crow = co + i * n;
                    for (int j = 0; j < n; j++) {
                        c[crow + j] += aqi * b[brow + j];
                    }
                }
            }
        } else if (rowsOfB) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[co + i * n + j] = dotF32(a, ao + i * k, b, bo + j * k, k);
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int crow = co + i * n;
                for (int q = 0; q < k; q++) {
                    float aiq = a[ao + i * k + q];
                    int brow = bo + q * n;
                    for (int j = 0; j < n; j++) {
                        c[crow + j] += aiq * b[brow + j];
                    }
                }
            }
        }
    }

    static void f64(double[] a, int ao, double[] b, int bo, double[] c, int co, MatmulPlan p) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        boolean rowsOfB = p.transB() || n == 1;
        if (p.transA() && rowsOfB && n > 1) {
            f64(transposeF64(a, ao, k, m), 0, b, bo, c, co, m, k, n, false, true);
            return;
        }
        f64(a, ao, b, bo, c, co, m, k, n, p.transA(), rowsOfB);
    }

    /** The float64 twin of {@link #f32(float[], int, float[], int, float[], int, int, int, int, boolean, boolean)}. */
    private static void f64(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k, int n,
                            boolean transA, boolean rowsOfB) {
        if (transA) {
            for (int q = 0; q < k; q++) {
                int arow = ao + q * m;
                if (n == 1) {
                    double bq = b[bo + q];
                    for (int i = 0; i < m; i++) {
                        c[co + i] += a[arow + i] * bq;
                    }
                    continue;
                }
                int brow = bo + q * n;
                for (int i = 0; i < m; i++) {
                    double aqi = a[arow + i];
                    int crow = co + i * n;
                    for (int j = 0; j < n; j++) {
                        c[crow + j] += aqi * b[brow + j];
                    }
                }
            }
        } else if (rowsOfB) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[co + i * n + j] = dotF64(a, ao + i * k, b, bo + j * k, k);
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int crow = co + i * n;
                for (int q = 0; q < k; q++) {
                    double aiq = a[ao + i * k + q];
                    int brow = bo + q * n;
                    for (int j = 0; j < n; j++) {
                        c[crow + j] += aiq * b[brow + j];
                    }
                }
            }
        }
    }

    /** {@code sum_q x[xo + q] y[yo + q]} with four independent accumulators. */
    private static float dotF32(float[] x, int xo, float[] y, int yo, int len) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int q = 0;
        for (; q + 3 < len; q += 4) {
            s0 += x[xo + q] * y[yo + q];
            s1 += x[xo + q + 1] * y[yo + q + 1];
            s2 += x[xo + q + 2] * y[yo + q + 2];
            s3 += x[xo + q + 3] * y[yo + q + 3];
        }
        for (; q < len; q++) {
            s0 += x[xo + q] * y[yo + q];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double dotF64(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int q = 0;
        for (; q + 3 < len; q += 4) {
            s0 += x[xo + q] * y[yo + q];
            s1 += x[xo + q + 1] * y[yo + q + 1];
            s2 += x[xo + q + 2] * y[yo + q + 2];
            s3 += x[xo + q + 3] * y[yo + q + 3];
        }
        for (; q < len; q++) {
            s0 += x[xo + q] * y[yo + q];
        }
        return (s0 + s1) + (s2 + s3);
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
