package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Philox4x32-10 against the Random123 known-answer vectors, PPL-J's (stream, element, draw) block addressing, and the
 * word-to-uniform conversions at their extreme inputs.
 */
class PhiloxTest {

    /**
     * Known answers from Random123's {@code tests/kat_vectors} (github.com/DEShawResearch/random123, commit
     * 9545ff6413f258be2f04c1d319d99aaef7521150, lines 27-29): counter (4 words), key (2 words), expected (4 words).
     */
    static Stream<Arguments> knownAnswers() {
        return Stream.of(
                Arguments.of("zeros",
                        new int[] {0x00000000, 0x00000000, 0x00000000, 0x00000000},
                        new int[] {0x00000000, 0x00000000},
                        new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}),
                Arguments.of("ones",
                        new int[] {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                        new int[] {0xffffffff, 0xffffffff},
                        new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}),
                Arguments.of("pi digits",
                        new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                        new int[] {0xa4093822, 0x299f31d0},
                        new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownAnswers")
    void blockMatchesRandom123KnownAnswers(String name, int[] ctr, int[] key, int[] expected) {
        int[] out = new int[4];
        Philox.block(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out);
        assertArrayEquals(expected, out, () -> name + ": got " + hex(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownAnswers")
    void streamAddressingMapsCounterLowHighElementDrawAndKeyLowHigh(String name, int[] ctr, int[] key,
                                                                    int[] expected) {
        long counter = (ctr[0] & 0xFFFFFFFFL) | ((long) ctr[1] << 32);
        long k = (key[0] & 0xFFFFFFFFL) | ((long) key[1] << 32);
        int[] out = new int[4];
        Philox.block(new RandomStream(k, counter), ctr[2], ctr[3], out);
        assertArrayEquals(expected, out, () -> name + ": got " + hex(out));
    }

    @Test
    void blockOverwritesOnlyTheFirstFourWordsAndIsAPureFunction() {
        int[] out = {1, 2, 3, 4, 99};
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertEquals(99, out[4]);
        int[] again = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, again);
        assertArrayEquals(new int[] {out[0], out[1], out[2], out[3]}, again);
    }

    @Test
    void neighbouringCountersAndKeysGiveDistinctBlocks() {
        Set<String> seen = new HashSet<>();
        int[] out = new int[4];
        for (int e = 0; e < 64; e++) {
            for (int d = 0; d < 4; d++) {
                Philox.block(new RandomStream(7L, 3L), e, d, out);
                assertTrue(seen.add(hex(out)), "repeat at element " + e + " draw " + d);
            }
        }
        for (long key = 0; key < 16; key++) {
            Philox.block(new RandomStream(key, 0L), 0, 0, out);
            assertTrue(seen.add(hex(out)), "repeat at key " + key);
        }
        for (long counter = 1L; counter != 0L && counter > 0; counter <<= 1) {
            Philox.block(new RandomStream(7L, counter), 0, 0, out);
            assertTrue(seen.add(hex(out)), "repeat at counter " + counter);
        }
    }

    // ---- uniform conversions ------------------------------------------------------------------------------------

    @Test
    void toUnitFloatAtExtremeWords() {
        assertEquals(0.0, Philox.toUnitFloat(0));
        double top = Philox.toUnitFloat(0xffffffff);
        assertEquals(1.0 - 0x1.0p-24, top);
        assertTrue(top < 1.0);
        // the value must stay below 1 after rounding to float32 too
        assertTrue((float) top < 1.0f);
        assertEquals(0x1.0p-24, Philox.toUnitFloat(0x00000100));
        assertEquals(0.0, Philox.toUnitFloat(0x000000ff), "only the top 24 bits are used");
        assertEquals(0.5, Philox.toUnitFloat(0x80000000));
    }

    @Test
    void toUnitDoubleAtExtremeWords() {
        assertEquals(0.0, Philox.toUnitDouble(0, 0));
        double top = Philox.toUnitDouble(0xffffffff, 0xffffffff);
        assertEquals(1.0 - 0x1.0p-53, top);
        assertTrue(top < 1.0);
        assertEquals(0x1.0p-53, Philox.toUnitDouble(0, 0x40));
        assertEquals(0.0, Philox.toUnitDouble(0x1f, 0x3f), "only 27 + 26 bits are used");
        assertEquals(0.5, Philox.toUnitDouble(0x80000000, 0));
        assertEquals(0x1.0p-27, Philox.toUnitDouble(0x20, 0));
    }

    @Test
    void toOpenUnitDoubleAtZeroWordsIsPositive() {
        double bottom = Philox.toOpenUnitDouble(0, 0);
        assertTrue(bottom > 0.0, "toOpenUnitDouble(0, 0) = " + bottom);
        assertTrue(Double.isFinite(Math.log(bottom)));
    }

    /**
     * The largest 53-bit value maps to (2^53 - 1 + 0.5) 2^-53, which is not representable: the sum rounds (half to
     * even) to 2^53 and the result is exactly 1.0, outside the promised open interval.
     */
    @Test
    void toOpenUnitDoubleAtAllOnesWordsIsBelowOne() {
        double top = Philox.toOpenUnitDouble(0xffffffff, 0xffffffff);
        assertTrue(top < 1.0, "toOpenUnitDouble(0xffffffff, 0xffffffff) = " + top + ", must be < 1");
        assertTrue(Math.log1p(-top) > Double.NEGATIVE_INFINITY, "log(1 - u) must be finite");
    }

    @Test
    void toOpenUnitDoubleStaysInsideTheOpenIntervalNearTheTop() {
        // every one of the 2^10 largest 53-bit values (hi all ones, lo's top bits all ones except the low 10)
        for (int low = 0; low < 1024; low++) {
            int lo = (0xffffffff << 16) | (low << 6);
            double u = Philox.toOpenUnitDouble(0xffffffff, lo);
            assertTrue(u > 0.0 && u < 1.0, "lo = " + Integer.toHexString(lo) + " gives " + u);
        }
    }

    @Test
    void toOpenUnitDoubleIsStrictlyIncreasingInItsBits() {
        double prev = Philox.toOpenUnitDouble(0, 0);
        for (int lo = 1; lo < 1000; lo++) {
            double u = Philox.toOpenUnitDouble(0, lo << 6);
            assertTrue(u > prev, "not increasing at " + lo);
            prev = u;
        }
        assertNotEquals(Philox.toOpenUnitDouble(0, 0), Philox.toUnitDouble(0, 0));
    }

    private static String hex(int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int x : w) {
            sb.append(String.format("%08x ", x));
        }
        return sb.toString().trim();
    }
}
