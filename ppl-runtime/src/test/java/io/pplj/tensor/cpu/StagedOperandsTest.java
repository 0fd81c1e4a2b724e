package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * Operands are remembered by array identity, least recently used first out, and too large ones not at all: an array
 * asked for again gets the same buffer without a copy, an equal but distinct array gets its own copy, and an array
 * pushed out by {@link StagedOperands#ENTRIES} others is copied again.
 */
class StagedOperandsTest {

    private static float[] contents(FloatPointer p, int n) {
        float[] out = new float[n];
        p.position(0).get(out, 0, n);
        return out;
    }

    @Test
    void remembersByIdentityAndEvictsTheLeastRecentlyUsed() {
        StagedOperands staged = new StagedOperands();
        float[] a = {1, 2, 3};
        float[] equalToA = {1, 2, 3};
        FloatPointer pa = staged.of(a);
        assertArrayEquals(a, contents(pa, 3));
        assertSame(pa, staged.of(a));
        FloatPointer pEqual = staged.of(equalToA);
        assertNotSame(pa, pEqual);
        assertArrayEquals(equalToA, contents(pEqual, 3));

        float[][] others = new float[StagedOperands.ENTRIES][];
        for (int i = 0; i < others.length; i++) {
            others[i] = new float[] {10 + i, 20 + i};
            staged.of(a);                             // a stays the most recently used
            assertArrayEquals(others[i], contents(staged.of(others[i]), 2));
        }
        assertArrayEquals(a, contents(staged.of(a), 3));
        // equalToA was the least recently used, so its buffer went to another array: asking again copies it afresh
        assertArrayEquals(equalToA, contents(staged.of(equalToA), 3));
    }

    @Test
    void tooLargeOperandsAreNotRemembered() {
        assertNull(new StagedOperands().of(new float[StagedOperands.MAX_ELEMENTS + 1]));
    }
}
