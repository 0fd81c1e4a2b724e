package io.pplj.dist;

import static io.pplj.dist.DistTestSupport.append;
import static io.pplj.dist.DistTestSupport.concat;
import static io.pplj.dist.DistTestSupport.randomShape;
import static io.pplj.dist.DistTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoublePredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Constraint#check} semantics: the result is bool with the value's shape minus the constraint's event dims;
 * scalar constraints agree elementwise with their mathematical definition on random values, bounds, the neighbours of
 * bounds, signed zeros, infinities and NaN; event constraints (simplex, lowerCholesky, positiveDefinite,
 * corrCholesky, independent) judge whole events, on boundary examples and NaN.
 */
class ConstraintProperties {

    record Scalar(Constraint c, DoublePredicate reference) {
    }

    static List<Scalar> scalarConstraints(double a, double b) {
        List<Scalar> s = new ArrayList<>();
        s.add(new Scalar(Constraint.real(), v -> !Double.isNaN(v)));
        s.add(new Scalar(Constraint.positive(), v -> v > 0));
        s.add(new Scalar(Constraint.nonNegative(), v -> v >= 0));
        s.add(new Scalar(Constraint.greaterThan(a), v -> v > a));
        s.add(new Scalar(Constraint.greaterThanEq(a), v -> v >= a));
        s.add(new Scalar(Constraint.lessThan(b), v -> v < b));
        s.add(new Scalar(Constraint.interval(a, b), v -> v >= a && v <= b));
        s.add(new Scalar(Constraint.unitInterval(), v -> v >= 0 && v <= 1));
        s.add(new Scalar(Constraint.integer(), v -> Double.isFinite(v) && v == Math.floor(v)));
        s.add(new Scalar(Constraint.nonNegativeInteger(), v -> Double.isFinite(v) && v == Math.floor(v) && v >= 0));
        s.add(new Scalar(Constraint.positiveInteger(), v -> Double.isFinite(v) && v == Math.floor(v) && v >= 1));
        s.add(new Scalar(Constraint.bool(), v -> v == 0 || v == 1));
        s.add(new Scalar(Constraint.integerInterval(-2, 3), v -> v == Math.floor(v) && v >= -2 && v <= 3));
        return s;
    }

