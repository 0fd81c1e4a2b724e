package io.pplj.tensor.cpu;

import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native copies of the last few float32 matrix-product operands, so an operand used by several products
 * is copied to native memory once: a step of a neural network multiplies by each weight twice (forward, and for the
 * input gradient) and by each layer's input twice (forward, and for the weight gradient), and the data batch on every
 * step. A copy is found by the identity of the Java array it was made from, which is sound because a tensor's
 * storage is never written after it is created. The {@link #ENTRIES} entries are replaced least recently used first;
 * arrays above {@link #MAX_ELEMENTS} elements are not kept, so a thread holds at most {@code ENTRIES} buffers of
 * that size (and the arrays they were copied from stay reachable until their entry is replaced).
 */
final class StagedOperands {

    /** Operands remembered per thread. */
    static final int ENTRIES = 4;

    /** The largest operand remembered, in elements (4 MB of float32, so at most 16 MB of copies per thread). */
    static final int MAX_ELEMENTS = 1 << 20;

    private final float[][] sources = new float[ENTRIES][];
    private final FloatPointer[] buffers = new FloatPointer[ENTRIES];
    private final long[] lastUse = new long[ENTRIES];
    private long clock;

    /**
     * A native copy of {@code a}, positioned at 0, that stays valid until the next {@link #ENTRIES} - 1 calls for
     * other arrays (so both operands of one product can be held at once), or null when {@code a} is too large to be
     * remembered.
     */
    FloatPointer of(float[] a) {
        if (a.length > MAX_ELEMENTS) {
            return null;
        }
        clock++;
        int victim = 0;
        for (int i = 0; i < ENTRIES; i++) {
            if (sources[i] == a) {
                lastUse[i] = clock;
                return buffers[i].position(0);
            }
            if (lastUse[i] < lastUse[victim]) {
                victim = i;
            }
        }
        FloatPointer p = buffers[victim];
        if (p == null || p.capacity() < a.length) {
            if (p != null) {
                p.close();
            }
            p = new FloatPointer(Math.max(a.length, 1));
            buffers[victim] = p;
        }
        p.position(0).put(a, 0, a.length);
        sources[victim] = a;
        lastUse[victim] = clock;
        return p.position(0);
    }
}
