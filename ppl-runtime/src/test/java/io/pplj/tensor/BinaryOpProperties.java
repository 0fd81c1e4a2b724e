package io.pplj.tensor;

import static io.pplj.tensor.NumericAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Tensor-tensor arithmetic with broadcasting (add, sub, mul, div, pow, maximum, minimum, the {@code x log y} family,
 * the binary log-likelihood and its derivative, the derivatives of relu, sigmoid and softplus): float64 and float32
 * values against an element-by-element reference, gradients against finite differences and against PyTorch's
 * conventions for pow (d/da = 0 where b == 0, d/db = 0 where a == 0 and b >= 0) and for ties of maximum/minimum
 * (0.5 each), int64 arithmetic, and type promotion (the gradient reaching a float32 leaf of a float64 result is
 * float32).
 */
class BinaryOpProperties {

    /** The operations under test. */
    enum Op {
        ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, XLOGY, XLOG1PY, XDIVY, BINARY_LOG_LIKELIHOOD,
        BINARY_LOG_LIKELIHOOD_GRAD, RELU_GRAD, SIGMOID_GRAD, SOFTPLUS_GRAD;

        Tensor apply(Tensor a, Tensor b) {
            switch (this) {
                case ADD: return a.add(b);
                case SUB: return a.sub(b);
                case MUL: return a.mul(b);
                case DIV: return a.div(b);
                case POW: return a.pow(b);
                case MAXIMUM: return a.maximum(b);
                case MINIMUM: return a.minimum(b);
                case XLOGY: return a.xlogy(b);
                case XLOG1PY: return a.xlog1py(b);
                case XDIVY: return a.xdivy(b);
                case BINARY_LOG_LIKELIHOOD: return a.binaryLogLikelihood(b);
                case BINARY_LOG_LIKELIHOOD_GRAD: return Elementwise.binary(a, b, BinaryOp.BINARY_LOG_LIKELIHOOD_GRAD);
                case RELU_GRAD: return Elementwise.binary(a, b, BinaryOp.RELU_GRAD);
                case SIGMOID_GRAD: return Elementwise.binary(a, b, BinaryOp.SIGMOID_GRAD);
                default: return Elementwise.binary(a, b, BinaryOp.SOFTPLUS_GRAD);
            }
        }

        double reference(double a, double b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case DIV: return a / b;
                case POW: return Math.pow(a, b);
                case MAXIMUM: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a > b ? a : b;
                case MINIMUM: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a < b ? a : b;
                case XLOGY: return Double.isNaN(b) ? Double.NaN : a == 0 ? 0 : a * Math.log(b);
                case XLOG1PY: return Double.isNaN(b) ? Double.NaN : a == 0 ? 0 : a * Math.log1p(b);
                case XDIVY: return Double.isNaN(b) ? Double.NaN : a == 0 ? 0 : a / b;
                case BINARY_LOG_LIKELIHOOD: return Double.isNaN(a) ? Double.NaN
                        : (b == 0 ? 0 : b * Math.log(a)) + (b == 1 ? 0 : (1 - b) * Math.log1p(-a));
                case BINARY_LOG_LIKELIHOOD_GRAD: return Double.isNaN(a) ? Double.NaN
                        : (b == 0 ? 0 : b / a) - (b == 1 ? 0 : (1 - b) / (1 - a));
                case RELU_GRAD: return Double.isNaN(b) || b <= 0 ? 0 : a;
                case SIGMOID_GRAD: return a * (b * (1 - b));
                default: return a * (b >= 0 ? 1 / (1 + Math.exp(-b)) : Math.exp(b) / (1 + Math.exp(b)));
            }
        }

        /**
         * The float32 kernels' tolerance against {@link #reference32}: exact for arithmetic; one float ulp for the
         * logarithmic ones, whose product is computed in float64 from a logarithm accurate to about 1e-12 and rounded
         * once, so it can round the other way than the reference next to a tie; two for softplus's derivative,
         * whose sigmoid is rounded to float32 before the product (as the sigmoid operation and a product would).
         */
        double float32Rtol() {
            if (this == SOFTPLUS_GRAD) {
                return 0x1p-22;     // the float32 sigmoid is rounded before the product: two roundings, not one
            }
            return this == XLOGY || this == XLOG1PY || this == BINARY_LOG_LIKELIHOOD ? 0x1p-23 : 0;
        }

