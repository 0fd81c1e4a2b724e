package io.pplj.tensor.cpu;

import io.pplj.tensor.MatmulPlan;

/**
 * Cholesky factorization and triangular solves on batches of small matrices, in double precision whatever the
 * storage type (the matrices of probabilistic models — covariances, scale factors — are small, where a Java loop
 * beats a native call).
 */
final class Factorizations {

    private Factorizations() {
    }

    /** Lower Cholesky factors of {@code batch} row-major {@code n × n} blocks of a; reads lower triangles only. */
    static double[] cholesky(double[] a, int batch, int n) {
        double[] l = new double[a.length];
        for (int b = 0; b < batch; b++) {
            int base = b * n * n;
            for (int j = 0; j < n; j++) {
                double s = a[base + j * n + j];
                for (int q = 0; q < j; q++) {
                    s -= l[base + j * n + q] * l[base + j * n + q];
                }
                if (!(s > 0.0)) {
                    throw new IllegalArgumentException("cholesky: the matrix" + (batch > 1 ? " at batch index " + b
                            : "") + " is not positive definite (its leading minor of order " + (j + 1)
                            + " is not positive)");
                }
                double d = Math.sqrt(s);
                l[base + j * n + j] = d;
                for (int i = j + 1; i < n; i++) {
                    double t = a[base + i * n + j];
                    for (int q = 0; q < j; q++) {
                        t -= l[base + i * n + q] * l[base + j * n + q];
                    }
                    l[base + i * n + j] = t / d;
                }
            }
        }
        return l;
    }

    /** {@code X = op(A)^-1 B} for the plan's batches; A triangular (lower unless {@code upper}). */
    static double[] solveTriangular(double[] a, double[] b, MatmulPlan p, boolean upper) {
        int n = p.m();
        int k = p.n();
        double[] x = new double[p.batch() * n * k];
        boolean effectiveLower = upper == p.transA();
        for (int bi = 0; bi < p.batch(); bi++) {
            int ao = p.offsetA(bi);
            int bo = p.offsetB(bi);
            int xo = bi * n * k;
            for (int c = 0; c < k; c++) {
                for (int step = 0; step < n; step++) {
                    int i = effectiveLower ? step : n - 1 - step;
                    double s = b[bo + i * k + c];
                    for (int prev = 0; prev < step; prev++) {
                        int j = effectiveLower ? prev : n - 1 - prev;
                        s -= entry(a, ao, n, i, j, p.transA()) * x[xo + j * k + c];
                    }
                    x[xo + i * k + c] = s / entry(a, ao, n, i, i, p.transA());
                }
            }
        }
        return x;
    }

    private static double entry(double[] a, int off, int n, int i, int j, boolean trans) {
        return trans ? a[off + j * n + i] : a[off + i * n + j];
    }
}
