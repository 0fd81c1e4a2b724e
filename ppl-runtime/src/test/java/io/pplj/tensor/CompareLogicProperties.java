package io.pplj.tensor;

import static io.pplj.tensor.NumericAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Comparisons (tensor and double forms, broadcasting, IEEE NaN semantics: every comparison with NaN is false except
 * ne), logic (and/or/xor/not), where (three-way broadcasting; gradients flow to the selected operand only),
 * isNaN/isFinite, all/any (empty tensors included) and allClose.
 */
class CompareLogicProperties {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Provide
    Arbitrary<int[][]> pairs() {
        return TensorArbitraries.broadcastPair();
    }

    @Provide
    Arbitrary<int[][]> triples() {
        return TensorArbitraries.broadcastShapes(3);
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(4, 3);
    }

    @Provide
    Arbitrary<DType> numericTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL);
    }

    /** The comparison written out independently of the library's {@link CompareOp#test}. */
    private static boolean expected(CompareOp op, double a, double b) {
        switch (op) {
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            case GE: return a >= b;
            case EQ: return a == b;
            default: return !(a == b);
        }
    }

    private static Tensor compare(CompareOp op, Tensor a, Tensor b) {
        switch (op) {
            case LT: return a.lt(b);
            case LE: return a.le(b);
            case GT: return a.gt(b);
            case GE: return a.ge(b);
            case EQ: return a.eq(b);
            default: return a.ne(b);
        }
    }

    private static Tensor compare(CompareOp op, Tensor a, double s) {
        switch (op) {
            case LT: return a.lt(s);
            case LE: return a.le(s);
            case GT: return a.gt(s);
            case GE: return a.ge(s);
            case EQ: return a.eq(s);
            default: return a.ne(s);
        }
    }

    /** Values from a small grid (ties are common), with infinities and, for floating types, NaN. */
    private static Tensor grid(int[] shape, DType dtype, long seed) {
        double[] floating = {-1, 0, -0.0, 1, 2.5, INF, -INF, Double.NaN};
        double[] integral = {-3, -1, 0, 1, 2};
        double[] bool = {0, 1};
        double[] choices = dtype.isFloating() ? floating : dtype == DType.INT64 ? integral : bool;
        return TensorArbitraries.choose(shape, seed, choices).asType(dtype);
    }

    // ---- comparisons --------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void tensorComparisonsMatchReference(@ForAll CompareOp op, @ForAll("pairs") int[][] s,
                                         @ForAll("numericTypes") DType ta, @ForAll("numericTypes") DType tb,
                                         @ForAll long seed) {
        Tensor a = grid(s[0], ta, seed);
        Tensor b = grid(s[1], tb, seed + 1);
        Tensor c = compare(op, a, b);
        assertEquals(DType.BOOL, c.dtype());
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        boolean[] cv = c.toBooleanArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            double x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            double y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            assertEquals(expected(op, x, y), cv[i], op + "(" + x + " " + ta + ", " + y + " " + tb + ")");
        }
    }

    /**
     * The double forms compare with the scalar converted to the tensor's type, as PyTorch does: float32 tensors
     * compare with {@code (float) s}; int64 tensors with integral s exactly, with fractional s in float32.
     */
    @Property(tries = 200)
    void scalarComparisonsMatchReference(@ForAll CompareOp op, @ForAll("shapes") int[] shape,
                                         @ForAll("numericTypes") DType dtype, @ForAll long seed,
                                         @ForAll("comparisonScalars") double s) {
        Tensor a = grid(shape, dtype, seed);
        Tensor c = compare(op, a, s);
        assertEquals(DType.BOOL, c.dtype());
        assertArrayEquals(shape, c.shape());
        double[] av = a.toDoubleArray();
        boolean[] cv = c.toBooleanArray();
        boolean inFloat32 = dtype == DType.FLOAT32 || (!dtype.isFloating() && s != Math.rint(s));
        double sc = inFloat32 ? (float) s : s;
        for (int i = 0; i < cv.length; i++) {
            double x = inFloat32 ? (float) av[i] : av[i];
            assertEquals(expected(op, x, sc), cv[i], op + "(" + x + " " + dtype + ", " + s + ")");
        }
    }

    @Provide
    Arbitrary<Double> comparisonScalars() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 1.0, -1.0, 2.5, 0.1, INF, -INF, Double.NaN),
                Arbitraries.doubles().between(-3, 3));
    }

    /** Any comparison involving NaN is false, except ne, which is true; in both tensor and double forms. */
    @Property(tries = 100)
    void nanComparesUnequalToEverything(@ForAll CompareOp op, @ForAll("comparisonScalars") double x,
                                        @ForAll("floatTypes") DType dtype) {
        Tensor nan = Tensor.of(new double[] {Double.NaN}, dtype, 1);
        Tensor other = Tensor.of(new double[] {x}, dtype, 1);
        boolean want = op == CompareOp.NE;
        assertEquals(want, compare(op, nan, other).toBooleanArray()[0], op + "(NaN, " + x + ")");
        assertEquals(want, compare(op, other, nan).toBooleanArray()[0], op + "(" + x + ", NaN)");
        assertEquals(want, compare(op, nan, x).toBooleanArray()[0], op + "(NaN, " + x + ") double form");
        assertEquals(want, compare(op, other, Double.NaN).toBooleanArray()[0], op + "(" + x + ", NaN) double form");
    }

    @Provide
    Arbitrary<DType> floatTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
    }

    // ---- logic --------------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void logicalOpsMatchReference(@ForAll LogicalOp op, @ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = grid(s[0], DType.BOOL, seed);
        Tensor b = grid(s[1], DType.BOOL, seed + 1);
        Tensor c;
        switch (op) {
            case AND: c = a.and(b); break;
            case OR: c = a.or(b); break;
            default: c = a.xor(b); break;
        }
        assertEquals(DType.BOOL, c.dtype());
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        boolean[] av = a.toBooleanArray();
        boolean[] bv = b.toBooleanArray();
        boolean[] cv = c.toBooleanArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            boolean x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            boolean y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            boolean want = op == LogicalOp.AND ? x && y : op == LogicalOp.OR ? x || y : x != y;
            assertEquals(want, cv[i], op + "(" + x + ", " + y + ")");
        }
        boolean[] notA = a.not().toBooleanArray();
        for (int i = 0; i < av.length; i++) {
            assertEquals(!av[i], notA[i]);
        }
        assertArrayEquals(s[0], a.not().shape());
    }

    @Property(tries = 50)
    void logicRejectsNonBoolOperands(@ForAll LogicalOp op, @ForAll("shapes") int[] shape,
                                     @ForAll("nonBoolTypes") DType dtype) {
        Tensor bool = Tensor.zeros(DType.BOOL, shape);
        Tensor other = Tensor.zeros(dtype, shape);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (op) {
                case AND: bool.and(other); break;
                case OR: other.or(bool); break;
                default: bool.xor(other); break;
            }
        });
        assertTrue(e.getMessage().contains("bool") && e.getMessage().contains(dtype.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, other::not);
    }

    @Provide
    Arbitrary<DType> nonBoolTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64);
    }

    // ---- where --------------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void whereSelectsWithThreeWayBroadcasting(@ForAll("triples") int[][] s, @ForAll long seed,
                                              @ForAll("numericTypes") DType ta, @ForAll("numericTypes") DType tb) {
        Tensor cond = grid(s[0], DType.BOOL, seed);
        Tensor a = grid(s[1], ta, seed + 1);
        Tensor b = grid(s[2], tb, seed + 2);
        Tensor y = Tensor.where(cond, a, b);
        assertEquals(DType.promote(ta, tb), y.dtype());
        int[] out = Shapes.broadcast("test", s[0], s[1], s[2]);
        assertArrayEquals(out, y.shape());
        boolean[] cv = cond.toBooleanArray();
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] yv = y.toDoubleArray();
        for (int i = 0; i < yv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            boolean c = cv[TensorArbitraries.broadcastSource(s[0], idx)];
            double want = c ? av[TensorArbitraries.broadcastSource(s[1], idx)]
                    : bv[TensorArbitraries.broadcastSource(s[2], idx)];
            assertClose(want, yv[i], 0, 0, () -> "where at " + Arrays.toString(idx));
        }
    }

    /**
     * The gradient of where reaches a only where the condition is true and b only where it is false (summed over
     * broadcasting), checked against that rule and against finite differences.
     */
    @Property(tries = 150)
    void whereGradientsFlowToTheSelectedOperand(@ForAll("triples") int[][] s, @ForAll long seed) {
        Tensor cond = grid(s[0], DType.BOOL, seed);
        Tensor a = TensorArbitraries.uniform(s[1], -2, 2, seed + 1);
        Tensor b = TensorArbitraries.uniform(s[2], -2, 2, seed + 2);
        GradCheck.check(t -> Tensor.where(cond, t[0], t[1]), a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1], s[2]);
        double[] w = TensorArbitraries.uniform(out, 0.5, 1.5, seed + 3).toDoubleArray();
        Tensor la = a.requiresGrad(true);
        Tensor lb = b.requiresGrad(true);
        Tensor[] g = Grad.of(Tensor.where(cond, la, lb).mul(Tensor.of(w, DType.FLOAT64, out)).sum(), la, lb);
        double[] ga = new double[a.numel()];
        double[] gb = new double[b.numel()];
        boolean[] cv = cond.toBooleanArray();
        for (int i = 0; i < w.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            if (cv[TensorArbitraries.broadcastSource(s[0], idx)]) {
                ga[TensorArbitraries.broadcastSource(s[1], idx)] += w[i];
            } else {
                gb[TensorArbitraries.broadcastSource(s[2], idx)] += w[i];
            }
        }
        assertArrayEquals(ga, g[0].toDoubleArray(), 1e-14);
        assertArrayEquals(gb, g[1].toDoubleArray(), 1e-14);
        assertArrayEquals(s[1], g[0].shape());
        assertArrayEquals(s[2], g[1].shape());
    }

    /** Mixed float32/float64 operands promote; each gradient comes back in its own leaf's type. */
    @Property(tries = 50)
    void whereGradientKeepsLeafTypes(@ForAll("triples") int[][] s, @ForAll long seed) {
        Tensor cond = grid(s[0], DType.BOOL, seed);
        Tensor a = TensorArbitraries.uniform(s[1], -2, 2, seed + 1).asType(DType.FLOAT32).requiresGrad(true);
        Tensor b = TensorArbitraries.uniform(s[2], -2, 2, seed + 2).requiresGrad(true);
        Tensor y = Tensor.where(cond, a, b);
        assertEquals(DType.FLOAT64, y.dtype());
        Tensor[] g = Grad.of(y.sum(), a, b);
        assertEquals(DType.FLOAT32, g[0].dtype());
        assertEquals(DType.FLOAT64, g[1].dtype());
    }

    @Property(tries = 50)
    void whereRejectsNonBoolCondition(@ForAll("shapes") int[] shape, @ForAll("nonBoolTypes") DType dtype) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.where(Tensor.zeros(dtype, shape), Tensor.zeros(shape), Tensor.ones(shape)));
        assertTrue(e.getMessage().contains("where") && e.getMessage().contains("bool"), e.getMessage());
    }

    // ---- classification and reductions to bool ------------------------------------------------------------------

    @Property(tries = 100)
    void isNaNAndIsFinite(@ForAll("shapes") int[] shape, @ForAll("numericTypes") DType dtype, @ForAll long seed) {
        Tensor x = grid(shape, dtype, seed);
        Tensor nan = x.isNaN();
        Tensor finite = x.isFinite();
        assertEquals(DType.BOOL, nan.dtype());
        assertEquals(DType.BOOL, finite.dtype());
        assertArrayEquals(shape, nan.shape());
        assertArrayEquals(shape, finite.shape());
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.isNaN(v[i]), nan.toBooleanArray()[i], "isNaN(" + v[i] + ")");
            assertEquals(Double.isFinite(v[i]), finite.toBooleanArray()[i], "isFinite(" + v[i] + ")");
        }
    }

    /** all/any of tensors of any type (non-zero and NaN count as true), shapes with size-0 dimensions included. */
    @Property(tries = 200)
    void allAndAnyMatchReference(@ForAll("possiblyEmptyShapes") int[] shape, @ForAll("numericTypes") DType dtype,
                                 @ForAll long seed, @ForAll("truthRates") int rate) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        double[] truthy = dtype.isFloating() ? new double[] {1, -2.5, INF, Double.NaN} : new double[] {1, -3};
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(100) < rate ? truthy[r.nextInt(truthy.length)] : 0.0;
        }
        Tensor x = Tensor.of(v, DType.FLOAT64, shape).asType(dtype);
        boolean all = true;
        boolean any = false;
        for (double d : v) {
            all &= d != 0;
            any |= d != 0;
        }
        Tensor gotAll = x.all();
        Tensor gotAny = x.any();
        assertEquals(DType.BOOL, gotAll.dtype());
        assertEquals(0, gotAll.dim());
        assertEquals(0, gotAny.dim());
        assertEquals(all, gotAll.item() != 0, "all of " + Arrays.toString(v));
        assertEquals(any, gotAny.item() != 0, "any of " + Arrays.toString(v));
    }

    @Provide
    Arbitrary<int[]> possiblyEmptyShapes() {
        return Arbitraries.integers().between(0, 3).array(int[].class).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> truthRates() {
        return Arbitraries.of(0, 50, 95, 100);
    }

    @Example
    void emptyTensorsAreAllTrueAndNotAny() {
        for (DType t : DType.values()) {
            assertEquals(1.0, Tensor.zeros(t, 0).all().item(), t.toString());
            assertEquals(0.0, Tensor.zeros(t, 0).any().item(), t.toString());
            assertEquals(1.0, Tensor.zeros(t, 2, 0, 3).all().item(), t.toString());
        }
    }

    // ---- allClose -----------------------------------------------------------------------------------------------

    /**
     * allClose is {@code |a - b| <= atol + rtol |b|} everywhere after broadcasting, NaN never close; checked on
     * finite values with perturbations just inside and well outside the tolerance.
     */
    @Property(tries = 200)
    void allCloseMatchesTheFormula(@ForAll("pairs") int[][] s, @ForAll long seed,
                                   @ForAll("floatTypes") DType ta, @ForAll("floatTypes") DType tb,
                                   @ForAll boolean withNaN) {
        Random r = new Random(seed);
        double rtol = r.nextBoolean() ? 1e-5 : 1e-2;
        double atol = r.nextBoolean() ? 1e-8 : 1e-3;
        Tensor b = TensorArbitraries.uniform(s[1], -3, 3, seed).asType(tb);
        double[] bv = b.toDoubleArray();
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        double[] av = new double[Shapes.numel(s[0])];
        for (int i = 0; i < av.length; i++) {
            // a takes the b value it meets first under broadcasting, perturbed by 0.5x or 3x the tolerance there
            int[] ia = TensorArbitraries.unflatten(s[0], i);
            int[] idx = new int[out.length];
            int lead = out.length - ia.length;
            for (int d = 0; d < ia.length; d++) {
                idx[lead + d] = ia[d];
            }
            double base = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            double tol = atol + rtol * Math.abs(base);
            av[i] = base + (r.nextInt(10) == 0 ? 3 : 0.5) * tol * (r.nextBoolean() ? 1 : -1);
        }
        if (withNaN && av.length > 0) {
            av[r.nextInt(av.length)] = Double.NaN;
        }
        Tensor a = Tensor.of(av, ta, s[0]);
        double[] aRounded = a.toDoubleArray();
        boolean want = true;
        for (int i = 0; i < Shapes.numel(out); i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            double x = aRounded[TensorArbitraries.broadcastSource(s[0], idx)];
            double y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            want &= Math.abs(x - y) <= atol + rtol * Math.abs(y);
        }
        assertEquals(want, a.allClose(b, rtol, atol), () -> "allClose(" + Arrays.toString(aRounded) + ", "
                + Arrays.toString(bv) + ", rtol " + rtol + ", atol " + atol + ")");
    }

    /**
     * Equal infinities are close (NumPy's isclose/allclose and PyTorch's allclose treat them as equal). Fails today:
     * |inf - inf| is NaN in the formula (see report).
     */
    @Property(tries = 20)
    void allCloseTreatsEqualInfinitiesAsClose(@ForAll("shapes") int[] shape, @ForAll("floatTypes") DType dtype,
                                              @ForAll long seed) {
        Tensor x = TensorArbitraries.choose(shape, seed, INF, -INF, 1.0, -2.0).asType(dtype);
        assertTrue(x.allClose(x, 1e-5, 1e-8), () -> "allClose(x, x) for x = " + x);
    }

    /**
     * Nothing but the same infinity is close to an infinity: not a finite value, not the opposite infinity, in either
     * argument order. Fails today: with rtol > 0 the bound {@code atol + rtol |b|} is itself infinite when b is, so
     * allClose(1, inf) and allClose(inf, -inf) are true (see report).
     */
    @Property(tries = 50)
    void allCloseNeverMatchesOtherValuesToAnInfinity(@ForAll("floatTypes") DType dtype,
                                                     @ForAll("comparisonScalars") double finite,
                                                     @ForAll boolean positive) {
        if (!Double.isFinite(finite)) {
            finite = 0.5;
        }
        double inf = positive ? INF : -INF;
        Tensor infinity = Tensor.of(new double[] {inf}, dtype, 1);
        Tensor other = Tensor.of(new double[] {finite}, dtype, 1);
        Tensor opposite = Tensor.of(new double[] {-inf}, dtype, 1);
        double f = finite;
        assertFalse(other.allClose(infinity, 1e-5, 1e-8), () -> "allClose(" + f + ", " + inf + ")");
        assertFalse(infinity.allClose(other, 1e-5, 1e-8), () -> "allClose(" + inf + ", " + f + ")");
        assertFalse(opposite.allClose(infinity, 1e-5, 1e-8), () -> "allClose(" + -inf + ", " + inf + ")");
    }
}