    /** Random values mixed with the interesting ones: bounds, their float neighbours, ±0, ±1, ±inf, NaN, integers. */
    static double[] values(Random r, int n, double a, double b) {
        double[] special = {a, b, Math.nextUp(a), Math.nextDown(a), Math.nextUp(b), Math.nextDown(b), 0.0, -0.0,
            1.0, -1.0, Math.nextUp(0.0), -Math.nextUp(0.0), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, 2.0, -2.0, 3.0, 2.5, Math.nextDown(1.0), 1e300};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (r.nextDouble() * 8 - 4);
        }
        return v;
    }

    /**
     * Every scalar constraint agrees with its definition elementwise, in float64 and float32 (where the value is
     * representable), for values of generated shapes; the result is bool and keeps the value's shape.
     */
    @Property(tries = 60)
    void scalarChecksMatchTheirDefinitions(@ForAll @IntRange(min = 0, max = 3) int rank, @ForAll long seed) {
        Random r = new Random(seed);
        double a = Math.round((r.nextDouble() * 6 - 3) * 8) / 8.0; // exact in float32 too
        double b = a + 0.125 + Math.round(r.nextDouble() * 16) / 8.0;
        int[] shape = randomShape(r, rank, 4);
        double[] v = values(r, DistTestSupport.numel(shape), a, b);
        for (Scalar s : scalarConstraints(a, b)) {
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Tensor x = Tensor.of(v, dtype, shape);
                double[] xv = x.toDoubleArray(); // as represented in this dtype
                Tensor ok = s.c().check(x);
                assertEquals(DType.BOOL, ok.dtype(), s.c() + ": bool result");
                assertArrayEquals(shape, ok.shape(), s.c() + ": shape");
                boolean[] got = ok.toBooleanArray();
                for (int i = 0; i < xv.length; i++) {
                    assertEquals(s.reference().test(xv[i]), got[i], s.c() + " on " + xv[i] + " (" + dtype + ")");
                }
            }
        }
    }

    /**
     * The one-boolean answer (computed from extremes) agrees with the elementwise check, on mixed values that
     * usually contain a violation and on the satisfying subset of the same values, in every numeric dtype.
     */
    @Property(tries = 60)
    void isSatisfiedByAgreesWithCheck(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        Random r = new Random(seed);
        double a = Math.round((r.nextDouble() * 6 - 3) * 8) / 8.0;
        double b = a + 0.125 + Math.round(r.nextDouble() * 16) / 8.0;
        double[] v = values(r, n, a, b);
        for (Scalar s : scalarConstraints(a, b)) {
            double[] satisfying = Arrays.stream(v).filter(s.reference()).toArray();
            for (double[] values : new double[][] {v, satisfying}) {
                for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
                    if (dtype == DType.INT64 && !Arrays.stream(values).allMatch(Double::isFinite)) {
                        continue;
                    }
                    Tensor x = Tensor.of(values, DType.FLOAT64, values.length).asType(dtype);
                    boolean expected = s.c().check(x).all().item() != 0.0;
                    assertEquals(expected, s.c().isSatisfiedBy(x), s.c() + " on " + Arrays.toString(
                            x.toDoubleArray()) + " (" + dtype + ")");
                    Constraint blocks = Constraint.independent(s.c(), 1);
                    assertEquals(expected, blocks.isSatisfiedBy(x), blocks + " (" + dtype + ")");
                }
            }
        }
    }

    @Test
    void integerAndBoolTypedValues() {
        Tensor ints = Tensor.ofLongs(-2, 0, 1, 5);
        assertArrayEquals(new boolean[] {false, true, true, true}, Constraint.nonNegativeInteger().check(ints)
                .toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, true, true}, Constraint.positive().check(ints)
                .toBooleanArray());
        assertArrayEquals(new boolean[] {false, true, true, false}, Constraint.bool().check(ints).toBooleanArray());
        Tensor bools = Tensor.ofBooleans(new boolean[] {true, false}, 2);
        assertArrayEquals(new boolean[] {true, true}, Constraint.bool().check(bools).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, true, false},
                Constraint.integerInterval(Tensor.of(3.0, 3.0, 1.0, 4.0)).check(Tensor.of(0.0, 3.5, 1.0, 5.0))
                        .toBooleanArray());
    }

    @Test
    void tensorBoundsBroadcast() {
        Tensor lo = Tensor.of(new double[] {0, 1, 2}, DType.FLOAT64, 3);
        Tensor hi = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64, 3);
        Tensor x = Tensor.of(new double[] {0, 1.5, 3, 0.5, 1, Double.NaN}, DType.FLOAT64, 2, 3);
        assertArrayEquals(new boolean[] {false, true, true, true, false, false},
                Constraint.greaterThan(lo).check(x).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true, true, true, true, false},
                Constraint.interval(lo, hi).check(x).toBooleanArray(), "closed interval, NaN excluded");
    }

    // ---- event constraints -----------------------------------------------------------------------------------

    private static Tensor m(double... v) {
        int n = (int) Math.round(Math.sqrt(v.length));
        return Tensor.of(v, DType.FLOAT64, n, n);
    }

    private static boolean holds(Constraint c, Tensor v) {
        Tensor ok = c.check(v);
        assertEquals(0, ok.dim(), c + ": one event gives a scalar");
        return ok.item() != 0;
    }

    @Test
    void simplexBoundaries() {
        Constraint c = Constraint.simplex();
        assertTrue(holds(c, Tensor.of(new double[] {0.2, 0.8}, DType.FLOAT64, 2)));
        assertTrue(holds(c, Tensor.of(new double[] {0, 1}, DType.FLOAT64, 2)), "zero entries allowed");
        assertTrue(holds(c, Tensor.of(new double[] {1}, DType.FLOAT64, 1)));
        assertTrue(holds(c, Tensor.of(new double[] {0.5, 0.5 + 5e-7}, DType.FLOAT64, 2)), "sum within 1e-6");
        assertFalse(holds(c, Tensor.of(new double[] {0.5, 0.5 + 2e-6}, DType.FLOAT64, 2)), "sum off by 2e-6");
        assertFalse(holds(c, Tensor.of(new double[] {-1e-12, 1 + 1e-12}, DType.FLOAT64, 2)), "negative entry");
        assertFalse(holds(c, Tensor.of(new double[] {Double.NaN, 1}, DType.FLOAT64, 2)), "NaN");
        assertFalse(holds(c, Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1}, DType.FLOAT64, 2)), "inf");
    }

    @Test
    void lowerCholeskyBoundaries() {
        Constraint c = Constraint.lowerCholesky();
        assertTrue(holds(c, m(1, 0, -3, 0.5)));
        assertTrue(holds(c, m(2)));
        assertFalse(holds(c, m(1, 1e-300, 0, 1)), "upper entry");
        assertFalse(holds(c, m(1, 0, 0, 0)), "zero diagonal");
        assertFalse(holds(c, m(1, 0, 0, -1)), "negative diagonal");
        assertFalse(holds(c, m(1, 0, Double.NaN, 1)), "NaN below the diagonal");
        assertFalse(holds(c, m(1, Double.NaN, 0, 1)), "NaN above the diagonal");
        assertFalse(holds(c, m(Double.NaN, 0, 0, 1)), "NaN on the diagonal");
    }

    @Test
    void positiveDefiniteBoundaries() {
        Constraint c = Constraint.positiveDefinite();
        assertTrue(holds(c, m(2, 1, 1, 2)));
        assertTrue(holds(c, m(1e-300)));
        assertFalse(holds(c, m(1, 2, 2, 1)), "indefinite");
        assertFalse(holds(c, m(1, 1, 1, 1)), "singular");
        assertFalse(holds(c, m(0)), "zero");
        assertFalse(holds(c, m(2, 1, 0, 2)), "not symmetric (its lower triangle alone is positive definite)");
        assertFalse(holds(c, m(1, 0, 0, Double.NaN)), "NaN on the diagonal");
        assertFalse(holds(c, m(1, Double.NaN, Double.NaN, 1)), "NaN off the diagonal");
    }

    @Test
    void corrCholeskyBoundaries() {
        Constraint c = Constraint.corrCholesky();
        assertTrue(holds(c, m(1, 0, 0.6, 0.8)));
        assertTrue(holds(c, m(1)));
        assertFalse(holds(c, m(1, 0, 0.6, 0.7)), "row norm 0.92");
        assertFalse(holds(c, m(1, 0, 0.6, -0.8)), "negative diagonal");
        assertFalse(holds(c, m(1, 0.0001, 0.6, 0.8)), "upper entry");
        assertFalse(holds(c, m(2)), "diagonal 2");
        assertFalse(holds(c, m(1, 0, Double.NaN, 0.8)), "NaN");
        assertTrue(holds(c, Tensor.ofFloats(new float[] {1, 0, 0.6f, 0.8f}, 2, 2)), "float32 tolerance");
    }

    @Test
    void independentJudgesWholeBlocks() {
        Constraint c = Constraint.independent(Constraint.positive(), 1);
        assertEquals(1, c.eventDim());
        assertArrayEquals(new boolean[] {true, false}, c.check(Tensor.of(new double[] {1, 2, 1, 0}, DType.FLOAT64,
                2, 2)).toBooleanArray());
        Constraint s = Constraint.independent(Constraint.simplex(), 1);
        assertEquals(2, s.eventDim());
        Tensor two = Tensor.of(new double[] {0.5, 0.5, 0.1, 0.9, 0.5, 0.5, 0.1, 0.8}, DType.FLOAT64, 2, 2, 2);
        assertArrayEquals(new boolean[] {true, false}, s.check(two).toBooleanArray());
        assertTrue(Constraint.independent(Constraint.bool(), 2).isDiscrete());
        assertEquals(Constraint.real(), Constraint.independent(Constraint.real(), 0));
        assertThrows(IllegalArgumentException.class, () -> Constraint.independent(Constraint.real(), -1));
    }

    /** For every constraint and generated batch shapes, check drops exactly the event dims. */
    @Property(tries = 30)
    void checkDropsEventDims(@ForAll @IntRange(min = 0, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int n,
                             @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, rank, 3);
        Object[][] cases = {
            {Constraint.real(), new int[0]}, {Constraint.realVector(), new int[] {n}},
            {Constraint.positive(), new int[0]}, {Constraint.interval(-1, 1), new int[0]},
            {Constraint.integer(), new int[0]}, {Constraint.simplex(), new int[] {n}},
            {Constraint.lowerCholesky(), new int[] {n, n}}, {Constraint.positiveDefinite(), new int[] {n, n}},
            {Constraint.corrCholesky(), new int[] {n, n}},
            {Constraint.independent(Constraint.positive(), 2), new int[] {2, n}},
            {Constraint.independent(Constraint.simplex(), 1), new int[] {2, n}},
            {Constraint.independent(Constraint.lowerCholesky(), 1), new int[] {3, n, n}},
            {Constraint.greaterThan(uniform(r, -1, 1, n)), new int[] {n}},
        };
        for (Object[] c : cases) {
            Constraint constraint = (Constraint) c[0];
            int[] event = (int[]) c[1];
            assertEquals(event.length == 1 && constraint instanceof Constraints.TensorBounds ? 0 : event.length,
                    constraint.eventDim(), constraint + ": eventDim");
            Tensor v = uniform(r, -1, 1, concat(batch, event));
            int[] expected = constraint.eventDim() == 0 ? v.shape() : batch;
            assertArrayEquals(expected, constraint.check(v).shape(), constraint + " on " + Arrays.toString(v.shape()));
        }
        assertArrayEquals(append(batch), Constraint.positiveDefinite().check(
                DistTestSupport.spd(r, n, 0.1, batch)).shape());
        assertTrue(Constraint.positiveDefinite().check(DistTestSupport.spd(r, n, 0.1, batch)).all().item() != 0);
    }
}
