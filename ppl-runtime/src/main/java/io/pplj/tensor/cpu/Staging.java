package io.pplj.tensor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native buffers for OpenBLAS calls: a few numbered slots per element type that grow to the largest
 * operand seen and are then reused, so large products and convolutions allocate no native memory per call. A
 * backend keeps one per thread; kernels must not hold a slot across a call to another kernel.
 */
final class Staging {

    /** The number of slots per element type. */
    static final int SLOTS = 3;

    private final FloatPointer[] floats = new FloatPointer[SLOTS];
    private final DoublePointer[] doubles = new DoublePointer[SLOTS];

    /** Slot {@code slot} as a float buffer of at least {@code size} elements, positioned at 0. */
    FloatPointer floats(int slot, int size) {
        FloatPointer p = floats[slot];
        if (p == null || p.capacity() < size) {
            if (p != null) {
                p.close();
            }
            p = new FloatPointer(Math.max(size, 1));
            floats[slot] = p;
        }
        return p.position(0);
    }

    /** Slot {@code slot} as a double buffer of at least {@code size} elements, positioned at 0. */
    DoublePointer doubles(int slot, int size) {
        DoublePointer p = doubles[slot];
        if (p == null || p.capacity() < size) {
            if (p != null) {
                p.close();
            }
            p = new DoublePointer(Math.max(size, 1));
            doubles[slot] = p;
        }
        return p.position(0);
    }

    /** A Java view of a float slot's first {@code size} elements (bulk copies through it stay in Java). */
    static FloatBuffer view(FloatPointer p, int size) {
        return p.position(0).limit(Math.max(size, 1)).asBuffer();
    }

    /** A Java view of a double slot's first {@code size} elements. */
    static DoubleBuffer view(DoublePointer p, int size) {
        return p.position(0).limit(Math.max(size, 1)).asBuffer();
    }
}
