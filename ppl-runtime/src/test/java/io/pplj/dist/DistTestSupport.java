package io.pplj.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;

/** Helpers for the distribution tests: float64 random tensors, SPD matrices, index arithmetic and closeness. */
final class DistTestSupport {

    private DistTestSupport() {
    }

    /** Float64 uniforms on {@code [lo, hi)} of the given shape. */
    static Tensor uniform(Random r, double lo, double hi, int... shape) {
        double[] v = new double[numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    /** Float64 standard normals of the given shape. */
    static Tensor gaussian(Random r, int... shape) {
        double[] v = new double[numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    /** {@code M M^T + eps I} for M with entries uniform in [-1, 1): symmetric positive definite, shape batch + [k, k]. */
    static Tensor spd(Random r, int k, double eps, int... batch) {
        Tensor m = uniform(r, -1, 1, append(batch, k, k));
        Tensor s = m.matmul(m.mT()).add(Tensor.eye(k).asType(DType.FLOAT64).mul(eps));
        return s.add(s.mT()).mul(0.5); // exactly symmetric
    }

    static int numel(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    static int[] append(int[] shape, int... tail) {
        int[] out = Arrays.copyOf(shape, shape.length + tail.length);
        System.arraycopy(tail, 0, out, shape.length, tail.length);
        return out;
    }

    static int[] concat(int[]... shapes) {
        int[] out = new int[0];
        for (int[] s : shapes) {
            out = append(out, s);
        }
        return out;
    }

    /** A random shape of {@code rank} dims with sizes in {@code [1, maxSize]}. */
    static int[] randomShape(Random r, int rank, int maxSize) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(maxSize);
        }
        return s;
    }

    /**
     * A random shape that broadcasts to {@code full}: each dimension kept or set to 1, and a random number of
     * leading dimensions dropped.
     */
    static int[] broadcastableTo(Random r, int[] full) {
        int drop = r.nextInt(full.length + 1);
        int[] s = Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < s.length; i++) {
            if (r.nextBoolean()) {
                s[i] = 1;
            }
        }
        return s;
    }

    /** Row-major multi-index of flat position {@code flat} in {@code shape}. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    /** The flat position in {@code shape} of the broadcast index {@code idx} (right-aligned; size-1 dims read 0). */
    static int broadcastOffset(int[] idx, int[] shape) {
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            int j = idx[idx.length - shape.length + i];
            off = off * shape[i] + (shape[i] == 1 ? 0 : j);
        }
        return off;
    }

    /** Entries {@code [off, off + n)} of {@code v}. */
    static double[] block(double[] v, int off, int n) {
        return Arrays.copyOfRange(v, off, off + n);
    }

    /** Entries {@code [off, off + k*k)} of {@code v} as a k × k matrix. */
    static double[][] matrix(double[] v, int off, int k) {
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(v, off + i * k, m[i], 0, k);
        }
        return m;
    }

    /** {@code log |det m|} by LU decomposition. */
    static double logAbsDet(double[][] m) {
        double det = new LUDecomposition(new Array2DRowRealMatrix(m)).getDeterminant();
        return Math.log(Math.abs(det));
    }

    /** Asserts {@code |got - expected| <= atol + rtol |expected|} elementwise, with the first failure's position. */
    static void assertClose(double[] expected, double[] got, double rtol, double atol, String what) {
        assertTrue(expected.length == got.length, what + ": lengths " + expected.length + " vs " + got.length);
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            boolean ok = Math.abs(got[i] - expected[i]) <= tol
                    || (Double.isNaN(expected[i]) && Double.isNaN(got[i])) || expected[i] == got[i];
            assertTrue(ok, what + " [" + i + "]: expected " + expected[i] + ", got " + got[i] + " (tolerance "
                    + tol + ")");
        }
    }

    static void assertClose(Tensor expected, Tensor got, double rtol, double atol, String what) {
        assertTrue(Arrays.equals(expected.shape(), got.shape()), what + ": shapes "
                + Arrays.toString(expected.shape()) + " vs " + Arrays.toString(got.shape()));
        assertClose(expected.toDoubleArray(), got.toDoubleArray(), rtol, atol, what);
    }
}
