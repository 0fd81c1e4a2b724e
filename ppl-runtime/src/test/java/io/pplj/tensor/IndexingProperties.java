package io.pplj.tensor;

import static io.pplj.tensor.TensorArbitraries.flatIndex;
import static io.pplj.tensor.TensorArbitraries.tabulate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Integer indexing (indexSelect, gather, scatterAdd, oneHot) with PyTorch semantics: forward values against an
 * element-by-element reference (repeated indices, index tensors smaller than the source outside the indexed dim),
 * gradients (accumulation over repeated indices, finite differences), and the errors for out-of-range and non-int64
 * indices.
 */
class IndexingProperties {

    @Provide
    Arbitrary<int[]> nonScalar() {
        return TensorArbitraries.shape(1, 4, 4);
    }

    @Provide
    Arbitrary<int[]> smallNonScalar() {
        return TensorArbitraries.shape(1, 3, 3);
    }

    @Provide
    Arbitrary<int[]> indexShapes() {
        return TensorArbitraries.shape(3, 3);
    }

    // ---- indexSelect ------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void indexSelectPicksSlicesWithRepeats(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int m = r.nextInt(6);
        Tensor index = TensorArbitraries.indices(new int[] {m}, s[d], r);
        long[] iv = index.toLongArray();
        int dimArg = r.nextBoolean() ? d - s.length : d;
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.indexSelect(dimArg, index);
        int[] shape = s.clone();
        shape[d] = m;
        double[] xv = x.toDoubleArray();
        assertArrayEquals(shape, y.shape());
        assertArrayEquals(tabulate(shape, idx -> {
            int[] src = idx.clone();
            src[d] = (int) iv[idx[d]];
            return xv[flatIndex(s, src)];
        }), y.toDoubleArray(), () -> Arrays.toString(s) + ".indexSelect(" + dimArg + ", " + Arrays.toString(iv)
                + ")");
    }

    @Property(tries = 100)
    void indexSelectGradientAccumulatesOverRepeatedIndices(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        long[] iv = TensorArbitraries.indices(new int[] {1 + r.nextInt(6)}, s[d], r).toLongArray();
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor g = Grad.of(x.indexSelect(d, Tensor.ofLongs(iv)).sum(), x)[0];
        assertArrayEquals(tabulate(s, idx -> Arrays.stream(iv).filter(k -> k == idx[d]).count()),
                g.toDoubleArray(), () -> "gradient of sum(" + Arrays.toString(s) + ".indexSelect(" + d + ", "
                        + Arrays.toString(iv) + "))");
    }

    @Property(tries = 50)
    void indexSelectGradient(@ForAll("smallNonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        Tensor index = TensorArbitraries.indices(new int[] {1 + r.nextInt(4)}, s[d], r);
        GradCheck.check(t -> t[0].indexSelect(d, index).square(), TensorArbitraries.uniform(s, -1, 1, seed));
    }

    // ---- gather, scatterAdd -----------------------------------------------------------------------------------

    /** An index shape for gather/scatter along d: any size along d, at most x's size elsewhere. */
    private static int[] scatterIndexShape(int[] s, int d, Random r) {
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = i == d ? 1 + r.nextInt(4) : 1 + r.nextInt(s[i]);
        }
        return shape;
    }

    @Property(tries = 200)
    void gatherFollowsPyTorchSemantics(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int[] is = scatterIndexShape(s, d, r);
        Tensor index = TensorArbitraries.indices(is, s[d], r);
        long[] iv = index.toLongArray();
        int dimArg = r.nextBoolean() ? d - s.length : d;
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.gather(dimArg, index);
        double[] xv = x.toDoubleArray();
        assertArrayEquals(is, y.shape());
        // out[i][j] = x[index[i][j]][j] for dim 0, generalised
        assertArrayEquals(tabulate(is, idx -> {
            int[] src = idx.clone();
            src[d] = (int) iv[flatIndex(is, idx)];
            return xv[flatIndex(s, src)];
        }), y.toDoubleArray(), () -> Arrays.toString(s) + ".gather(" + dimArg + ", index " + Arrays.toString(is)
                + " " + Arrays.toString(iv) + ")");
    }

    @Example
    void gatherDim0AndDim1Examples() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT64, 3, 2);
        Tensor i0 = Tensor.ofLongs(new long[] {2, 0, 1, 1}, 2, 2);
        assertArrayEquals(new double[] {5, 2, 3, 4}, x.gather(0, i0).toDoubleArray());
        Tensor i1 = Tensor.ofLongs(new long[] {1, 1, 0}, 3, 1);
        assertArrayEquals(new double[] {2, 4, 5}, x.gather(1, i1).toDoubleArray());
    }

    @Property(tries = 200)
    void scatterAddAddsSourceAtIndexedPositions(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int[] is = scatterIndexShape(s, d, r);
        checkScatterAdd(s, d, is, is, seed, r);
    }

    /**
     * PyTorch's scatter_add accepts a src larger than index in any dimension and uses only its first
     * {@code index.size(d)} entries in every dimension d.
     */
    @Property(tries = 100)
    void scatterAddAcceptsSourceLargerThanIndex(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int[] is = scatterIndexShape(s, d, r);
        int[] ss = is.clone();
        ss[r.nextInt(ss.length)] += 1 + r.nextInt(2);
        checkScatterAdd(s, d, is, ss, seed, r);
    }

    @Example
    void scatterAddWithLongerSourceMinimalCase() {
        Tensor base = Tensor.zeros(DType.FLOAT64, 2);
        Tensor src = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64, 3);
        Tensor y = base.scatterAdd(0, Tensor.ofLongs(1, 1), src);
        assertArrayEquals(new double[] {0, 3}, y.toDoubleArray());
    }

    private static void checkScatterAdd(int[] s, int d, int[] is, int[] ss, long seed, Random r) {
        Tensor index = TensorArbitraries.indices(is, s[d], r);
        long[] iv = index.toLongArray();
        Tensor base = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor src = TensorArbitraries.uniform(ss, -1, 1, seed + 1);
        double[] expected = base.toDoubleArray();
        double[] sv = src.toDoubleArray();
        for (int i = 0; i < iv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(is, i);
            int[] dst = idx.clone();
            dst[d] = (int) iv[i];
            expected[flatIndex(s, dst)] += sv[flatIndex(ss, idx)];
        }
        Supplier<String> what = () -> Arrays.toString(s) + ".scatterAdd(" + d + ", index " + Arrays.toString(is)
                + " " + Arrays.toString(iv) + ", src " + Arrays.toString(ss) + ")";
        Tensor y = base.scatterAdd(d, index, src);
        assertArrayEquals(s, y.shape(), what);
        double[] got = y.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-12, what);
        }
    }

    @Example
    void scatterAddPromotesTypesAndKeepsIntegers() {
        Tensor base = Tensor.ofLongs(new long[] {1, 1, 1}, 3);
        Tensor idx = Tensor.ofLongs(2, 0, 2);
        Tensor yi = base.scatterAdd(0, idx, Tensor.ofLongs(10, 20, 30));
        assertEquals(DType.INT64, yi.dtype());
        assertArrayEquals(new long[] {21, 1, 41}, yi.toLongArray());
        Tensor yf = Tensor.of(new double[] {1, 1, 1}, DType.FLOAT32, 3)
                .scatterAdd(0, idx, Tensor.of(new double[] {0.5, 0.25, 0.125}, DType.FLOAT64, 3));
        assertEquals(DType.FLOAT64, yf.dtype());
        assertArrayEquals(new double[] {1.25, 1, 1.625}, yf.toDoubleArray());
    }

    @Property(tries = 50)
    void gatherAndScatterAddGradients(@ForAll("smallNonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int[] is = scatterIndexShape(s, d, r);
        Tensor index = TensorArbitraries.indices(is, s[d], r);
        GradCheck.check(t -> t[0].gather(d, index).square(), TensorArbitraries.uniform(s, -1, 1, seed));
        GradCheck.check(t -> t[0].scatterAdd(d, index, t[1]).square(), TensorArbitraries.uniform(s, -1, 1, seed),
                TensorArbitraries.uniform(is, -1, 1, seed + 1));
    }

    @Property(tries = 100)
    void gatherGradientAccumulatesOverRepeatedIndices(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int[] is = scatterIndexShape(s, d, r);
        Tensor index = TensorArbitraries.indices(is, s[d], r);
        long[] iv = index.toLongArray();
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor g = Grad.of(x.gather(d, index).sum(), x)[0];
        double[] expected = new double[x.numel()];
        for (int i = 0; i < iv.length; i++) {
            int[] dst = TensorArbitraries.unflatten(is, i);
            dst[d] = (int) iv[i];
            expected[flatIndex(s, dst)] += 1;
        }
        assertArrayEquals(expected, g.toDoubleArray());
    }

    @Property(tries = 60)
    void indexingKeepsIntegerAndBoolValues(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        Tensor vector = TensorArbitraries.indices(new int[] {1 + r.nextInt(5)}, s[d], r);
        Tensor index = TensorArbitraries.indices(scatterIndexShape(s, d, r), s[d], r);
        Tensor ref = TensorArbitraries.integers(s, DType.FLOAT64, -3, 3, seed);
        for (DType t : new DType[] {DType.INT64, DType.BOOL, DType.FLOAT32}) {
            Tensor x = ref.asType(t);
            Tensor expectedSelect = ref.asType(t).asType(DType.FLOAT64).indexSelect(d, vector);
            assertEquals(t, x.indexSelect(d, vector).dtype());
            assertArrayEquals(expectedSelect.toDoubleArray(), x.indexSelect(d, vector).toDoubleArray(), t.toString());
            Tensor expectedGather = ref.asType(t).asType(DType.FLOAT64).gather(d, index);
            assertEquals(t, x.gather(d, index).dtype());
            assertArrayEquals(expectedGather.toDoubleArray(), x.gather(d, index).toDoubleArray(), t.toString());
        }
    }

    // ---- oneHot -----------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void oneHotMarksTheClass(@ForAll("indexShapes") int[] is, @ForAll long seed) {
        Random r = new Random(seed);
        int classes = 1 + r.nextInt(5);
        Tensor index = TensorArbitraries.indices(is, classes, r);
        long[] iv = index.toLongArray();
        int[] shape = TensorArbitraries.insert(is, is.length, classes);
        double[] expected = tabulate(shape, idx -> iv[flatIndex(is, Arrays.copyOf(idx, is.length))]
                == idx[is.length] ? 1 : 0);
        Tensor def = index.oneHot(classes);
        assertEquals(DType.INT64, def.dtype());
        assertArrayEquals(shape, def.shape());
        assertArrayEquals(expected, def.toDoubleArray());
        for (DType t : new DType[] {DType.INT64, DType.FLOAT32, DType.FLOAT64}) {
            Tensor y = index.oneHot(classes, t);
            assertEquals(t, y.dtype());
            assertArrayEquals(shape, y.shape());
            assertArrayEquals(expected, y.toDoubleArray(), () -> "oneHot(" + classes + ", " + t + ") of "
                    + Arrays.toString(iv));
        }
    }

    /** oneHot takes any DType; a bool one-hot mask is a natural request. */
    @Example
    void oneHotAsBoolMask() {
        Tensor y = Tensor.ofLongs(2, 0).oneHot(3, DType.BOOL);
        assertEquals(DType.BOOL, y.dtype());
        assertArrayEquals(new boolean[] {false, false, true, true, false, false}, y.toBooleanArray());
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @Property(tries = 150)
    void outOfRangeIndicesNameTheValueAndTheDim(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        long bad = r.nextBoolean() ? -1 - r.nextInt(3) : s[d] + r.nextInt(3);
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int[] is = scatterIndexShape(s, d, r);
        long[] iv = TensorArbitraries.indices(is, s[d], r).toLongArray();
        iv[r.nextInt(iv.length)] = bad;
        Tensor index = Tensor.ofLongs(iv, is);
        Tensor vector = Tensor.ofLongs(0, bad);
        String value = "index " + bad;
        String dim = "dim " + d;
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(d, vector)), value, dim);
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> x.gather(d, index)), value, dim);
        assertMessage(assertThrows(IndexOutOfBoundsException.class,
                () -> x.scatterAdd(d, index, Tensor.onesLike(index).asType(DType.FLOAT64))), value, dim);
        long badClass = r.nextBoolean() ? -1 : 3;
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> Tensor.ofLongs(0, badClass).oneHot(3)),
                "index " + badClass);
    }

    @Property(tries = 50)
    void nonInt64IndicesAreRejected(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.BOOL}) {
            Tensor index = Tensor.zeros(t, s);
            Tensor vector = Tensor.zeros(t, 2);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, vector)),
                    "indexSelect", "int64", t.toString());
            assertMessage(assertThrows(IllegalArgumentException.class, () -> x.gather(0, index)),
                    "gather", "int64", t.toString());
            assertMessage(assertThrows(IllegalArgumentException.class, () -> x.scatterAdd(0, index, x)),
                    "scatterAdd", "int64", t.toString());
            assertMessage(assertThrows(IllegalArgumentException.class, () -> vector.oneHot(3)),
                    "oneHot", "int64", t.toString());
        }
    }

    @Property(tries = 50)
    void gatherRejectsIndexLargerThanSourceOutsideDim(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        if (s.length < 2) {
            return;
        }
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int other = (d + 1 + r.nextInt(s.length - 1)) % s.length;
        int[] is = s.clone();
        is[other] += 1;
        Tensor index = Tensor.zeros(DType.INT64, is);
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> x.gather(d, index)),
                Arrays.toString(is), Arrays.toString(s));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p), () -> "message \"" + e.getMessage()
                    + "\" should contain \"" + p + "\"");
        }
    }
}
