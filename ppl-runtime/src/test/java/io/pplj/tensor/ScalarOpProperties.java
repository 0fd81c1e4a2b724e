package io.pplj.tensor;

import static io.pplj.tensor.NumericAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tensor-with-double operations (add, sub, rsub, mul, div, rdiv, pow, clampMin, clampMax, clamp): float64 values
 * against Java arithmetic, float32 values against float arithmetic with the scalar rounded to float (the documented
 * "scalar takes the tensor's type"), gradients (pow at exponents 0, 1, 2, -1, 0.5, 3.3; clamp passing the gradient
 * on the closed interval), and int64/bool tensors staying int64 with integral scalars.
 */
class ScalarOpProperties {

    /** The operations under test; {@link #CLAMP} uses {@code min(s, t)} and {@code max(s, t)} as bounds. */
    enum Op {
        ADD, SUB, RSUB, MUL, DIV, RDIV, POW, CLAMP_MIN, CLAMP_MAX, CLAMP;

        Tensor apply(Tensor x, double s, double t) {
            switch (this) {
                case ADD: return x.add(s);
                case SUB: return x.sub(s);
                case RSUB: return x.rsub(s);
                case MUL: return x.mul(s);
                case DIV: return x.div(s);
                case RDIV: return x.rdiv(s);
                case POW: return x.pow(s);
                case CLAMP_MIN: return x.clampMin(s);
                case CLAMP_MAX: return x.clampMax(s);
                default: return x.clamp(Math.min(s, t), Math.max(s, t));
            }
        }

        double reference(double x, double s, double t) {
            switch (this) {
                case ADD: return x + s;
                case SUB: return x - s;
                case RSUB: return s - x;
                case MUL: return x * s;
                case DIV: return x / s;
                case RDIV: return s / x;
                case POW: return Math.pow(x, s);
                case CLAMP_MIN: return Double.isNaN(x) ? x : x < s ? s : x;
                case CLAMP_MAX: return Double.isNaN(x) ? x : x > s ? s : x;
                default: return CLAMP_MAX.reference(CLAMP_MIN.reference(x, Math.min(s, t), 0), Math.max(s, t), 0);
            }
        }

        /** The same in float32 arithmetic, with the scalars rounded to float first. */
        float reference32(float x, double s, double t) {
            float sf = (float) s;
            float tf = (float) t;
            switch (this) {
                case ADD: return x + sf;
                case SUB: return x - sf;
                case RSUB: return sf - x;
                case MUL: return x * sf;
                case DIV: return x / sf;
                case RDIV: return sf / x;
                case POW: return (float) Math.pow(x, sf);
                default: return (float) reference(x, sf, tf);
            }
        }

        /** d op / dx where differentiable. */
        double derivative(double x, double s, double t) {
            switch (this) {
                case ADD: case SUB: return 1;
                case RSUB: return -1;
                case MUL: return s;
                case DIV: return 1 / s;
                case RDIV: return -s / (x * x);
                case POW: return s == 0 ? 0 : s * Math.pow(x, s - 1);
                case CLAMP_MIN: return x >= s ? 1 : 0;
                case CLAMP_MAX: return x <= s ? 1 : 0;
                default: return x >= Math.min(s, t) && x <= Math.max(s, t) ? 1 : 0;
            }
        }
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(4, 3);
    }

