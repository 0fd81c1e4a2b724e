package io.pplj.tensor.cpu;

/**
 * Range checks for validation, one pass per question: whether any element lies outside {@code [lower, upper]} (NaN included) or,
 * when asked, is non-integral or infinite, found without branching on the data, so random-looking data (0/1 pixels,
 * say) costs no mispredictions. Bool and int64 elements are integers by type.
 */
final class RangeKernels {

    private RangeKernels() {
    }

    static boolean allInRange(CpuStorage x, double lower, double upper, boolean integral) {
        switch (x.dtype()) {
            case FLOAT32: return rangeF32(x.f32(), lower, upper, integral);
            case FLOAT64: return rangeF64(x.f64(), lower, upper, integral);
            case INT64: return rangeI64(x.i64(), lower, upper);
            default: return rangeBool(x.bool(), lower, upper);
        }
    }

    /**
     * Float32 elements are compared with the bounds rounded inwards to float32 (the smallest float at least
     * {@code lower}, the largest at most {@code upper}), which accepts exactly the same floats and keeps the loop free
     * of conversions; the integrality test runs in a loop of its own, so a plain range check does not pay for it.
     */
    private static boolean rangeF32(float[] x, double lower, double upper, boolean integral) {
        float lo = (float) lower < lower ? Math.nextUp((float) lower) : (float) lower;
        float hi = (float) upper > upper ? Math.nextDown((float) upper) : (float) upper;
        int bad = 0;
        for (float f : x) {
            bad |= f >= lo & f <= hi ? 0 : 1;
        }
        if (integral) {
            for (float f : x) {
                bad |= isInteger(f) ? 0 : 1;
            }
        }
        return bad == 0;
    }

    private static boolean rangeF64(double[] x, double lower, double upper, boolean integral) {
        int bad = 0;
        for (double v : x) {
            bad |= v >= lower & v <= upper ? 0 : 1;
        }
        if (integral) {
            for (double v : x) {
                bad |= isInteger(v) ? 0 : 1;
            }
        }
        return bad == 0;
    }

    /**
     * Finite and without a fractional part, without calling {@code Math.floor}: a finite double of magnitude 2^52
     * or more is an integer, and a smaller one is exactly when truncating it to a long loses nothing.
     */
    private static boolean isInteger(double v) {
        return v - v == 0 & (Math.abs(v) >= 0x1p52 | v == (long) v);
    }

    private static boolean rangeI64(long[] x, double lower, double upper) {
        int bad = 0;
        for (long l : x) {
            double v = l;
            bad |= v >= lower & v <= upper ? 0 : 1;
        }
        return bad == 0;
    }

    private static boolean rangeBool(boolean[] x, double lower, double upper) {
        boolean zeroOk = 0 >= lower && 0 <= upper;
        boolean oneOk = 1 >= lower && 1 <= upper;
        for (boolean b : x) {
            if (!(b ? oneOk : zeroOk)) {
                return false;
            }
        }
        return true;
    }
}
