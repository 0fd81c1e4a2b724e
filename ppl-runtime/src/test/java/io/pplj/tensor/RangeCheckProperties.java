package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.cpu.CpuBackend;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Tensor#allInRange} and {@link Tensor#allIntegersInRange} against a plain loop over the elements' double
 * values, for every dtype, on values mixing the bounds, their neighbours, integers, fractions, infinities and NaN;
 * and the CPU kernels against {@link Backend}'s default. Float32 elements are judged against bounds that float32
 * cannot represent exactly (the kernel rounds the bounds inwards) as by their double values.
 */
class RangeCheckProperties {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, -2.5, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, 1e30, -3.0, 3.0};

    @Property(tries = 300)
    void rangeChecksMatchTheDefinition(@ForAll @IntRange(min = 0, max = 12) int n,
                                       @ForAll @IntRange(min = 0, max = 3) int dtypeIndex,
                                       @ForAll @IntRange(min = -4, max = 1) int lowerIndex,
                                       @ForAll @IntRange(min = -1, max = 4) int upperIndex, @ForAll long seed) {
        Random r = new Random(seed);
        double lower = lowerIndex == -4 ? Double.NEGATIVE_INFINITY : lowerIndex * 0.75;
        double upper = upperIndex == 4 ? Double.POSITIVE_INFINITY : upperIndex * 0.75 + 0.5;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
                    : r.nextBoolean() ? r.nextInt(7) - 3 : r.nextDouble() * 8 - 4;
        }
        DType dtype = new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL}[dtypeIndex];
        if (dtype == DType.INT64) {
            v = Arrays.stream(v).map(x -> Double.isFinite(x) ? Math.rint(x) : 0).toArray();
        } else if (dtype == DType.BOOL) {
            v = Arrays.stream(v).map(x -> x > 0.5 ? 1 : 0).toArray();
        }
        Tensor x = Tensor.of(v, DType.FLOAT64, n).asType(dtype);
        double[] values = x.toDoubleArray();
        boolean inRange = true;
        boolean integers = true;
        for (double e : values) {
            boolean ok = e >= lower && e <= upper;
            inRange &= ok;
            integers &= ok && Double.isFinite(e) && e == Math.floor(e);
        }
        String what = Arrays.toString(values) + " in [" + lower + ", " + upper + "] as " + dtype;
        assertEquals(inRange, x.allInRange(lower, upper), what);
        assertEquals(integers, x.allIntegersInRange(lower, upper), what + ", integers");
        Backend composed = DefaultKernels.of(CpuBackend.shared(), "allInRange");
        assertEquals(inRange, composed.allInRange(x.storage(), lower, upper, false), what + ", default");
        assertEquals(integers, composed.allInRange(x.storage(), lower, upper, true), what + ", default integers");
    }

    /**
     * A tensor remembers the last range it was found within: a sequence of queries on the same tensor, wider and
     * narrower, with and without integrality, must each get the answer of the definition.
     */
    @Property(tries = 200)
    void rememberedRangesNeverChangeAnAnswer(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? r.nextInt(7) - 3 : r.nextDouble() * 8 - 4;
        }
        Tensor x = Tensor.of(v, DType.FLOAT32, n);
        double[] values = x.toDoubleArray();
        for (int q = 0; q < 12; q++) {
            double lower = r.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : r.nextInt(9) * 0.5 - 4.5;
            double upper = r.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : r.nextInt(9) * 0.5;
            boolean integral = r.nextBoolean();
            boolean expected = true;
            for (double e : values) {
                expected &= e >= lower && e <= upper && (!integral || e == Math.floor(e));
            }
            boolean got = integral ? x.allIntegersInRange(lower, upper) : x.allInRange(lower, upper);
            assertEquals(expected, got, "query " + q + ": " + Arrays.toString(values) + " in [" + lower + ", "
                    + upper + "]" + (integral ? ", integers" : ""));
        }
    }

    /**
     * Bounds between two floats, beyond float32's range and next to zero: each float32 element just inside or just
     * outside a bound gets the answer its double value gets.
     */
    @Example
    void float32ElementsAgainstBoundsBetweenFloats() {
        double[][] bounds = {{0.1, 0.3}, {-1e300, 1e300}, {Double.MIN_VALUE, 1}, {-0.3, -Double.MIN_VALUE},
            {1e-50, 1e300}};
        for (double[] b : bounds) {
            float[] near = {(float) b[0], Math.nextDown((float) b[0]), Math.nextUp((float) b[0]), (float) b[1],
                Math.nextDown((float) b[1]), Math.nextUp((float) b[1]), 0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
            for (float f : near) {
                Tensor x = Tensor.ofFloats(new float[] {f}, 1);
                boolean expected = f >= b[0] && f <= b[1];
                assertEquals(expected, x.allInRange(b[0], b[1]), f + " in [" + b[0] + ", " + b[1] + "]");
            }
        }
    }
}