    /** Scalars: the exponents and bounds that have special code paths, plus arbitrary ones. */
    @Provide
    Arbitrary<Double> scalars() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 1.0, 2.0, -1.0, 0.5, 3.3, -2.5, 3.0),
                Arbitraries.doubles().between(-10, 10));
    }

    @Provide
    Arbitrary<Double> exponents() {
        return Arbitraries.of(0.0, 1.0, 2.0, -1.0, 0.5, 3.3, 3.0, -2.5);
    }

    /** Values on [-10, 10] with zeros, signed zeros, infinities and NaN mixed in. */
    private static double[] values(int n, long seed) {
        Random r = new Random(seed);
        double[] specials = {0.0, -0.0, 1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(8) == 0 ? specials[r.nextInt(specials.length)] : -10 + 20 * r.nextDouble();
        }
        return v;
    }

    // ---- forward ------------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void float64MatchesJavaArithmetic(@ForAll Op op, @ForAll("shapes") int[] shape, @ForAll("scalars") double s,
                                      @ForAll("scalars") double t, @ForAll long seed) {
        double[] v = values(Shapes.numel(shape), seed);
        Tensor y = op.apply(Tensor.of(v, DType.FLOAT64, shape), s, t);
        assertEquals(DType.FLOAT64, y.dtype());
        assertArrayEquals(shape, y.shape());
        double[] got = y.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            int k = i;
            // pow: x*x and 1/x shortcuts for exponents 2 and -1 may differ from Math.pow in the last bit
            double rtol = op == Op.POW ? 1e-15 : 0;
            assertClose(op.reference(v[i], s, t), got[i], rtol, 0, () -> op + "(" + v[k] + ", " + s + ", " + t + ")");
        }
    }

    @Property(tries = 200)
    void float32MatchesFloatArithmetic(@ForAll Op op, @ForAll("shapes") int[] shape, @ForAll("scalars") double s,
                                       @ForAll("scalars") double t, @ForAll long seed) {
        Tensor x = Tensor.of(values(Shapes.numel(shape), seed), DType.FLOAT32, shape);
        float[] in = x.toFloatArray();
        Tensor y = op.apply(x, s, t);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(shape, y.shape());
        float[] got = y.toFloatArray();
        for (int i = 0; i < in.length; i++) {
            int k = i;
            assertClose(op.reference32(in[i], s, t), got[i], 0, 0, () -> op + "(" + in[k] + "f, " + s + ", " + t + ")");
        }
    }

    // ---- gradients ----------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void gradientMatchesFiniteDifferences(@ForAll Op op, @ForAll("shapes") int[] shape, @ForAll("scalars") double s,
                                          @ForAll("scalars") double t, @ForAll long seed) {
        double lo = Math.min(s, t);
        double hi = Math.max(s, t);
        Tensor x;
        double scalar = s;
        switch (op) {
            case DIV:
                scalar = Math.abs(s) < 0.1 ? 1.5 : s;
                x = TensorArbitraries.uniform(shape, -3, 3, seed);
                break;
            case RDIV:
                x = TensorArbitraries.awayFrom(shape, -3, 3, seed, 0.3, 0);
                break;
            case POW:
                x = TensorArbitraries.uniform(shape, 0.3, 3, seed);
                break;
            case CLAMP_MIN: case CLAMP_MAX:
                x = TensorArbitraries.awayFrom(shape, -12, 12, seed, 0.01, s);
                break;
            case CLAMP:
                x = TensorArbitraries.awayFrom(shape, -12, 12, seed, 0.01, lo, hi);
                break;
            default:
                x = TensorArbitraries.uniform(shape, -3, 3, seed);
        }
        double sc = scalar;
        GradCheck.check(a -> op.apply(a[0], sc, t), x);
    }

    /** Powers with integral exponents are differentiable at negative bases too. */
    @Property(tries = 60)
    void powGradientAtNegativeBasesWithIntegralExponents(@ForAll("shapes") int[] shape, @ForAll long seed,
                                                         @ForAll("integralExponents") double p) {
        GradCheck.check(a -> a[0].pow(p), TensorArbitraries.awayFrom(shape, -3, 3, seed, 0.3, 0));
    }

    @Provide
    Arbitrary<Double> integralExponents() {
        return Arbitraries.of(0.0, 1.0, 2.0, 3.0, -1.0, -2.0);
    }

    /**
     * The pow gradient equals {@code p x^(p-1)} elementwise (0 for p = 0, even at x = 0) for every exponent, at
     * every base including 0 and negative ones, in float64.
     */
    @Property(tries = 100)
    void powGradientIsPTimesXToPMinusOne(@ForAll("shapes") int[] shape, @ForAll("exponents") double p,
                                          @ForAll long seed) {
        Tensor x = TensorArbitraries.choose(shape, seed, 0.0, 1.0, 2.5, -1.5, 0.3, -0.7).requiresGrad(true);
        Tensor g = Grad.of(x.pow(p).sum(), x)[0];
        double[] xs = x.toDoubleArray();
        double[] gs = g.toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            int k = i;
            assertClose(Op.POW.derivative(xs[i], p, 0), gs[i], 1e-15, 0, () -> "d/dx " + xs[k] + "^" + p);
        }
    }

    /** The clamp gradient is 1 where {@code min <= x <= max} (bounds included) and 0 outside. */
    @Property(tries = 100)
    void clampGradientPassesOnTheClosedInterval(@ForAll("shapes") int[] shape, @ForAll("scalars") double s,
                                                @ForAll("scalars") double t, @ForAll long seed,
                                                @ForAll("floatTypes") DType dtype) {
        double lo = Math.min(s, t);
        double hi = Math.max(s, t);
        Tensor x = TensorArbitraries.choose(shape, seed, lo, hi, lo - 1, hi + 1, (lo + hi) / 2)
                .asType(dtype).requiresGrad(true);
        Tensor[] g = Grad.of(x.clamp(lo, hi).sum().add(x.clampMin(lo).sum()).add(x.clampMax(hi).sum()), x);
        double[] xs = x.toDoubleArray();
        double[] gs = g[0].toDoubleArray();
        assertEquals(dtype, g[0].dtype());
        for (int i = 0; i < xs.length; i++) {
            double xi = xs[i];
            // bounds compared in the tensor's type, as the forward does
            double l = dtype == DType.FLOAT32 ? (float) lo : lo;
            double h = dtype == DType.FLOAT32 ? (float) hi : hi;
            double expected = (xi >= l && xi <= h ? 1 : 0) + (xi >= l ? 1 : 0) + (xi <= h ? 1 : 0);
            assertEquals(expected, gs[i], 0.0, () -> "clamp gradients at " + xi + " in [" + l + ", " + h + "]");
        }
    }

    @Provide
    Arbitrary<DType> floatTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
    }

    @Property(tries = 30)
    void clampRejectsMinAboveMax(@ForAll("scalars") double s, @ForAll("scalars") double t) {
        double lo = Math.min(s, t);
        double hi = Math.max(s, t);
        if (lo == hi) {
            hi = lo + 1;
        }
        double min = hi;
        double max = lo;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2).clamp(min, max));
        assertTrue(e.getMessage().contains("clamp") && e.getMessage().contains(String.valueOf(min))
                && e.getMessage().contains(String.valueOf(max)), e.getMessage());
    }

    // ---- integer tensors ----------------------------------------------------------------------------------------

    /** int64 (and bool) tensors with an integral scalar: add/sub/rsub/mul/clamp stay int64 with exact long math. */
    @Property(tries = 150)
    void int64WithIntegralScalarStaysInt64(@ForAll("integerOps") Op op, @ForAll("shapes") int[] shape,
                                           @ForAll long seed, @ForAll boolean bool) {
        Random r = new Random(seed);
        int n = Shapes.numel(shape);
        long[] v = new long[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3) == 0 ? r.nextLong() >> r.nextInt(64) : r.nextInt(2001) - 1000;
            b[i] = r.nextBoolean();
            if (bool) {
                v[i] = b[i] ? 1 : 0;
            }
        }
        long s = r.nextInt(2001) - 1000;
        long t = r.nextInt(2001) - 1000;
        Tensor x = bool ? Tensor.ofBooleans(b, shape) : Tensor.ofLongs(v, shape);
        Tensor y = op.apply(x, s, t);
        assertEquals(DType.INT64, y.dtype(), op + " of " + x.dtype() + " with " + s);
        assertArrayEquals(shape, y.shape());
        long[] got = y.toLongArray();
        for (int i = 0; i < n; i++) {
            long expected;
            switch (op) {
                case ADD: expected = v[i] + s; break;
                case SUB: expected = v[i] - s; break;
                case RSUB: expected = s - v[i]; break;
                case MUL: expected = v[i] * s; break;
                case CLAMP_MIN: expected = Math.max(v[i], s); break;
                case CLAMP_MAX: expected = Math.min(v[i], s); break;
                default: expected = Math.min(Math.max(v[i], Math.min(s, t)), Math.max(s, t)); break;
            }
            assertEquals(expected, got[i], op + "(" + v[i] + ", " + s + ", " + t + ")");
        }
    }

    @Provide
    Arbitrary<Op> integerOps() {
        return Arbitraries.of(Op.ADD, Op.SUB, Op.RSUB, Op.MUL, Op.CLAMP_MIN, Op.CLAMP_MAX, Op.CLAMP);
    }

    /**
     * int64 tensors with a non-integral scalar (e.g. {@code + 0.5}), and div/rdiv/pow with any scalar, compute in
     * float32 on the values converted to float32.
     */
    @Property(tries = 150)
    void int64WithFractionalScalarOrDivisionGoesToFloat32(@ForAll Op op, @ForAll("shapes") int[] shape,
                                                          @ForAll long seed) {
        Random r = new Random(seed);
        int n = Shapes.numel(shape);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(41) - 20;
        }
        boolean division = op == Op.DIV || op == Op.RDIV || op == Op.POW;
        double s = r.nextInt(21) - 10 + (division && r.nextBoolean() ? 0 : 0.5);
        double t = s + 3;
        Tensor y = op.apply(Tensor.ofLongs(v, shape), s, t);
        assertEquals(DType.FLOAT32, y.dtype(), op + " of int64 with " + s);
        float[] got = y.toFloatArray();
        for (int i = 0; i < n; i++) {
            int k = i;
            assertClose(op.reference32(v[i], s, t), got[i], 0, 0, () -> op + "(" + v[k] + "L, " + s + ")");
        }
    }

    /** The examples from the brief. */
    @Property(tries = 20)
    void int64PlusScalarExamples(@ForAll("shapes") int[] shape) {
        int n = Shapes.numel(shape);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i - 2;
        }
        Tensor x = Tensor.ofLongs(v, shape);
        Tensor plus2 = x.add(2.0);
        Tensor plusHalf = x.add(0.5);
        assertEquals(DType.INT64, plus2.dtype());
        assertEquals(DType.FLOAT32, plusHalf.dtype());
        for (int i = 0; i < n; i++) {
            assertEquals(v[i] + 2, plus2.toLongArray()[i]);
            assertEquals(v[i] + 0.5f, plusHalf.toFloatArray()[i]);
        }
    }
}