        float reference32(float a, float b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case DIV: return a / b;
                case POW: return (float) Math.pow(a, b);
                case XDIVY: return Float.isNaN(b) ? Float.NaN : a == 0 ? 0f : a / b;
                case BINARY_LOG_LIKELIHOOD_GRAD: return Float.isNaN(a) ? Float.NaN
                        : (b == 0 ? 0f : b / a) - (b == 1 ? 0f : (1 - b) / (1 - a));
                case SIGMOID_GRAD: return a * (b * (1f - b));
                default: return (float) reference(a, b);
            }
        }
    }

    @Provide
    Arbitrary<int[][]> pairs() {
        return TensorArbitraries.broadcastPair();
    }

    /**
     * Values in [-3, 3] with specials mixed in: 0, -0, 1, 2, -1 (the exponents with shortcuts), infinities, NaN;
     * exact ties between the operands happen often.
     */
    private static Tensor mixed(int[] shape, long seed, DType dtype) {
        Random r = new Random(seed);
        double[] specials = {0.0, -0.0, 1.0, 2.0, -1.0, 0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN};
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : -3 + 6 * r.nextDouble();
        }
        return Tensor.of(v, dtype, shape);
    }

    // ---- forward ------------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void float64MatchesElementwiseReference(@ForAll Op op, @ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = mixed(s[0], seed, DType.FLOAT64);
        Tensor b = mixed(s[1], seed + 1, DType.FLOAT64);
        Tensor c = op.apply(a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        assertEquals(DType.FLOAT64, c.dtype());
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] cv = c.toDoubleArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            double x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            double y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            // pow: shortcuts x*x, x and 1/x for exponents 2, 1, -1 may differ from Math.pow in the last bit
            assertClose(op.reference(x, y), cv[i], op == Op.POW ? 1e-15 : 0, 0,
                    () -> op + "(" + x + ", " + y + ") at " + Arrays.toString(idx) + " of " + Arrays.toString(out));
        }
    }

    @Property(tries = 200)
    void float32MatchesFloatArithmetic(@ForAll Op op, @ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = mixed(s[0], seed, DType.FLOAT32);
        Tensor b = mixed(s[1], seed + 1, DType.FLOAT32);
        Tensor c = op.apply(a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        assertEquals(DType.FLOAT32, c.dtype());
        float[] av = a.toFloatArray();
        float[] bv = b.toFloatArray();
        float[] cv = c.toFloatArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            float x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            float y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            assertClose(op.reference32(x, y), cv[i], op.float32Rtol(), 0, () -> op + "(" + x + "f, " + y + "f) at "
                    + Arrays.toString(idx) + " of " + Arrays.toString(out));
        }
    }

    /**
     * Broadcasts with at least 2^15 result elements, which the CPU backend splits between threads row by row,
     * against the element-by-element reference (float64, exact).
     */
    @Property(tries = 30)
    void largeBroadcastsMatchReference(@ForAll Op op, @ForAll("largePairs") int[][] s, @ForAll long seed) {
        Tensor a = mixed(s[0], seed, DType.FLOAT64);
        Tensor b = mixed(s[1], seed + 1, DType.FLOAT64);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        double[] cv = op.apply(a, b).toDoubleArray();
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        assertEquals(Shapes.numel(out), cv.length);
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            double x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            double y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            int k = i;
            assertClose(op.reference(x, y), cv[i], op == Op.POW ? 1e-15 : 0, 0,
                    () -> op + "(" + x + ", " + y + ") at " + k + " of " + Arrays.toString(out));
        }
    }

    @Provide
    Arbitrary<int[][]> largePairs() {
        return Arbitraries.of(
                new int[][] {{40, 1, 30}, {1, 40, 30}},
                new int[][] {{200, 200}, {200}},
                new int[][] {{200, 200}, {200, 1}},
                new int[][] {{35_000}, {}},
                new int[][] {{7, 1, 5000}, {1, 3, 1}},
                new int[][] {{33, 1000}, {33, 1000}},
                new int[][] {{2, 3, 1, 6000}, {3, 1, 1}});
    }

    // ---- gradients ----------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void subDivPowGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(s[0], -2, 2, seed);
        Tensor b = TensorArbitraries.awayFrom(s[1], -2, 2, seed + 1, 0.4, 0);
        GradCheck.check(t -> t[0].sub(t[1]), a, b);
        GradCheck.check(t -> t[0].div(t[1]), a, b);
        Tensor base = TensorArbitraries.uniform(s[0], 0.3, 3, seed + 2);
        Tensor exponent = TensorArbitraries.uniform(s[1], -2, 2, seed + 3);
        GradCheck.check(t -> t[0].pow(t[1]), base, exponent);
    }

    @Property(tries = 150)
    void xlogyFamilyGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.awayFrom(s[0], -2, 2, seed, 0.2, 0);
        GradCheck.check(t -> t[0].xlogy(t[1]), a, TensorArbitraries.uniform(s[1], 0.3, 3, seed + 1));
        GradCheck.check(t -> t[0].xlog1py(t[1]), a, TensorArbitraries.uniform(s[1], -0.7, 2, seed + 2));
        GradCheck.check(t -> t[0].xdivy(t[1]), a, TensorArbitraries.awayFrom(s[1], -2, 2, seed + 3, 0.4, 0));
        Tensor probs = TensorArbitraries.uniform(s[0], 0.1, 0.9, seed + 4);
        Tensor targets = TensorArbitraries.uniform(s[1], -0.5, 1.5, seed + 5);
        GradCheck.check(t -> t[0].binaryLogLikelihood(t[1]), probs, targets);
        GradCheck.check(t -> Elementwise.binary(t[0], t[1], BinaryOp.BINARY_LOG_LIKELIHOOD_GRAD), probs, targets);
    }

    /** relu's derivative times a: a where b > 0, else 0; its derivative in b is 0 away from b = 0. */
    @Property(tries = 100)
    void reluGradGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(s[0], -2, 2, seed);
        Tensor b = TensorArbitraries.awayFrom(s[1], -2, 2, seed + 1, 0.2, 0);
        GradCheck.check(t -> Elementwise.binary(t[0], t[1], BinaryOp.RELU_GRAD), a, b);
    }

    /** Softplus's derivative (the sigmoid) times a: both partial derivatives against finite differences. */
    @Property(tries = 100)
    void softplusGradGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(s[0], -2, 2, seed);
        Tensor b = TensorArbitraries.uniform(s[1], -4, 4, seed + 1);
        GradCheck.check(t -> Elementwise.binary(t[0], t[1], BinaryOp.SOFTPLUS_GRAD), a, b);
    }

    /** The sigmoid's derivative from its value, times a: both partial derivatives against finite differences. */
    @Property(tries = 100)
    void sigmoidGradGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(s[0], -2, 2, seed);
        Tensor b = TensorArbitraries.uniform(s[1], 0.01, 0.99, seed + 1);
        GradCheck.check(t -> Elementwise.binary(t[0], t[1], BinaryOp.SIGMOID_GRAD), a, b);
    }

    /**
     * Where the first operand is 0 the x...y operations are pinned to 0 and so is the gradient in the second; the
     * gradient in the first is the plain derivative wherever that is finite (log 3 at a = 0, b = 3) and 0 at the
     * poles (log 0, 1 / 0), where the plain formulas are infinite.
     */
    @Example
    void xlogyFamilyGradientsAtZero() {
        Tensor a = Tensor.of(new double[] {0, 0, 2}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0, 3, 0.5}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor[] g = Grad.of(a.xlogy(b).sum(), a, b);
        assertArrayEquals(new double[] {0, Math.log(3), Math.log(0.5)}, g[0].toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 4}, g[1].toDoubleArray(), 1e-15);
        Tensor c = Tensor.of(new double[] {0, 0, 2}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor d = Tensor.of(new double[] {-1, 3, 0.5}, DType.FLOAT64, 3).requiresGrad(true);
        g = Grad.of(c.xlog1py(d).sum(), c, d);
        assertArrayEquals(new double[] {0, Math.log(4), Math.log1p(0.5)}, g[0].toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 2 / 1.5}, g[1].toDoubleArray(), 1e-15);
        g = Grad.of(a.xdivy(b).sum(), a, b);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2}, g[0].toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, -8}, g[1].toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 2 * Math.log(0.5)}, a.xlogy(b).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 4}, a.xdivy(b).toDoubleArray(), 1e-15);
    }

    /**
     * Every pair of special float32 values (signed zeros, infinities, NaN, the poles of log and log1p) laid out as
     * two contiguous rows, so the flat kernels (which recompute the rare non-finite cases one by one) see them all,
     * against the element-by-element reference.
     */
    @Example
    void float32SpecialPairsOnContiguousRows() {
        float[] special = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN, 1e-30f, -1e-30f, Float.MIN_VALUE};
        int n = special.length * special.length;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = special[i / special.length];
            b[i] = special[i % special.length];
        }
        Tensor ta = Tensor.ofFloats(a, n);
        Tensor tb = Tensor.ofFloats(b, n);
        for (Op op : Op.values()) {
            float[] got = op.apply(ta, tb).toFloatArray();
            for (int i = 0; i < n; i++) {
                int k = i;
                assertClose(op.reference32(a[i], b[i]), got[i], op.float32Rtol(), 0,
                        () -> op + "(" + a[k] + "f, " + b[k] + "f)");
            }
        }
    }

    /**
     * The binary log-likelihood and its derivative on 0/1 targets (the one-logarithm path of the float32 kernel),
     * over rows of probabilities (split between threads) that include the poles, values outside [0, 1], tiny values,
     * infinities and NaN, against the element-by-element reference.
     */
    @Property(tries = 20)
    void binaryLogLikelihoodOfZeroOneTargets(@ForAll long seed) {
        Random r = new Random(seed);
        float[] special = {0f, -0f, 1f, 1e-30f, Float.MIN_VALUE, 1 - 0x1p-24f, 1.5f, -0.5f, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int n = 5000;
        float[] p = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextInt(10) == 0 ? special[r.nextInt(special.length)] : r.nextFloat();
            t[i] = r.nextBoolean() ? 1f : 0f;
        }
        Tensor probs = Tensor.ofFloats(p, n);
        Tensor targets = Tensor.ofFloats(t, n);
        for (Op op : new Op[] {Op.BINARY_LOG_LIKELIHOOD, Op.BINARY_LOG_LIKELIHOOD_GRAD}) {
            float[] got = op.apply(probs, targets).toFloatArray();
            for (int i = 0; i < n; i++) {
                int k = i;
                assertClose(op.reference32(p[i], t[i]), got[i], op.float32Rtol(), 0,
                        () -> op + "(" + p[k] + "f, " + t[k] + "f)");
            }
        }
    }

    /** maximum/minimum are differentiable where the operands differ: values pairwise apart by at least 0.1. */
    @Property(tries = 150)
    void maximumMinimumGradientsOnDistinctValues(@ForAll("pairs") int[][] s, @ForAll long seed) {
        int na = Shapes.numel(s[0]);
        int nb = Shapes.numel(s[1]);
        double[] v = TensorArbitraries.distinct(new int[] {na + nb}, seed, 0.1).toDoubleArray();
        Tensor a = Tensor.of(Arrays.copyOfRange(v, 0, na), DType.FLOAT64, s[0]);
        Tensor b = Tensor.of(Arrays.copyOfRange(v, na, na + nb), DType.FLOAT64, s[1]);
        GradCheck.check(t -> t[0].maximum(t[1]), a, b);
        GradCheck.check(t -> t[0].minimum(t[1]), a, b);
    }

    /**
     * pow's gradients follow PyTorch's conventions at every (a, b) from a grid with zeros, negative bases and
     * fractional exponents: d/da = b a^(b-1) but 0 where b == 0; d/db = a^b log a but 0 where a == 0 and b >= 0;
     * summed over broadcast positions.
     */
    @Property(tries = 150)
    void powGradientConventions(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.choose(s[0], seed, 0.0, -1.5, 0.5, 2.0, 1.3).requiresGrad(true);
        Tensor b = TensorArbitraries.choose(s[1], seed + 1, 0.0, 1.0, 2.0, -1.0, 0.5, 1.7).requiresGrad(true);
        Tensor[] g = Grad.of(a.pow(b).sum(), a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] ga = new double[av.length];
        double[] gb = new double[bv.length];
        for (int i = 0; i < Shapes.numel(out); i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            int ia = TensorArbitraries.broadcastSource(s[0], idx);
            int ib = TensorArbitraries.broadcastSource(s[1], idx);
            double x = av[ia];
            double y = bv[ib];
            ga[ia] += y == 0 ? 0 : y * Math.pow(x, y - 1);
            gb[ib] += x == 0 && y >= 0 ? 0 : Math.pow(x, y) * Math.log(x);
        }
        double[] gotA = g[0].toDoubleArray();
        double[] gotB = g[1].toDoubleArray();
        for (int i = 0; i < ga.length; i++) {
            int k = i;
            assertClose(ga[i], gotA[i], 1e-14, 1e-14, () -> "d/da at a[" + k + "] = " + av[k] + ", b = "
                    + Arrays.toString(bv));
        }
        for (int i = 0; i < gb.length; i++) {
            int k = i;
            assertClose(gb[i], gotB[i], 1e-14, 1e-14, () -> "d/db at b[" + k + "] = " + bv[k] + ", a = "
                    + Arrays.toString(av));
        }
    }

    /**
     * maximum/minimum split the gradient evenly on exact ties: operands from {-1, 0, 1} (ties everywhere), the
     * gradient of each operand is 1 where it wins, 0.5 where it ties, 0 where it loses, summed over broadcasting.
     */
    @Property(tries = 150)
    void maximumMinimumSplitTiesEvenly(@ForAll("pairs") int[][] s, @ForAll long seed, @ForAll boolean max,
                                       @ForAll("floatTypes") DType dtype) {
        Tensor a = TensorArbitraries.choose(s[0], seed, -1, 0, 1).asType(dtype).requiresGrad(true);
        Tensor b = TensorArbitraries.choose(s[1], seed + 1, -1, 0, 1).asType(dtype).requiresGrad(true);
        Tensor y = max ? a.maximum(b) : a.minimum(b);
        Tensor[] g = Grad.of(y.sum(), a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] ga = new double[av.length];
        double[] gb = new double[bv.length];
        for (int i = 0; i < Shapes.numel(out); i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            int ia = TensorArbitraries.broadcastSource(s[0], idx);
            int ib = TensorArbitraries.broadcastSource(s[1], idx);
            double x = av[ia];
            double z = bv[ib];
            boolean aWins = max ? x > z : x < z;
            boolean bWins = max ? z > x : z < x;
            ga[ia] += aWins ? 1 : x == z ? 0.5 : 0;
            gb[ib] += bWins ? 1 : x == z ? 0.5 : 0;
        }
        assertEquals(dtype, g[0].dtype());
        assertArrayEquals(ga, g[0].toDoubleArray(), () -> (max ? "maximum" : "minimum") + " d/da, a = "
                + Arrays.toString(av) + ", b = " + Arrays.toString(bv));
        assertArrayEquals(gb, g[1].toDoubleArray(), () -> (max ? "maximum" : "minimum") + " d/db, a = "
                + Arrays.toString(av) + ", b = " + Arrays.toString(bv));
    }

    @Example
    void tieExample() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 5, 0}, DType.FLOAT64, 3).requiresGrad(true);
        Tensor[] gMax = Grad.of(a.maximum(b).sum(), a, b);
        assertArrayEquals(new double[] {0.5, 0, 1}, gMax[0].toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1, 0}, gMax[1].toDoubleArray());
        Tensor[] gMin = Grad.of(a.minimum(b).sum(), a, b);
        assertArrayEquals(new double[] {0.5, 1, 0}, gMin[0].toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0, 1}, gMin[1].toDoubleArray());
    }

    @Provide
    Arbitrary<DType> floatTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
    }

    // ---- integers and promotion ---------------------------------------------------------------------------------

    /** int64 add/sub/mul/maximum/minimum stay int64 with Java long arithmetic (wrapping included). */
    @Property(tries = 150)
    void int64ArithmeticStaysInt64(@ForAll("integerOps") Op op, @ForAll("pairs") int[][] s, @ForAll long seed) {
        long[] av = longs(Shapes.numel(s[0]), seed);
        long[] bv = longs(Shapes.numel(s[1]), seed + 1);
        Tensor c = op.apply(Tensor.ofLongs(av, s[0]), Tensor.ofLongs(bv, s[1]));
        assertEquals(DType.INT64, c.dtype());
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        long[] cv = c.toLongArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            long x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            long y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            long expected;
            switch (op) {
                case ADD: expected = x + y; break;
                case SUB: expected = x - y; break;
                case MUL: expected = x * y; break;
                case MAXIMUM: expected = Math.max(x, y); break;
                default: expected = Math.min(x, y); break;
            }
            assertEquals(expected, cv[i], op + "(" + x + ", " + y + ")");
        }
    }

    @Provide
    Arbitrary<Op> integerOps() {
        return Arbitraries.of(Op.ADD, Op.SUB, Op.MUL, Op.MAXIMUM, Op.MINIMUM);
    }

    private static long[] longs(int n, long seed) {
        Random r = new Random(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(41) - 20;
        }
        return v;
    }

    /** int64 div and pow compute in float32 on the operands converted to float32. */
    @Property(tries = 100)
    void int64DivisionAndPowerGiveFloat32(@ForAll("pairs") int[][] s, @ForAll long seed, @ForAll boolean pow) {
        Random r = new Random(seed);
        long[] av = new long[Shapes.numel(s[0])];
        long[] bv = new long[Shapes.numel(s[1])];
        Arrays.setAll(av, i -> r.nextInt(41) - 20);
        Arrays.setAll(bv, i -> r.nextInt(11) - 5);
        Tensor c = pow ? Tensor.ofLongs(av, s[0]).pow(Tensor.ofLongs(bv, s[1]))
                : Tensor.ofLongs(av, s[0]).div(Tensor.ofLongs(bv, s[1]));
        assertEquals(DType.FLOAT32, c.dtype());
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        float[] cv = c.toFloatArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            float x = av[TensorArbitraries.broadcastSource(s[0], idx)];
            float y = bv[TensorArbitraries.broadcastSource(s[1], idx)];
            float expected = pow ? (float) Math.pow(x, y) : x / y;
            assertClose(expected, cv[i], 0, 0, () -> (pow ? "pow(" : "div(") + x + ", " + y + ")");
        }
    }

    /**
     * float32 with float64 gives float64 computed on the float32 values widened; the gradient reaching the float32
     * leaf is float32 (the float64 gradient rounded), the float64 leaf's is float64.
     */
    @Property(tries = 150)
    void mixedFloat32Float64PromotesAndGradientKeepsLeafType(@ForAll Op op, @ForAll("pairs") int[][] s,
                                                             @ForAll long seed) {
        Tensor a32 = TensorArbitraries.uniform(s[0], 0.5, 2, seed).asType(DType.FLOAT32).requiresGrad(true);
        Tensor b64 = TensorArbitraries.uniform(s[1], 0.5, 2, seed + 1).requiresGrad(true);
        Tensor c = op.apply(a32, b64);
        assertEquals(DType.FLOAT64, c.dtype());
        Tensor a64 = a32.asType(DType.FLOAT64).detach();
        assertArrayEquals(op.apply(a64, b64.detach()).toDoubleArray(), c.toDoubleArray());
        Tensor[] g = Grad.of(c.sum(), a32, b64);
        Tensor[] g64 = Grad.of(op.apply(a64.requiresGrad(true), b64).sum(), b64);
        assertEquals(DType.FLOAT32, g[0].dtype());
        assertEquals(DType.FLOAT64, g[1].dtype());
        assertArrayEquals(s[0], g[0].shape());
        assertArrayEquals(s[1], g[1].shape());
        assertArrayEquals(g64[0].toDoubleArray(), g[1].toDoubleArray());
        Tensor a64leaf = a64.requiresGrad(true);
        double[] ga64 = Grad.of(op.apply(a64leaf, b64.detach()).sum(), a64leaf)[0].toDoubleArray();
        float[] got = g[0].toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) ga64[i], got[i], op + " d/da[" + i + "]");
        }
    }

    /** int64/bool with a floating operand take the floating type; bool with int64 gives int64. */
    @Property(tries = 100)
    void integerWithFloatingPromotes(@ForAll("pairs") int[][] s, @ForAll("floatTypes") DType floating,
                                     @ForAll long seed, @ForAll boolean bool) {
        int n = Shapes.numel(s[0]);
        long[] iv = longs(n, seed);
        boolean[] bv = new boolean[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            iv[i] = iv[i] % 1000;
            bv[i] = r.nextBoolean();
        }
        Tensor ints = bool ? Tensor.ofBooleans(bv, s[0]) : Tensor.ofLongs(iv, s[0]);
        Tensor f = TensorArbitraries.uniform(s[1], -3, 3, seed).asType(floating);
        Tensor c = ints.add(f);
        assertEquals(floating, c.dtype());
        assertArrayEquals(ints.asType(floating).add(f).toDoubleArray(), c.toDoubleArray());
        Tensor mixedInts = Tensor.ofBooleans(bv, s[0]).add(Tensor.ofLongs(longs(Shapes.numel(s[1]), seed), s[1]));
        assertEquals(DType.INT64, mixedInts.dtype());
    }

    /** Shapes that do not broadcast are rejected with the operation and both shapes named. */
    @Property(tries = 50)
    void incompatibleShapesAreRejected(@ForAll("pairs") int[][] s, @ForAll Op op) {
        int[] a = Arrays.copyOf(s[0], s[0].length + 1);
        int[] b = Arrays.copyOf(s[1], s[1].length + 1);
        a[a.length - 1] = 2;
        b[b.length - 1] = 3;
        Tensor x = Tensor.zeros(a);
        Tensor y = Tensor.zeros(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(x, y));
        String m = e.getMessage();
        assertTrue(m.contains(op.name().toLowerCase()) && m.contains(Arrays.toString(a)) && m.contains(
                Arrays.toString(b)), m);
    }
}
