package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ND4J interop: Tensor.toINDArray / Tensor.fromINDArray round trips for float32, float64, int64 and bool over shapes
 * of rank 0..4 (element by element through ND4J's own indexing), and fromINDArray of f-ordered arrays, transposed,
 * permuted and sub-array views and other ND4J element types, which must give the row-major values ND4J reports.
 *
 * <p>Findings on ND4J 1.0.0-M2.1 (nd4j-native): rank-0 arrays round-trip (ND4J has true scalars of shape [], and
 * reports ordering 'c' for them even when created with 'f'); {@code INDArray.permute} returns arrays with
 * {@code isView() == false} and {@code ordering() == 'c'} whose strides are not C-contiguous, so an interop layer must
 * look at the strides, not at those two flags; empty arrays have a null data buffer.
 */
class Nd4jInteropTest {

    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL};

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(4, 4);
    }

    @Provide
    Arbitrary<DType> types() {
        return Arbitraries.of(TYPES);
    }

    private static DataType nd4jType(DType t) {
        switch (t) {
            case FLOAT32: return DataType.FLOAT;
            case FLOAT64: return DataType.DOUBLE;
            case INT64: return DataType.INT64;
            default: return DataType.BOOL;
        }
    }

    /** Values of a tensor of dtype t: fractional for floats, signed for ints, mixed for bools. */
    private static Tensor sample(int[] shape, DType t, long seed) {
        if (t.isFloating()) {
            return TensorArbitraries.uniform(shape, -5, 5, seed).asType(t);
        }
        return TensorArbitraries.integers(shape, t, -1000, 1000, seed);
    }

    private static long[] longs(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    /** The elements of an ND4J array read through its own indexing, in row-major order of its shape. */
    private static double[] rowMajor(INDArray a) {
        int[] shape = Arrays.stream(a.shape()).mapToInt(Math::toIntExact).toArray();
        return TensorArbitraries.tabulate(shape, idx -> a.getDouble(Arrays.stream(idx).asLongStream().toArray()));
    }

    @Property(tries = 150)
    void tensorToINDArrayAndBack(@ForAll("shapes") int[] s, @ForAll("types") DType t, @ForAll long seed) {
        Tensor x = sample(s, t, seed);
        INDArray a = x.toINDArray();
        String what = t + " " + Arrays.toString(s);
        assertEquals(nd4jType(t), a.dataType(), what);
        assertArrayEquals(longs(s), a.shape(), what);
        assertArrayEquals(x.toDoubleArray(), rowMajor(a), what);
        if (t == DType.INT64) {
            long[] lv = x.toLongArray();
            for (int i = 0; i < lv.length; i++) {
                long[] idx = Arrays.stream(TensorArbitraries.unflatten(s, i)).asLongStream().toArray();
                assertEquals(lv[i], a.getLong(idx), what);
            }
        }
        Tensor back = Tensor.fromINDArray(a);
        assertEquals(t, back.dtype(), what);
        assertArrayEquals(s, back.shape(), what);
        assertArrayEquals(x.toDoubleArray(), back.toDoubleArray(), what);
    }

    @Property(tries = 60)
    void largeInt64ValuesSurviveTheRoundTrip(@ForAll long v) {
        Tensor x = Tensor.ofLongs(v, Long.MIN_VALUE, Long.MAX_VALUE, 0);
        assertArrayEquals(x.toLongArray(), Tensor.fromINDArray(x.toINDArray()).toLongArray());
        assertEquals(v, x.toINDArray().getLong(0));
    }

    @Example
    void rankZeroRoundTrips() {
        for (DType t : TYPES) {
            Tensor x = Tensor.scalar(t == DType.BOOL ? 1 : 3, t);
            INDArray a = x.toINDArray();
            assertEquals(0, a.rank(), t.toString());
            assertEquals(t == DType.BOOL ? 1.0 : 3.0, a.getDouble(0), t.toString());
            Tensor back = Tensor.fromINDArray(a);
            assertEquals(0, back.dim(), t.toString());
            assertEquals(t, back.dtype());
            assertEquals(x.item(), back.item(), t.toString());
        }
        Tensor fromScalar = Tensor.fromINDArray(Nd4j.scalar(2.5));
        assertEquals(0, fromScalar.dim());
        assertEquals(2.5, fromScalar.item());
    }

    // ---- arrays ND4J lays out differently ---------------------------------------------------------------------

    @Property(tries = 100)
    void fortranOrderedArraysGiveRowMajorValues(@ForAll("shapes") int[] s, @ForAll long seed) {
        double[] data = TensorArbitraries.uniform(new int[] {Shapes.numel(s)}, -1, 1, seed).toDoubleArray();
        INDArray f = Nd4j.create(data, longs(s), 'f');
        Tensor x = Tensor.fromINDArray(f);
        assertEquals(DType.FLOAT64, x.dtype());
        assertArrayEquals(s, x.shape());
        assertArrayEquals(rowMajor(f), x.toDoubleArray(), () -> "f-ordered " + Arrays.toString(s));
        INDArray f32 = f.castTo(DataType.FLOAT).dup('f');
        assertArrayEquals(rowMajor(f32), Tensor.fromINDArray(f32).toDoubleArray());
    }

    @Example
    void transposedViewGivesTransposedValues() {
        INDArray a = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        INDArray t = a.transpose();
        Tensor x = Tensor.fromINDArray(t);
        assertArrayEquals(new int[] {3, 2}, x.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, x.toDoubleArray());
    }

    @Property(tries = 100)
    void permutedArraysGiveTheirLogicalValues(@ForAll("shapes") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        double[] data = TensorArbitraries.uniform(new int[] {Shapes.numel(s)}, -1, 1, seed).toDoubleArray();
        INDArray a = Nd4j.create(data, longs(s), r.nextBoolean() ? 'c' : 'f');
        int[] perm = TensorArbitraries.permutation(s.length, r);
        INDArray p = s.length == 0 ? a : a.permute(perm);
        Tensor x = Tensor.fromINDArray(p);
        String what = Arrays.toString(s) + " order " + a.ordering() + " permuted " + Arrays.toString(perm)
                + " (ND4J view " + p.isView() + ", ordering " + p.ordering() + ", strides "
                + Arrays.toString(p.stride()) + ")";
        assertArrayEquals(Arrays.stream(p.shape()).mapToInt(Math::toIntExact).toArray(), x.shape(), what);
        assertArrayEquals(rowMajor(p), x.toDoubleArray(), what);
        // and it agrees with permuting the tensor
        assertArrayEquals(Tensor.fromINDArray(a).permute(perm).toDoubleArray(), x.toDoubleArray(), what);
    }

    /**
     * ND4J's permute returns an array that is not flagged as a view and keeps ordering 'c' although its strides are
     * neither C nor F contiguous; the minimal case of the property above.
     */
    @Example
    void permutedThreeDimensionalArrayMinimalCase() {
        INDArray a = Nd4j.create(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, new long[] {2, 2, 2}, 'c');
        INDArray p = a.permute(1, 0, 2);
        assertArrayEquals(new double[] {0, 1, 4, 5, 2, 3, 6, 7}, rowMajor(p));
        assertArrayEquals(new double[] {0, 1, 4, 5, 2, 3, 6, 7}, Tensor.fromINDArray(p).toDoubleArray());
    }

    /** Zero-size tensors exist (Tensor.zeros(2, 0)) and toINDArray handles them, so the way back should too. */
    @Example
    void emptyArraysRoundTrip() {
        Tensor x = Tensor.zeros(2, 0);
        INDArray a = x.toINDArray();
        assertArrayEquals(new long[] {2, 0}, a.shape());
        Tensor back = Tensor.fromINDArray(Nd4j.create(new float[0], new long[] {0}, 'c'));
        assertArrayEquals(new int[] {0}, back.shape());
        assertEquals(DType.FLOAT32, back.dtype());
    }

    @Example
    void subArrayViewsGiveTheirOwnValues() {
        INDArray a = Nd4j.create(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new long[] {3, 4}, 'c');
        INDArray block = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 3));
        assertArrayEquals(new double[] {5, 6, 9, 10}, Tensor.fromINDArray(block).toDoubleArray());
        INDArray row = a.getRow(2);
        assertArrayEquals(new double[] {8, 9, 10, 11}, Tensor.fromINDArray(row).toDoubleArray());
        INDArray column = a.getColumn(1);
        assertArrayEquals(new double[] {1, 5, 9}, Tensor.fromINDArray(column).toDoubleArray());
        INDArray everyOther = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 4));
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Tensor.fromINDArray(everyOther).toDoubleArray());
        INDArray longs = Nd4j.createFromArray(new long[] {0, 1, 2, 3, 4, 5}).reshape(2, 3);
        assertArrayEquals(new long[] {1, 4}, Tensor.fromINDArray(longs.getColumn(1)).toLongArray());
        INDArray bools = Nd4j.createFromArray(new boolean[] {true, false, false, true}).reshape(2, 2).transpose();
        assertArrayEquals(new boolean[] {true, false, false, true}, Tensor.fromINDArray(bools).toBooleanArray());
    }

    @Example
    void otherNd4jTypesConvert() {
        Tensor ints = Tensor.fromINDArray(Nd4j.createFromArray(new int[] {-3, 7}));
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new long[] {-3, 7}, ints.toLongArray());
        Tensor half = Tensor.fromINDArray(Nd4j.createFromArray(new float[] {0.5f, -2f}).castTo(DataType.FLOAT16));
        assertEquals(DType.FLOAT32, half.dtype());
        assertArrayEquals(new double[] {0.5, -2}, half.toDoubleArray());
        Tensor bools = Tensor.fromINDArray(Nd4j.createFromArray(new boolean[] {true, false, true}));
        assertEquals(DType.BOOL, bools.dtype());
        assertArrayEquals(new boolean[] {true, false, true}, bools.toBooleanArray());
    }

    @Example
    void conversionCopiesRatherThanShares() {
        Tensor x = Tensor.of(1, 2, 3);
        INDArray a = x.toINDArray();
        a.putScalar(0, 100);
        assertEquals(1.0, x.toDoubleArray()[0]);
        INDArray b = Nd4j.create(new double[] {1, 2, 3}, new long[] {3}, 'c');
        Tensor y = Tensor.fromINDArray(b);
        b.putScalar(0, 100);
        assertEquals(1.0, y.toDoubleArray()[0]);
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
    }
}
