package io.pplj.tensor.cpu;

/**
 * Widening and narrowing between float32 rows and the double buffers that float32 kernels compute in, and the
 * chunk size of the kernels that work chunk by chunk ({@link XlogyKernels}): small enough that a chunk and its
 * scratch space stay in the L1 cache through every pass of a logarithm (a whole 256 x 784 row range widened at once
 * spilled to L3 and ran about 1.5 times slower), large enough that the loop overhead per chunk does not count. Not
 * every function survives being compiled inside a chunk loop: {@code exp}'s ten squarings stop being vectorized
 * there (21 instead of 6 ns per element), so {@link UnaryKernels} widens whole ranges.
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
