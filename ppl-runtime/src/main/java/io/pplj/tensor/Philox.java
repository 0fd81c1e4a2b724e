package io.pplj.tensor;

/**
 * The Philox4x32-10 counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as
 * 1, 2, 3" (SC 2011): a keyed bijection of a 128-bit counter, so the random bits for any position can be computed
 * directly, on any thread or device, without shared state.
 *
 * <p>PPL-J addresses random bits as (key, stream counter, element, draw): one call of a sampler reserves a stream
 * counter from an {@link Rng}; element {@code e} of its result reads the blocks {@code (counter, e, 0)},
 * {@code (counter, e, 1)}, ... each holding four 32-bit words. A result therefore does not depend on how a backend
 * splits the work, and a GPU backend can reproduce the same bits.
 */
public final class Philox {

    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TWO_POW_MINUS_24 = 0x1.0p-24;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    private static final double TWO_POW_MINUS_52 = 0x1.0p-52;

    private Philox() {
    }

    /**
     * Computes one block: the 10-round Philox4x32 bijection of counter {@code (c0, c1, c2, c3)} under key
     * {@code (k0, k1)}, written to {@code out[0..3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        int x0 = c0;
        int x1 = c1;
        int x2 = c2;
        int x3 = c3;
        int key0 = k0;
        int key1 = k1;
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (x0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (x2 & 0xFFFFFFFFL);
            int y0 = (int) (p1 >>> 32) ^ x1 ^ key0;
            int y1 = (int) p1;
            int y2 = (int) (p0 >>> 32) ^ x3 ^ key1;
            int y3 = (int) p0;
            x0 = y0;
            x1 = y1;
            x2 = y2;
            x3 = y3;
            key0 += W0;
            key1 += W1;
        }
        out[0] = x0;
        out[1] = x1;
        out[2] = x2;
        out[3] = x3;
    }

    /** The block for (stream, element, draw) in PPL-J's addressing, written to {@code out[0..3]}. */
    public static void block(RandomStream stream, int element, int draw, int[] out) {
        long counter = stream.counter();
        long key = stream.key();
        block((int) counter, (int) (counter >>> 32), element, draw, (int) key, (int) (key >>> 32), out);
    }

    /** A float-precision uniform in [0, 1) from the top 24 bits of a word. */
    public static double toUnitFloat(int word) {
        return (word >>> 8) * TWO_POW_MINUS_24;
    }

    /** A double-precision uniform in [0, 1) from two words (53 bits). */
    public static double toUnitDouble(int hi, int lo) {
        long bits = ((long) (hi >>> 5) << 26) | (lo >>> 6);
        return bits * TWO_POW_MINUS_53;
    }

    /**
     * A double-precision uniform in the open interval (0, 1), safe to take logarithms of: 52 random bits placed at
     * the centres of their cells, {@code (k + 1/2) 2^-52}, from {@code 2^-53} to {@code 1 - 2^-53}.
     */
    public static double toOpenUnitDouble(int hi, int lo) {
        long bits = ((long) (hi >>> 6) << 26) | (lo >>> 6);
        return (bits + 0.5) * TWO_POW_MINUS_52;
    }
}
