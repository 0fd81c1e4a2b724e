package io.pplj.tensor.cpu;

/**
 * Widening and narrowing between float32 rows and the double buffers that float32 kernels compute in. The kernels
 * widen blocks of up to a million elements into reused per-thread buffers ({@link WideBuffers}) rather than small
 * chunks in L1: the chunked form was faster while it stayed vectorized, but once C2 compiled the functions inside the
 * chunk loop it stopped vectorizing them ({@code exp}: 21 instead of 6 ns per element; the logarithm's passes two to
 * three times slower), depending on which kernels a program had run before.
 */
final class Widening {

    private Widening() {
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
