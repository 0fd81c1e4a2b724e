package io.pplj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers of the discrete-family tests: float64 tensors, closeness with infinities, chi-square fits. */
final class DiscreteTestSupport {

    /** The relative tolerance of log-mass comparisons against Commons Math in float64. */
    static final double REL = 1e-10;
    /** The absolute floor of those comparisons, for log-masses at or near 0. */
    static final double ABS = 1e-12;

    private DiscreteTestSupport() {
    }

    static Tensor f64(double v) {
        return Tensor.scalar(v, DType.FLOAT64);
    }

    static Tensor f64(double[] values, int... shape) {
        return Tensor.of(values, DType.FLOAT64, shape);
    }

    static Tensor vec(double... values) {
        return Tensor.of(values, DType.FLOAT64, values.length);
    }

    /** {@code expected == actual} for infinities, else within {@code REL |expected| + ABS}. */
    static void assertLogClose(double expected, double actual, String what) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, REL * Math.abs(expected) + ABS, what);
        }
    }

    /** Elementwise {@link #assertLogClose} of two arrays. */
    static void assertAllLogClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            assertLogClose(expected[i], actual[i], what + " [" + i + "]");
        }
    }

    /** {@code log sigmoid(x)}, accurately in both tails. */
    static double logSigmoid(double x) {
        return x < 0 ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x));
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment; returns the message. */
    static String assertInvalid(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        return e.getMessage();
    }

    /**
     * The chi-square goodness-of-fit p-value of integer samples against a pmf on {@code 0, 1, ...}: cells run
     * upwards from 0, adjacent values are pooled until a cell's expected count is at least 5 (and the rest of the
     * mass still is), and the last cell takes all remaining mass including the unobserved tail.
     *
     * @throws AssertionError if a sample is not a non-negative integer
     */
    static double chiSquarePValue(double[] samples, IntToDoubleFunction pmf) {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        for (double s : samples) {
            assertTrue(s >= 0 && s == Math.rint(s) && s < Integer.MAX_VALUE, "sample " + s + " is not a count");
            counts.merge((int) s, 1L, Long::sum);
        }
        int n = samples.length;
        int max = counts.lastKey();
        List<Double> expected = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        double cellExpected = 0;
        long cellObserved = 0;
        double cumulative = 0;
        long observedSoFar = 0;
        for (int k = 0; k <= max; k++) {
            double pk = pmf.applyAsDouble(k);
            cumulative += pk;
            cellExpected += n * pk;
            long c = counts.getOrDefault(k, 0L);
            cellObserved += c;
            observedSoFar += c;
            double restExpected = n * (1.0 - cumulative);
            if (cellExpected >= 5 && restExpected >= 5) {
                expected.add(cellExpected);
                observed.add(cellObserved);
                cellExpected = 0;
                cellObserved = 0;
            }
        }
        // The last cell: everything not yet in a closed cell, including the mass above the largest sample.
        double closedExpected = expected.stream().mapToDouble(Double::doubleValue).sum();
        expected.add(n - closedExpected);
        observed.add(n - observed.stream().mapToLong(Long::longValue).sum());
        assertEquals(n, observedSoFar);
        assertTrue(expected.size() >= 2, "chi-square needs at least two cells, got " + expected);
        double[] e = expected.stream().mapToDouble(Double::doubleValue).toArray();
        long[] o = observed.stream().mapToLong(Long::longValue).toArray();
        return new ChiSquareTest().chiSquareTest(e, o);
    }

    /** Column {@code j} of a row-major {@code [rows, cols]} array. */
    static double[] column(double[] values, int cols, int j) {
        double[] out = new double[values.length / cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i * cols + j];
        }
        return out;
    }
}
