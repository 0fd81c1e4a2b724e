package io.pplj.tensor.cpu;

/**
 * One thread's float64 work buffers for the float32 functions that {@link UnaryKernels} computes in double precision:
 * two slots that grow to the largest range seen and are then reused, so a call works in memory that is already in
 * cache instead of a fresh array the JVM must zero (a fresh 1.6 MB buffer per call lies in cold memory of the young
 * generation). Ranges above {@link #MAX_REUSED} elements get fresh arrays, so a thread never holds more than two
 * buffers of that size. A backend keeps one per thread; a kernel must not hold a slot across a call to another.
 */
final class WideBuffers {

    /** The largest buffer kept per slot, in doubles (8 MB). */
    static final int MAX_REUSED = 1 << 20;

    private final double[][] slots = new double[2][];

    /** Slot {@code slot} (0 or 1) with room for at least {@code size} doubles; its contents are unspecified. */
    double[] get(int slot, int size) {
        if (size > MAX_REUSED) {
            return new double[size];
        }
        double[] b = slots[slot];
        if (b == null || b.length < size) {
            b = new double[size];
            slots[slot] = b;
        }
        return b;
    }
}
