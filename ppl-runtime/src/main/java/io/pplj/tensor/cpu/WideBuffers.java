package io.pplj.tensor.cpu;

/**
 * One thread's float64 work buffers for the float32 functions that are computed in double precision
 * ({@link UnaryKernels}, {@link XlogyKernels}, {@link LikelihoodKernels}, softplus's derivative in
 * {@link BinaryKernels}): two slots that grow to the largest block seen and are then reused, so a call works in
 * memory that is already in cache instead of a fresh array the JVM must zero (a fresh 1.6 MB buffer per call lies
 * in cold memory of the young generation). Kernels work in blocks of at most {@link #BLOCK} elements, so a thread
 * holds at most two buffers of that size and no range, however long, allocates more. A backend keeps one per thread;
 * a kernel must not hold a slot across a call to another.
 */
final class WideBuffers {

    /** The most elements a kernel works on at once, and so the largest buffer per slot, in doubles (8 MB). */
    static final int BLOCK = 1 << 20;

    private final double[][] slots = new double[2][];

    /**
     * Slot {@code slot} (0 or 1) with room for at least {@code size} doubles, at most {@link #BLOCK}; its contents
     * are unspecified.
     */
    double[] get(int slot, int size) {
        if (size > BLOCK) {
            throw new IllegalArgumentException("WideBuffers: " + size + " elements requested, blocks are at most "
                    + BLOCK);
        }
        double[] b = slots[slot];
        if (b == null || b.length < size) {
            b = new double[size];
            slots[slot] = b;
        }
        return b;
    }
}
