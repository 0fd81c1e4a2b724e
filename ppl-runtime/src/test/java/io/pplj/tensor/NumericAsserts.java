package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;

/**
 * Closeness checks for tests that compare computed values with references: relative/absolute tolerances that treat
 * NaN as equal to NaN and infinities as equal only to the same infinity, and errors measured in float32 units in the
 * last place.
 */
final class NumericAsserts {

    private NumericAsserts() {
    }

    /** Whether {@code actual} is within {@code atol + rtol * |expected|} of {@code expected} (NaN matches NaN only). */
    static boolean close(double expected, double actual, double rtol, double atol) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /** Fails with the context, both values and the relative error unless {@link #close} holds. */
    static void assertClose(double expected, double actual, double rtol, double atol, Supplier<String> context) {
        if (!close(expected, actual, rtol, atol)) {
            fail(context.get() + ": expected " + expected + " but got " + actual + " (relative error "
                    + Math.abs(actual - expected) / Math.abs(expected) + ", rtol " + rtol + ", atol " + atol + ")");
        }
    }

    /**
     * The error of a float32 result against an exact (double) reference, in units in the last place of the reference
     * rounded to float32 (the smallest subnormal for zero). 0 when both are the same NaN or infinity; infinite when one
     * is NaN or infinite and the other is not.
     */
    static double floatUlps(double exact, float actual) {
        float e = (float) exact;
        if (Float.isNaN(e) || Float.isNaN(actual)) {
            return Float.isNaN(e) && Float.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Float.isInfinite(e) || Float.isInfinite(actual)) {
            return e == actual ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(actual - exact) / Math.ulp(e);
    }

    /** Fails unless {@code actual} is within {@code ulps} float32 ulps of {@code exact} or within {@code atol}. */
    static void assertFloatUlps(double exact, float actual, double ulps, double atol, Supplier<String> context) {
        double err = floatUlps(exact, actual);
        boolean absOk = Double.isFinite(exact) && Math.abs(actual - exact) <= atol;
        if (!(err <= ulps) && !absOk) {
            fail(context.get() + ": expected " + exact + " (float " + (float) exact + ") but got " + actual + " ("
                    + err + " ulps, allowed " + ulps + ")");
        }
    }

    /** Fails unless the two doubles have the same bits (so -0.0 differs from 0.0; all NaNs are equal). */
    static void assertSameBits(double expected, double actual, Supplier<String> context) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            fail(context.get() + ": expected " + expected + " but got " + actual);
        }
    }
}
