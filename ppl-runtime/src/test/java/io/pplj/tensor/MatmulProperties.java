package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Matrix products with NumPy's matmul rules: every rank combination 1-D..4-D with broadcasting batch dimensions
 * against a reference triple loop, on the small Java path and the OpenBLAS path (m·n·k ≥ 32768, staged through
 * native buffers, including the folded and broadcast batches, and with operands remembered between products), in
 * float32 and float64; gradients of both operands (finite differences on small shapes, a reference loop on large
 * ones, which exercises transposed native products); and the errors for misaligned or non-broadcasting shapes.
 */
class MatmulProperties {

    /** Operand shapes {a, b} for random ranks 1..4, sizes up to maxSize and batch sizes up to maxBatch. */
    private static Arbitrary<int[][]> operandShapes(int maxSize, int maxBatch) {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, maxSize).array(int[].class).ofSize(3), Arbitraries.longs())
                .as((ra, rb, mkn, seed) -> shapesFor(ra, rb, mkn[0], mkn[1], mkn[2], maxBatch, new Random(seed)));
    }

    static int[][] shapesFor(int ra, int rb, int m, int k, int n, int maxBatch, Random r) {
        int batchRank = Math.max(Math.max(ra, rb) - 2, 0);
        int[] batch = new int[batchRank];
        for (int i = 0; i < batchRank; i++) {
            batch[i] = 1 + r.nextInt(maxBatch);
        }
        int[] a = ra == 1 ? new int[] {k} : withMatrix(batch, ra - 2, m, k, r);
        int[] b = rb == 1 ? new int[] {k} : withMatrix(batch, rb - 2, k, n, r);
        return new int[][] {a, b};
    }

    /** The last {@code rank} batch sizes (some turned into 1) followed by rows and cols. */
    private static int[] withMatrix(int[] batch, int rank, int rows, int cols, Random r) {
        int[] s = new int[rank + 2];
        for (int i = 0; i < rank; i++) {
            s[i] = r.nextInt(3) == 0 ? 1 : batch[batch.length - rank + i];
        }
        s[rank] = rows;
        s[rank + 1] = cols;
        return s;
    }

    @Provide
    Arbitrary<int[][]> operands() {
        return operandShapes(4, 3);
    }

    @Provide
    Arbitrary<int[][]> smallOperands() {
        return operandShapes(3, 2);
    }

    // ---- reference --------------------------------------------------------------------------------------------

    /** A product computed by loops: the result shape, values, and the per-element scale sum |a||b|. */
    static final class Reference {
        final int[] shape;
        final double[] values;
        final double[] scale;
        final int[] batch;
        final int[] batchA;
        final int[] batchB;
        final int m;
        final int k;
        final int n;

        Reference(int[] sa, double[] a, int[] sb, double[] b) {
            int[] a2 = sa.length == 1 ? new int[] {1, sa[0]} : sa;
            int[] b2 = sb.length == 1 ? new int[] {sb[0], 1} : sb;
            m = a2[a2.length - 2];
            k = a2[a2.length - 1];
            n = b2[b2.length - 1];
            assertEquals(k, b2[b2.length - 2], "reference needs aligned shapes");
            batchA = Arrays.copyOf(a2, a2.length - 2);
            batchB = Arrays.copyOf(b2, b2.length - 2);
            batch = Shapes.broadcast("reference", batchA, batchB);
            int count = Shapes.numel(batch);
            values = new double[count * m * n];
            scale = new double[values.length];
            for (int bi = 0; bi < count; bi++) {
                int[] bidx = TensorArbitraries.unflatten(batch, bi);
                int oa = TensorArbitraries.broadcastSource(batchA, bidx) * m * k;
                int ob = TensorArbitraries.broadcastSource(batchB, bidx) * k * n;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        double abs = 0;
                        for (int p = 0; p < k; p++) {
                            double t = a[oa + i * k + p] * b[ob + p * n + j];
                            s += t;
                            abs += Math.abs(t);
                        }
                        values[(bi * m + i) * n + j] = s;
                        scale[(bi * m + i) * n + j] = abs;
                    }
                }
            }
            int[] out = batch;
            if (sa.length > 1) {
                out = TensorArbitraries.insert(out, out.length, m);
            }
            if (sb.length > 1) {
                out = TensorArbitraries.insert(out, out.length, n);
            }
            shape = out;
        }

        /** Gradients {dA, dB} of sum(w * (a @ b)) for weights w in the result's element order. */
        double[][] gradients(double[] a, double[] b, double[] w) {
            double[] ga = new double[a.length];
            double[] gb = new double[b.length];
            int count = Shapes.numel(batch);
            for (int bi = 0; bi < count; bi++) {
                int[] bidx = TensorArbitraries.unflatten(batch, bi);
                int oa = TensorArbitraries.broadcastSource(batchA, bidx) * m * k;
                int ob = TensorArbitraries.broadcastSource(batchB, bidx) * k * n;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double wij = w[(bi * m + i) * n + j];
                        for (int p = 0; p < k; p++) {
                            ga[oa + i * k + p] += wij * b[ob + p * n + j];
                            gb[ob + p * n + j] += wij * a[oa + i * k + p];
                        }
                    }
                }
            }
            return new double[][] {ga, gb};
        }
    }

    private static void assertClose(double[] expected, double[] scale, double[] actual, double rtol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tol = rtol * (scale[i] + Math.abs(expected[i])) + 1e-300;
            int at = i;
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol, () -> what + ": element " + at + " is "
                    + actual[at] + ", expected " + expected[at]);
        }
    }

    private static Tensor values(int[] shape, DType dtype, long seed) {
        return TensorArbitraries.uniform(shape, -1, 1, seed).asType(dtype);
    }

    private static void checkForward(int[] sa, int[] sb, DType dtype, long seed, double rtol) {
        Tensor a = values(sa, dtype, seed);
        Tensor b = values(sb, dtype, seed + 1);
        Reference ref = new Reference(sa, a.toDoubleArray(), sb, b.toDoubleArray());
        Tensor c = a.matmul(b);
        String what = dtype + " " + Arrays.toString(sa) + " @ " + Arrays.toString(sb);
        assertEquals(dtype, c.dtype(), what);
        assertArrayEquals(ref.shape, c.shape(), what);
        assertClose(ref.values, ref.scale, c.toDoubleArray(), rtol, what);
    }

    // ---- forward ----------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void float64ProductsOfEveryRankMatchReference(@ForAll("operands") int[][] s, @ForAll long seed) {
        checkForward(s[0], s[1], DType.FLOAT64, seed, 1e-12);
    }

    @Property(tries = 100)
    void float32ProductsOfEveryRankMatchReference(@ForAll("operands") int[][] s, @ForAll long seed) {
        checkForward(s[0], s[1], DType.FLOAT32, seed, 1e-5);
    }

    @Example
    void namedRankCombinations() {
        int[][][] cases = {
            {{4}, {4}},                 // vector . vector = scalar
            {{3, 4}, {4}},              // matrix . vector
            {{4}, {4, 2}},              // vector . matrix
            {{4}, {2, 4, 3}},           // vector . batch
            {{2, 3, 4}, {4}},           // batch . vector
            {{2, 1, 3, 4}, {5, 4, 2}},  // broadcasting batch dims
            {{3, 1, 2, 4}, {1, 4, 4, 3}},
        };
        for (int[][] c : cases) {
            checkForward(c[0], c[1], DType.FLOAT64, 7, 1e-12);
        }
        assertArrayEquals(new int[0], Tensor.of(1, 2, 3).matmul(Tensor.of(4, 5, 6)).shape());
        assertEquals(32.0, Tensor.of(1, 2, 3).matmul(Tensor.of(4, 5, 6)).item());
        assertArrayEquals(new int[] {2, 5, 3, 2}, Tensor.zeros(2, 1, 3, 4).matmul(Tensor.zeros(5, 4, 2)).shape());
    }

    /** Sizes with m·n·k ≥ 32768 run on OpenBLAS: plain, folded (tall A, shared B), batched, broadcast, vectors. */
    @Provide
    Arbitrary<int[][]> largeCases() {
        return Arbitraries.of(
                new int[][] {{40, 40}, {40, 40}},
                new int[][] {{33, 40}, {40, 25}},
                new int[][] {{3, 40, 40}, {40, 40}},
                new int[][] {{3, 33, 40}, {3, 40, 25}},
                new int[][] {{40, 40}, {3, 40, 40}},
                new int[][] {{2, 1, 33, 40}, {3, 40, 25}},
                new int[][] {{40}, {40, 1000}},
                new int[][] {{1000, 40}, {40}},
                new int[][] {{3, 1000, 40}, {40}},         // folded batch times a vector
                new int[][] {{40}, {3, 40, 1000}},         // vector times a batch: A broadcast
                new int[][] {{16, 16, 16}, {16, 16, 16}},  // Java path, batch split across threads
                new int[][] {{31, 32, 32}, {32, 33}},      // just over the native threshold (33792)
                new int[][] {{30000}, {30000}});           // a long dot product stays on the Java path
    }

    @Provide
    Arbitrary<DType> floats() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
    }

    @Property(tries = 26)
    void largeProductsMatchReference(@ForAll("largeCases") int[][] s, @ForAll("floats") DType dtype) {
        checkForward(s[0], s[1], dtype, 42, dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
    }

    @Property(tries = 26)
    void largeProductGradientsMatchReference(@ForAll("largeCases") int[][] s, @ForAll("floats") DType dtype) {
        Tensor a = values(s[0], dtype, 3).requiresGrad(true);
        Tensor b = values(s[1], dtype, 4).requiresGrad(true);
        Tensor c = a.matmul(b);
        Tensor w = values(c.shape(), dtype, 5);
        Tensor[] g = Grad.of(c.mul(w).sum(), a, b);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[][] expected = new Reference(s[0], av, s[1], bv).gradients(av, bv, w.toDoubleArray());
        // gradient scale: dA = w b^T summed over batches; bound by |w||b| sums
        double[][] scales = new Reference(s[0], abs(av), s[1], abs(bv)).gradients(abs(av), abs(bv),
                abs(w.toDoubleArray()));
        double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        String what = dtype + " " + Arrays.toString(s[0]) + " @ " + Arrays.toString(s[1]);
        assertArrayEquals(s[0], g[0].shape());
        assertArrayEquals(s[1], g[1].shape());
        assertClose(expected[0], scales[0], g[0].toDoubleArray(), rtol, "dA of " + what);
        assertClose(expected[1], scales[1], g[1].toDoubleArray(), rtol, "dB of " + what);
    }

    private static double[] abs(double[] v) {
        return Arrays.stream(v).map(Math::abs).toArray();
    }

    // ---- gradients --------------------------------------------------------------------------------------------

    @Property(tries = 80)
    void gradientsOfBothOperandsIncludingBroadcastBatches(@ForAll("smallOperands") int[][] s, @ForAll long seed) {
        GradCheck.check(t -> t[0].matmul(t[1]), TensorArbitraries.uniform(s[0], -1, 1, seed),
                TensorArbitraries.uniform(s[1], -1, 1, seed + 1));
    }

    @Example
    void gradientOfBroadcastBatchOperandSumsOverBatch() {
        GradCheck.check(t -> t[0].matmul(t[1]), TensorArbitraries.uniform(new int[] {2, 1, 3, 2}, -1, 1, 1),
                TensorArbitraries.uniform(new int[] {3, 2, 2}, -1, 1, 2));
    }

    /**
     * The native path remembers float32 operands by array identity (a weight used forward and backward, say): a run
     * of products drawing operands from a small pool, in random roles and orientations (the same tensor as both
     * operands, batched with different offsets, included), gives exactly the products of fresh copies of the
     * operands, which are never remembered.
     */
    @Property(tries = 30)
    void rememberedOperandsNeverChangeAProduct(@ForAll long seed) {
        Random r = new Random(seed);
        Tensor[] pool = new Tensor[6];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = TensorArbitraries.uniform(new int[] {2, 40, 40}, -1, 1, seed + i).asType(DType.FLOAT32);
        }
        for (int step = 0; step < 40; step++) {
            Tensor a = pool[r.nextInt(pool.length)];
            Tensor b = r.nextInt(4) == 0 ? a : pool[r.nextInt(pool.length)];
            if (r.nextInt(4) == 0) {
                // one array as both operands, its two matrices paired every way: different offsets into it
                b = a.reshape(1, 2, 40, 40);
                a = a.reshape(2, 1, 40, 40);
            }
            boolean transposeA = r.nextBoolean();
            boolean transposeB = r.nextBoolean();
            Tensor expected = LinearAlgebra.product(a.mul(1.0), b.mul(1.0), transposeA, transposeB, a.shape(),
                    b.shape());
            Tensor actual = LinearAlgebra.product(a, b, transposeA, transposeB, a.shape(), b.shape());
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f, "step " + step);
        }
    }

    // ---- types and errors -------------------------------------------------------------------------------------

    @Example
    void mixedTypesPromote() {
        Tensor a32 = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b64 = Tensor.of(new double[] {1, 0, 0, 1}, DType.FLOAT64, 2, 2);
        assertEquals(DType.FLOAT64, a32.matmul(b64).dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4}, a32.matmul(b64).toDoubleArray());
        Tensor i = Tensor.ofLongs(new long[] {1, 0, 0, 1}, 2, 2);
        assertTrue(a32.matmul(i).dtype().isFloating());
        assertArrayEquals(new double[] {1, 2, 3, 4}, a32.matmul(i).toDoubleArray());
    }

    @Property(tries = 100)
    void misalignedShapesAreRejectedNamingBothShapes(@ForAll("operands") int[][] s) {
        int[] sb = s[1].clone();
        int kAt = sb.length == 1 ? 0 : sb.length - 2;
        sb[kAt] += 1;
        Tensor a = Tensor.zeros(s[0]);
        Tensor b = Tensor.zeros(sb);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains(Arrays.toString(s[0]))
                && e.getMessage().contains(Arrays.toString(sb)), e.getMessage());
    }

    @Example
    void nonBroadcastingBatchesAndScalarsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[3, 4, 5]"), e.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> Tensor.scalar(2).matmul(Tensor.zeros(3)));
        assertTrue(scalar.getMessage().contains("[]") && scalar.getMessage().contains("[3]"), scalar.getMessage());
        IllegalArgumentException vectors = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        assertTrue(vectors.getMessage().contains("[3]") && vectors.getMessage().contains("[4]"),
                vectors.getMessage());
    }
}
