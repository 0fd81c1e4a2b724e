package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Element types: the promotion table (BOOL < INT64 < FLOAT32 < FLOAT64) and the result types of arithmetic,
 * comparisons, where and math functions; asType conversions and round trips (rounding as Java's casts, truncation
 * toward zero, non-zero is true); and the rule that only floating tensors can require gradients.
 */
class DTypeTest {

    private static final DType B = DType.BOOL;
    private static final DType I = DType.INT64;
    private static final DType F = DType.FLOAT32;
    private static final DType D = DType.FLOAT64;

    /** promote(row, column), written out. */
    private static final DType[][] PROMOTE = {
        //        BOOL INT64 FLOAT32 FLOAT64
        /*BOOL*/ {B, I, F, D},
        /*INT64*/ {I, I, F, D},
        /*F32*/ {F, F, F, D},
        /*F64*/ {D, D, D, D},
    };

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(3, 3);
    }

    @Provide
    Arbitrary<DType> floatTypes() {
        return Arbitraries.of(F, D);
    }

    private static Tensor sample(DType dtype, int[] shape, long seed) {
        return TensorArbitraries.choose(shape, seed, 0, 1, 2, -3).asType(dtype);
    }

    @Property(tries = 16)
    void promotionTable(@ForAll DType a, @ForAll DType b) {
        assertEquals(PROMOTE[a.ordinal()][b.ordinal()], DType.promote(a, b), a + " with " + b);
        assertEquals(DType.promote(a, b), DType.promote(b, a), "promotion is symmetric");
        assertEquals(a.isFloating() ? a : F, a.toFloating());
    }

    /**
     * Result types of binary operations: add/sub/mul/maximum/minimum take the promoted type, except that two
     * integer-like operands (bool included) compute in int64; div and pow of integer-like operands give float32;
     * comparisons give bool; where takes the promoted type of its two value operands.
     */
    @Property(tries = 100)
    void resultTypesOfBinaryOperations(@ForAll DType a, @ForAll DType b, @ForAll("shapes") int[] shape,
                                       @ForAll long seed) {
        Tensor x = sample(a, shape, seed);
        Tensor y = sample(b, shape, seed + 1);
        DType p = DType.promote(a, b);
        DType arithmetic = p.isFloating() ? p : I;
        DType division = p.isFloating() ? p : F;
        assertEquals(arithmetic, x.add(y).dtype(), "add " + a + " " + b);
        assertEquals(arithmetic, x.sub(y).dtype(), "sub " + a + " " + b);
        assertEquals(arithmetic, x.mul(y).dtype(), "mul " + a + " " + b);
        assertEquals(arithmetic, x.maximum(y).dtype(), "maximum " + a + " " + b);
        assertEquals(arithmetic, x.minimum(y).dtype(), "minimum " + a + " " + b);
        assertEquals(division, x.div(y).dtype(), "div " + a + " " + b);
        assertEquals(division, x.pow(y).dtype(), "pow " + a + " " + b);
        assertEquals(B, x.lt(y).dtype());
        assertEquals(B, x.eq(y).dtype());
        Tensor cond = TensorArbitraries.choose(shape, seed + 2, 0, 1).asType(B);
        assertEquals(p, Tensor.where(cond, x, y).dtype(), "where " + a + " " + b);
    }

    /** Math functions keep floating types and turn int64/bool into float32; reductions keep or promote likewise. */
    @Property(tries = 40)
    void resultTypesOfUnaryAndReductionOperations(@ForAll DType a, @ForAll("shapes") int[] shape, @ForAll long seed) {
        Tensor x = sample(a, shape, seed);
        DType f = a.toFloating();
        assertEquals(f, x.exp().dtype());
        assertEquals(f, x.sigmoid().dtype());
        assertEquals(f, x.mean().dtype());
        assertEquals(f, x.logsumexp().dtype());
        DType integral = a.isFloating() ? a : I;
        assertEquals(integral, x.sum().dtype());
        assertEquals(integral, x.prod().dtype());
        assertEquals(integral, x.max().dtype());
        if (shape.length > 0) {
            assertEquals(integral, x.cumsum(0).dtype());
        }
    }

    // ---- asType -------------------------------------------------------------------------------------------------

    /** float32 -> float64 -> float32 is the identity, bit for bit (NaN, infinities, -0 and subnormals included). */
    @Property(tries = 100)
    void float32ThroughFloat64RoundTrips(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Random r = new Random(seed);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE,
            -Float.MAX_VALUE, 1e-40f};
        float[] v = new float[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : Float.intBitsToFloat(r.nextInt());
        }
        Tensor x = Tensor.ofFloats(v, shape);
        Tensor wide = x.asType(D);
        assertEquals(D, wide.dtype());
        double[] wv = wide.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToLongBits(v[i]), Double.doubleToLongBits(wv[i]), "widening " + v[i]);
        }
        float[] back = wide.asType(F).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToIntBits(v[i]), Float.floatToIntBits(back[i]), "round trip of " + v[i]);
        }
    }

    /** float64 -> float32 rounds as Java's {@code (float)} cast (to nearest, overflow to infinity). */
    @Property(tries = 100)
    void float64ToFloat32RoundsToNearest(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(5) == 0 ? 3.5e38 * (r.nextBoolean() ? 1 : -1) : Double.longBitsToDouble(r.nextLong());
        }
        float[] got = Tensor.of(v, D, shape).asType(F).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToIntBits((float) v[i]), Float.floatToIntBits(got[i]), "(float) " + v[i]);
        }
    }

    /** int64 -> float64 -> int64 is the identity for |v| <= 2^53; bool survives every conversion. */
    @Property(tries = 100)
    void integersAndBooleansRoundTrip(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Random r = new Random(seed);
        int n = Shapes.numel(shape);
        long[] v = new long[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? r.nextInt(2001) - 1000 : r.nextLong() >> 10;
            b[i] = r.nextBoolean();
        }
        Tensor x = Tensor.ofLongs(v, shape);
        assertArrayEquals(v, x.asType(D).asType(I).toLongArray());
        Tensor bools = Tensor.ofBooleans(b, shape);
        for (DType t : DType.values()) {
            assertArrayEquals(b, bools.asType(t).asType(B).toBooleanArray(), "bool through " + t);
        }
        long[] small = new long[n];
        for (int i = 0; i < n; i++) {
            small[i] = v[i] % 1000;
        }
        assertArrayEquals(small, Tensor.ofLongs(small, shape).asType(F).asType(I).toLongArray());
    }

    /**
     * int64 -> float32 rounds each long to the nearest float, as Java's {@code (float) long} cast does. Fails today:
     * the CPU cast goes through double, and rounding twice (to 53 bits, then to 24) can land on the wrong float
     * (see report).
     */
    @Property(tries = 100)
    void int64ToFloat32RoundsOnce(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Random r = new Random(seed);
        long[] v = new long[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            // 2^60 + 2^36 + small: exactly half a float ulp above 2^60 plus a little, where double rounding bites
            v[i] = r.nextBoolean() ? (1L << 60) + (1L << 36) + 1 + r.nextInt(100) : r.nextLong();
        }
        float[] got = Tensor.ofLongs(v, shape).asType(F).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToIntBits((float) v[i]), Float.floatToIntBits(got[i]), "(float) " + v[i] + "L");
        }
    }

    /** Floating -> int64 truncates toward zero (within the long range); floating/int64 -> bool is "non-zero". */
    @Property(tries = 100)
    void narrowingToIntegersAndBooleans(@ForAll("shapes") int[] shape, @ForAll("floatTypes") DType dtype,
                                        @ForAll long seed) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(6) == 0 ? (r.nextBoolean() ? -0.0 : 0.0) : (r.nextDouble() - 0.5) * Math.pow(10,
                    r.nextInt(12));
        }
        Tensor x = Tensor.of(v, dtype, shape);
        double[] xv = x.toDoubleArray();
        long[] asLong = x.asType(I).toLongArray();
        boolean[] asBool = x.asType(B).toBooleanArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals((long) xv[i], asLong[i], "(long) " + xv[i]);
            assertEquals(xv[i] != 0, asBool[i], "bool(" + xv[i] + ")");
        }
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.0};
        boolean[] b = Tensor.of(specials, dtype, 3).asType(B).toBooleanArray();
        assertArrayEquals(new boolean[] {true, true, false}, b, "NaN and inf are non-zero, -0 is zero");
    }

    @Property(tries = 20)
    void asTypeToTheSameTypeIsTheTensorItself(@ForAll DType a, @ForAll("shapes") int[] shape, @ForAll long seed) {
        Tensor x = sample(a, shape, seed);
        assertSame(x, x.asType(a));
    }

    /** asType between floating types is differentiable; the gradient comes back in the leaf's type. */
    @Property(tries = 50)
    void asTypeIsDifferentiableBetweenFloatingTypes(@ForAll("shapes") int[] shape, @ForAll("floatTypes") DType from,
                                                    @ForAll("floatTypes") DType to, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(shape, -2, 2, seed).asType(from).requiresGrad(true);
        Tensor g = Grad.of(x.asType(to).square().sum(), x)[0];
        assertEquals(from, g.dtype());
        double[] xv = x.toDoubleArray();
        double[] gv = g.toDoubleArray();
        for (int i = 0; i < xv.length; i++) {
            double want = 2 * (to == F ? (float) xv[i] : xv[i]);
            assertEquals(from == F ? (float) want : want, gv[i], Math.ulp((float) want), "d/dx (x as " + to + ")^2");
        }
    }

    // ---- gradients only for floating tensors --------------------------------------------------------------------

    @Property(tries = 30)
    void onlyFloatingTensorsCanRequireGradients(@ForAll DType dtype, @ForAll("shapes") int[] shape,
                                                @ForAll long seed) {
        Tensor x = sample(dtype, shape, seed);
        if (dtype.isFloating()) {
            assertTrue(x.requiresGrad(true).requiresGrad());
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.requiresGrad(true));
            assertTrue(e.getMessage().contains("only floating tensors can require gradients"), e.getMessage());
            assertTrue(e.getMessage().contains(dtype.toString()), e.getMessage());
        }
        assertFalse(x.requiresGrad(false).requiresGrad());
    }

    @Example
    void typeNames() {
        assertEquals("float32", F.toString());
        assertEquals("float64", D.toString());
        assertEquals("int64", I.toString());
        assertEquals("bool", B.toString());
        assertEquals(F, DType.DEFAULT_FLOAT);
        assertEquals(F, Tensor.of(1.0, 2.0).dtype());
        assertEquals(F, Tensor.scalar(1.0).dtype());
        assertEquals(I, Tensor.arange(3).dtype());
    }
}
