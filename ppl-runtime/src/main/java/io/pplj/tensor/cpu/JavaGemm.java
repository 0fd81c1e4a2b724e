package io.pplj.tensor.cpu;

import io.pplj.tensor.MatmulPlan;

/**
 * Small matrix products in Java, with a loop order per layout chosen so that the innermost loop walks memory
 * contiguously and nothing is copied: {@code C[i,:] += A[i,q] B[q,:]} for plain operands (the JIT vectorizes the
 * inner loop), {@code C[:,j] += A[q,:] B[q,j]}-style updates when A is stored transposed, and dot products of
 * contiguous rows (four rows of A per pass) when B is stored transposed or is a single column. Only a product with both
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
        if (transA && n == 1) {
            columnsTimesVectorF32(a, ao, b, bo, c, co, m, k);
        } else if (transA) {
            for (int q = 0; q < k; q++) {
                int arow = ao + q * m;
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
            rowsTimesRowsF32(a, ao, b, bo, c, co, m, k, n);
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
        if (transA && n == 1) {
            columnsTimesVectorF64(a, ao, b, bo, c, co, m, k);
        } else if (transA) {
            for (int q = 0; q < k; q++) {
                int arow = ao + q * m;
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
            rowsTimesRowsF64(a, ao, b, bo, c, co, m, k, n);
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

    /**
     * {@code C[i, j] = sum_q A[i, q] B[j, q]}: four rows of A at a time share each load of B's row, with one
     * accumulator per row (a matrix-vector product is the case {@code n = 1}).
     */
    private static void rowsTimesRowsF32(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n) {
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int r0 = ao + i * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            for (int j = 0; j < n; j++) {
                int bj = bo + j * k;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int q = 0; q < k; q++) {
                    float bq = b[bj + q];
                    s0 += a[r0 + q] * bq;
                    s1 += a[r1 + q] * bq;
                    s2 += a[r2 + q] * bq;
                    s3 += a[r3 + q] * bq;
                }
                int ci = co + i * n + j;
                c[ci] = s0;
                c[ci + n] = s1;
                c[ci + 2 * n] = s2;
                c[ci + 3 * n] = s3;
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[co + i * n + j] = dotF32(a, ao + i * k, b, bo + j * k, k);
            }
        }
    }

    /**
     * {@code c = Aᵀ b} with A stored {@code k × m}: four rows of A per pass over c, so c is loaded and stored a
     * quarter as often.
     */
    private static void columnsTimesVectorF32(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k) {
        int q = 0;
        for (; q + 3 < k; q += 4) {
            int r0 = ao + q * m;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            float b0 = b[bo + q];
            float b1 = b[bo + q + 1];
            float b2 = b[bo + q + 2];
            float b3 = b[bo + q + 3];
            for (int i = 0; i < m; i++) {
                c[co + i] += (a[r0 + i] * b0 + a[r1 + i] * b1) + (a[r2 + i] * b2 + a[r3 + i] * b3);
            }
        }
        for (; q < k; q++) {
            int arow = ao + q * m;
            float bq = b[bo + q];
            for (int i = 0; i < m; i++) {
                c[co + i] += a[arow + i] * bq;
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

    /**
     * {@code C[i, j] = sum_q A[i, q] B[j, q]}: four rows of A at a time share each load of B's row, with one
     * accumulator per row (a matrix-vector product is the case {@code n = 1}).
     */
    private static void rowsTimesRowsF64(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k, int n) {
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int r0 = ao + i * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            for (int j = 0; j < n; j++) {
                int bj = bo + j * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int q = 0; q < k; q++) {
                    double bq = b[bj + q];
                    s0 += a[r0 + q] * bq;
                    s1 += a[r1 + q] * bq;
                    s2 += a[r2 + q] * bq;
                    s3 += a[r3 + q] * bq;
                }
                int ci = co + i * n + j;
                c[ci] = s0;
                c[ci + n] = s1;
                c[ci + 2 * n] = s2;
                c[ci + 3 * n] = s3;
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[co + i * n + j] = dotF64(a, ao + i * k, b, bo + j * k, k);
            }
        }
    }

    /**
     * {@code c = Aᵀ b} with A stored {@code k × m}: four rows of A per pass over c, so c is loaded and stored a
     * quarter as often.
     */
    private static void columnsTimesVectorF64(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k) {
        int q = 0;
        for (; q + 3 < k; q += 4) {
            int r0 = ao + q * m;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            double b0 = b[bo + q];
            double b1 = b[bo + q + 1];
            double b2 = b[bo + q + 2];
            double b3 = b[bo + q + 3];
            for (int i = 0; i < m; i++) {
                c[co + i] += (a[r0 + i] * b0 + a[r1 + i] * b1) + (a[r2 + i] * b2 + a[r3 + i] * b3);
            }
        }
        for (; q < k; q++) {
            int arow = ao + q * m;
            double bq = b[bo + q];
            for (int i = 0; i < m; i++) {
                c[co + i] += a[arow + i] * bq;
            }
        }
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
