package io.pplj.tensor.cpu;

/**
 * The chunks in which float32 kernels compute in double precision: small enough that a chunk and its scratch space
 * stay in the L1 cache through every pass of a function (a whole 256 x 784 row range widened at once spilled to L3
 * and ran about 1.5 times slower), large enough that the loop overhead per chunk does not count.
 */
final class Chunks {

    /** Doubles per chunk (16 KB). */
    static final int SIZE = 2048;

    private Chunks() {
    }

    /** {@code t[j] = x[from + j]} for {@code j < m}. */
    static void widen(float[] x, int from, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = x[from + j];
        }
    }

    /** {@code o[from + j] = (float) t[j]} for {@code j < m}. */
    static void narrow(double[] t, float[] o, int from, int m) {
        for (int j = 0; j < m; j++) {
            o[from + j] = (float) t[j];
        }
    }
}
