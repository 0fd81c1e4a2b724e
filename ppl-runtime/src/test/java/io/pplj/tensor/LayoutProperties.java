package io.pplj.tensor;

import static io.pplj.tensor.TensorArbitraries.flatIndex;
import static io.pplj.tensor.TensorArbitraries.tabulate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Layout operations (reshape, view, flatten, squeeze, unsqueeze, transpose, permute, expand, narrow, slice, select,
 * cat, stack): forward values against a reference built element by element over generated shapes, gradients against
 * finite differences (and exact expected gradients where they are simple), and rejection of invalid arguments.
 */
class LayoutProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(4, 4);
    }

    @Provide
    Arbitrary<int[]> nonScalar() {
        return TensorArbitraries.shape(1, 4, 4);
    }

    /** Small shapes for finite differences. */
    @Provide
    Arbitrary<int[]> small() {
        return TensorArbitraries.shape(3, 3);
    }

    @Provide
    Arbitrary<int[]> smallNonScalar() {
        return TensorArbitraries.shape(1, 3, 3);
    }

    /** Shapes where sizes of 1 are common (for squeeze and expand). */
    @Provide
    Arbitrary<int[]> withOnes() {
        return TensorArbitraries.shape(4, 2);
    }

    // ---- reshape, view, flatten -------------------------------------------------------------------------------

    @Property(tries = 200)
    void reshapeWithInferredSizeKeepsRowMajorOrderAndSharesStorage(@ForAll("shapes") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int[] target = TensorArbitraries.factorShape(x.numel(), 4, r);
        int[] request = target.clone();
        if (request.length > 0 && r.nextBoolean()) {
            request[r.nextInt(request.length)] = -1;
        }
        for (Tensor y : new Tensor[] {x.reshape(request), x.view(request)}) {
            assertArrayEquals(target, y.shape(), () -> "reshape " + Arrays.toString(s) + " to "
                    + Arrays.toString(request));
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
            assertSame(x.storage(), y.storage(), "reshape is a view sharing storage");
        }
    }

    @Property(tries = 60)
    void reshapeGradientIsReshapedBack(@ForAll("small") int[] s, @ForAll long seed) {
        int[] target = TensorArbitraries.factorShape(Shapes.numel(s), 3, new Random(seed));
        GradCheck.check(t -> t[0].reshape(target).mul(t[0].reshape(target)), TensorArbitraries.uniform(s, -1, 1,
                seed));
    }

    @Property(tries = 100)
    void reshapeRejectsSizesThatDoNotFit(@ForAll("shapes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int n = x.numel();
        for (int[] bad : new int[][] {{n + 1}, {-1, n + 1}, {2, n, -1, 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(bad),
                    () -> "reshape " + Arrays.toString(s) + " to " + Arrays.toString(bad));
            assertTrue(e.getMessage().contains(Arrays.toString(s)) && e.getMessage().contains(Arrays.toString(bad)),
                    e.getMessage());
        }
        IllegalArgumentException twoInferred = assertThrows(IllegalArgumentException.class,
                () -> x.reshape(-1, -1));
        assertTrue(twoInferred.getMessage().contains("-1"), twoInferred.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> x.reshape(-2, -1));
        assertTrue(negative.getMessage().contains("-2"), negative.getMessage());
    }

    @Property(tries = 100)
    void flattenWholeGivesOneDimension(@ForAll("shapes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.flatten();
        assertArrayEquals(new int[] {x.numel()}, y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    }

    @Property(tries = 200)
    void flattenRangeMergesExactlyThoseDims(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int rank = s.length;
        int start = r.nextInt(rank);
        int end = start + r.nextInt(rank - start);
        int startArg = r.nextBoolean() ? start - rank : start;
        int endArg = r.nextBoolean() ? end - rank : end;
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.flatten(startArg, endArg);
        int[] expected = new int[rank - (end - start)];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d <= start || d > end) {
                expected[k++] = d == start ? Shapes.prod(s, start, end + 1) : s[d];
            }
        }
        assertArrayEquals(expected, y.shape(), () -> Arrays.toString(s) + ".flatten(" + startArg + ", " + endArg
                + ")");
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
        if (rank >= 2 && start < end) {
            assertThrows(IllegalArgumentException.class, () -> x.flatten(end, start));
        }
    }

    @Example
    void flattenOfScalarIsOneElementVector() {
        Tensor x = Tensor.scalar(3.5, DType.FLOAT64);
        assertArrayEquals(new int[] {1}, x.flatten().shape());
        assertArrayEquals(new int[] {1}, x.flatten(0, -1).shape());
        assertEquals(3.5, x.flatten().item());
    }

    // ---- squeeze, unsqueeze -----------------------------------------------------------------------------------

    @Property(tries = 150)
    void squeezeAllRemovesEverySizeOneDim(@ForAll("withOnes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.squeeze();
        assertArrayEquals(Arrays.stream(s).filter(v -> v != 1).toArray(), y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    }

    @Property(tries = 150)
    void squeezeOneDimRemovesItOnlyWhenItsSizeIsOne(@ForAll("withOnes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        for (int d = -s.length; d < s.length; d++) {
            int nd = d < 0 ? d + s.length : d;
            Tensor y = x.squeeze(d);
            int[] expected = s[nd] == 1 ? TensorArbitraries.remove(s, nd) : s;
            int dim = d;
            assertArrayEquals(expected, y.shape(), () -> Arrays.toString(s) + ".squeeze(" + dim + ")");
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> x.squeeze(s.length));
    }

    @Property(tries = 150)
    void unsqueezeInsertsSizeOneAtEveryValidPosition(@ForAll("shapes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int rank = s.length;
        for (int d = -(rank + 1); d <= rank; d++) {
            int nd = d < 0 ? d + rank + 1 : d;
            Tensor y = x.unsqueeze(d);
            int dim = d;
            assertArrayEquals(TensorArbitraries.insert(s, nd, 1), y.shape(), () -> Arrays.toString(s)
                    + ".unsqueeze(" + dim + ")");
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
            assertArrayEquals(s, y.squeeze(d).shape(), "squeeze undoes unsqueeze");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> x.unsqueeze(rank + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> x.unsqueeze(-rank - 2));
    }

    @Property(tries = 40)
    void squeezeAndUnsqueezeGradients(@ForAll("small") int[] s, @ForAll long seed) {
        int d = new Random(seed).nextInt(s.length + 1);
        GradCheck.check(t -> t[0].unsqueeze(d).square().squeeze(), TensorArbitraries.uniform(s, -1, 1, seed));
    }

    // ---- transpose, permute -----------------------------------------------------------------------------------

    @Property(tries = 150)
    void transposeSwapsIndices(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int a = r.nextInt(s.length);
        int b = r.nextInt(s.length);
        int aArg = r.nextBoolean() ? a - s.length : a;
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.transpose(aArg, b);
        int[] shape = s.clone();
        shape[a] = s[b];
        shape[b] = s[a];
        double[] xv = x.toDoubleArray();
        double[] expected = tabulate(shape, idx -> {
            int[] src = idx.clone();
            src[a] = idx[b];
            src[b] = idx[a];
            return xv[flatIndex(s, src)];
        });
        assertArrayEquals(shape, y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), () -> Arrays.toString(s) + ".transpose(" + aArg + ", " + b
                + ")");
    }

    @Property(tries = 200)
    void permuteMovesEachDimension(@ForAll("shapes") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int rank = s.length;
        int[] perm = TensorArbitraries.permutation(rank, r);
        int[] args = perm.clone();
        for (int i = 0; i < rank; i++) {
            if (r.nextInt(3) == 0) {
                args[i] -= rank;
            }
        }
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.permute(args);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = s[perm[i]];
        }
        double[] xv = x.toDoubleArray();
        double[] expected = tabulate(shape, idx -> {
            int[] src = new int[rank];
            for (int i = 0; i < rank; i++) {
                src[perm[i]] = idx[i];
            }
            return xv[flatIndex(s, src)];
        });
        assertArrayEquals(shape, y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), () -> Arrays.toString(s) + ".permute("
                + Arrays.toString(args) + ")");
    }

    @Property(tries = 60)
    void permuteGradient(@ForAll("small") int[] s, @ForAll long seed) {
        int[] perm = TensorArbitraries.permutation(s.length, new Random(seed));
        GradCheck.check(t -> t[0].permute(perm).square(), TensorArbitraries.uniform(s, -1, 1, seed));
    }

    @Example
    void permuteOfLargeTensorSplitAcrossThreads() {
        int[] s = {37, 41, 29};
        Tensor x = TensorArbitraries.uniform(s, -1, 1, 11);
        int[] perm = {2, 0, 1};
        Tensor y = x.permute(perm).asType(DType.FLOAT32);
        double[] xv = x.asType(DType.FLOAT32).toDoubleArray();
        int[] shape = {29, 37, 41};
        double[] expected = tabulate(shape, idx -> xv[flatIndex(s, new int[] {idx[1], idx[2], idx[0]})]);
        assertArrayEquals(expected, y.toDoubleArray());
    }

    // ---- expand -----------------------------------------------------------------------------------------------

    /** A valid expand target for shape s: up to two new leading dims, sizes 1 repeated, some sizes given as -1. */
    private static int[][] expandTarget(int[] s, Random r) {
        int lead = r.nextInt(3);
        int[] request = new int[lead + s.length];
        int[] result = new int[request.length];
        for (int i = 0; i < lead; i++) {
            request[i] = result[i] = 1 + r.nextInt(3);
        }
        for (int d = 0; d < s.length; d++) {
            int size = s[d] == 1 ? 1 + r.nextInt(3) : s[d];
            result[lead + d] = size;
            request[lead + d] = size == s[d] && r.nextBoolean() ? -1 : size;
        }
        return new int[][] {request, result};
    }

    @Property(tries = 200)
    void expandRepeatsSizeOneAndLeadingDims(@ForAll("withOnes") int[] s, @ForAll long seed) {
        int[][] t = expandTarget(s, new Random(seed));
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor y = x.expand(t[0]);
        double[] xv = x.toDoubleArray();
        assertArrayEquals(t[1], y.shape(), () -> Arrays.toString(s) + ".expand(" + Arrays.toString(t[0]) + ")");
        assertArrayEquals(tabulate(t[1], idx -> xv[TensorArbitraries.broadcastSource(s, idx)]), y.toDoubleArray());
    }

    @Property(tries = 100)
    void expandGradientSumsOverRepeatedDims(@ForAll("withOnes") int[] s, @ForAll long seed) {
        int[][] t = expandTarget(s, new Random(seed));
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor g = Grad.of(x.expand(t[0]).sum(), x)[0];
        double repeats = (double) Shapes.numel(t[1]) / Shapes.numel(s);
        assertArrayEquals(s, g.shape());
        for (double v : g.toDoubleArray()) {
            assertEquals(repeats, v, 0.0, () -> Arrays.toString(s) + ".expand(" + Arrays.toString(t[0]) + ")");
        }
        if (Shapes.numel(t[1]) <= 100) {
            GradCheck.check(u -> u[0].expand(t[0]).square(), TensorArbitraries.uniform(s, -1, 1, seed));
        }
    }

    @Property(tries = 100)
    void expandRejectsInvalidTargets(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int[] fewer = Arrays.copyOf(s, s.length - 1);
        assertThrows(IllegalArgumentException.class, () -> x.expand(fewer));
        int[] newLeadInferred = TensorArbitraries.insert(s, 0, -1);
        assertThrows(IllegalArgumentException.class, () -> x.expand(newLeadInferred));
        int d = new Random(seed).nextInt(s.length);
        if (s[d] != 1) {
            int[] bad = s.clone();
            bad[d] = s[d] + 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.expand(bad));
            assertTrue(e.getMessage().contains(Arrays.toString(s)) && e.getMessage().contains(Arrays.toString(bad)),
                    e.getMessage());
        }
    }

    // ---- narrow, slice, select --------------------------------------------------------------------------------

    @Property(tries = 200)
    void narrowTakesTheWindow(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int start = r.nextInt(s[d] + 1);
        int length = r.nextInt(s[d] - start + 1);
        checkWindow(s, seed, d, start, length, x -> x.narrow(d, start, length),
                "narrow(" + d + ", " + start + ", " + length + ")");
    }

    @Property(tries = 200)
    void sliceWithNegativePositionsMatchesNormalizedWindow(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int size = s[d];
        int a = r.nextInt(size + 1);
        int b = r.nextInt(size + 1);
        int start = Math.min(a, b);
        int end = Math.max(a, b);
        int startArg = r.nextBoolean() && start < size ? start - size : start;
        int endArg = r.nextBoolean() && end < size ? end - size : end;
        int dimArg = r.nextBoolean() ? d - s.length : d;
        checkWindow(s, seed, d, start, end - start, x -> x.slice(dimArg, startArg, endArg),
                "slice(" + dimArg + ", " + startArg + ", " + endArg + ")");
    }

    private static void checkWindow(int[] s, long seed, int d, int start, int length,
                                    java.util.function.UnaryOperator<Tensor> op, String what) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor y = op.apply(x);
        int[] shape = s.clone();
        shape[d] = length;
        double[] xv = x.toDoubleArray();
        assertArrayEquals(shape, y.shape(), () -> Arrays.toString(s) + "." + what);
        assertArrayEquals(tabulate(shape, idx -> {
            int[] src = idx.clone();
            src[d] += start;
            return xv[flatIndex(s, src)];
        }), y.toDoubleArray(), () -> Arrays.toString(s) + "." + what);
        // gradient: the weights inside the window, exactly zero outside
        Tensor w = TensorArbitraries.uniform(shape, 0.5, 1.5, seed + 1);
        double[] wv = w.toDoubleArray();
        Tensor g = Grad.of(y.mul(w).sum(), x)[0];
        assertArrayEquals(s, g.shape());
        assertArrayEquals(tabulate(s, idx -> {
            if (idx[d] < start || idx[d] >= start + length) {
                return 0.0;
            }
            int[] src = idx.clone();
            src[d] -= start;
            return wv[flatIndex(shape, src)];
        }), g.toDoubleArray(), () -> "gradient of " + Arrays.toString(s) + "." + what);
    }

    @Property(tries = 100)
    void sliceRejectsOutOfBoundsPositions(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed);
        int d = new Random(seed).nextInt(s.length);
        int size = s[d];
        assertThrows(IndexOutOfBoundsException.class, () -> x.slice(d, 0, size + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> x.slice(d, -size - 1, size));
        assertThrows(IndexOutOfBoundsException.class, () -> x.narrow(d, size, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> x.narrow(d, -1, 1));
        if (size >= 2) {
            assertThrows(IndexOutOfBoundsException.class, () -> x.slice(d, 1, 0));
        }
    }

    @Property(tries = 150)
    void selectRemovesTheDimAndHasZeroGradientElsewhere(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int i = r.nextInt(s[d]);
        int iArg = r.nextBoolean() ? i - s[d] : i;
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor y = x.select(d, iArg);
        int[] shape = TensorArbitraries.remove(s, d);
        double[] xv = x.toDoubleArray();
        assertArrayEquals(shape, y.shape());
        assertArrayEquals(tabulate(shape, idx -> xv[flatIndex(s, TensorArbitraries.insert(idx, d, i))]),
                y.toDoubleArray(), () -> Arrays.toString(s) + ".select(" + d + ", " + iArg + ")");
        Tensor w = TensorArbitraries.uniform(shape, 0.5, 1.5, seed + 1);
        double[] wv = w.toDoubleArray();
        Tensor g = Grad.of(y.mul(w).sum(), x)[0];
        assertArrayEquals(tabulate(s, idx -> idx[d] == i ? wv[flatIndex(shape, TensorArbitraries.remove(idx, d))]
                : 0.0), g.toDoubleArray());
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(d, s[d]));
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(d, -s[d] - 1));
    }

    @Property(tries = 60)
    void narrowSliceSelectGradients(@ForAll("smallNonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(s.length);
        int start = r.nextInt(s[d]);
        int length = 1 + r.nextInt(s[d] - start);
        GradCheck.check(t -> t[0].narrow(d, start, length).square(), TensorArbitraries.uniform(s, -1, 1, seed));
        GradCheck.check(t -> t[0].slice(d, start - s[d], start + length).square(),
                TensorArbitraries.uniform(s, -1, 1, seed));
        GradCheck.check(t -> t[0].select(d, start).square(), TensorArbitraries.uniform(s, -1, 1, seed));
    }

    // ---- cat, stack -------------------------------------------------------------------------------------------

    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64};

    @Property(tries = 200)
    void catJoinsPartsAndPromotesTypes(@ForAll("nonScalar") int[] base, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(base.length);
        int k = 2 + r.nextInt(3);
        List<Tensor> parts = new ArrayList<>();
        int[] offsets = new int[k + 1];
        DType expectedType = DType.BOOL;
        for (int i = 0; i < k; i++) {
            int[] s = base.clone();
            s[d] = 1 + r.nextInt(3);
            DType t = TYPES[r.nextInt(TYPES.length)];
            expectedType = DType.promote(expectedType, t);
            parts.add(TensorArbitraries.integers(s, t, -9, 9, seed + i));
            offsets[i + 1] = offsets[i] + s[d];
        }
        int dimArg = r.nextBoolean() ? d - base.length : d;
        Tensor y = Tensor.cat(parts, dimArg);
        int[] shape = base.clone();
        shape[d] = offsets[k];
        double[][] pv = parts.stream().map(Tensor::toDoubleArray).toArray(double[][]::new);
        assertArrayEquals(shape, y.shape());
        assertEquals(expectedType, y.dtype(), () -> "cat of " + describe(parts));
        assertArrayEquals(tabulate(shape, idx -> {
            int i = 0;
            while (idx[d] >= offsets[i + 1]) {
                i++;
            }
            int[] src = idx.clone();
            src[d] -= offsets[i];
            return pv[i][flatIndex(parts.get(i).shape(), src)];
        }), y.toDoubleArray(), () -> "cat(" + dimArg + ") of " + describe(parts));
    }

    @Property(tries = 60)
    void catGradientSplitsAmongParts(@ForAll("smallNonScalar") int[] base, @ForAll long seed) {
        Random r = new Random(seed);
        int d = r.nextInt(base.length);
        int k = 2 + r.nextInt(3);
        Tensor[] parts = new Tensor[k];
        for (int i = 0; i < k; i++) {
            int[] s = base.clone();
            s[d] = 1 + r.nextInt(2);
            parts[i] = TensorArbitraries.uniform(s, -1, 1, seed + i);
        }
        GradCheck.check(t -> Tensor.cat(d, t).square(), parts);
    }

    @Example
    void catGradientReachesMixedTypePartsInTheirOwnType() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, DType.FLOAT32, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {5, 6}, DType.FLOAT64, 2, 1).requiresGrad(true);
        Tensor c = Tensor.ofLongs(new long[] {7, 8}, 2, 1);
        Tensor y = Tensor.cat(1, a, c, b);
        assertEquals(DType.FLOAT64, y.dtype());
        assertArrayEquals(new double[] {1, 2, 7, 5, 3, 4, 8, 6}, y.toDoubleArray());
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, DType.FLOAT64, 2, 4);
        Tensor[] g = Grad.of(y.mul(w).sum(), a, b);
        assertEquals(DType.FLOAT32, g[0].dtype());
        assertArrayEquals(new double[] {1, 2, 5, 6}, g[0].toDoubleArray());
        assertEquals(DType.FLOAT64, g[1].dtype());
        assertArrayEquals(new double[] {4, 8}, g[1].toDoubleArray());
    }

    @Property(tries = 200)
    void stackJoinsAlongANewDim(@ForAll("shapes") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int k = 2 + r.nextInt(3);
        int rank = s.length;
        int d = r.nextInt(rank + 1);
        int dimArg = r.nextBoolean() ? d - rank - 1 : d;
        Tensor[] parts = new Tensor[k];
        for (int i = 0; i < k; i++) {
            parts[i] = TensorArbitraries.uniform(s, -1, 1, seed + i);
        }
        Tensor y = Tensor.stack(dimArg, parts);
        int[] shape = TensorArbitraries.insert(s, d, k);
        double[][] pv = Arrays.stream(parts).map(Tensor::toDoubleArray).toArray(double[][]::new);
        assertArrayEquals(shape, y.shape(), () -> "stack(" + dimArg + ") of " + k + " x " + Arrays.toString(s));
        assertArrayEquals(tabulate(shape, idx -> pv[idx[d]][flatIndex(s, TensorArbitraries.remove(idx, d))]),
                y.toDoubleArray());
        assertArrayEquals(y.toDoubleArray(), Tensor.stack(Arrays.asList(parts), dimArg).toDoubleArray());
    }

    @Property(tries = 60)
    void stackGradientSplitsAmongParts(@ForAll("small") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int k = 2 + r.nextInt(2);
        int d = r.nextInt(s.length + 1);
        Tensor[] parts = new Tensor[k];
        for (int i = 0; i < k; i++) {
            parts[i] = TensorArbitraries.uniform(s, -1, 1, seed + i);
        }
        GradCheck.check(t -> Tensor.stack(d, t).square(), parts);
    }

    @Property(tries = 60)
    void catAndStackRejectMismatchedShapes(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        int d = new Random(seed).nextInt(s.length);
        int[] other = s.clone();
        other[d] += 1;
        Tensor a = TensorArbitraries.uniform(s, -1, 1, seed);
        Tensor b = TensorArbitraries.uniform(other, -1, 1, seed);
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, a, b));
        if (s.length >= 2) {
            int catDim = (d + 1) % s.length;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tensor.cat(catDim, a, a, b));
            assertTrue(e.getMessage().contains("tensor 2") && e.getMessage().contains(Arrays.toString(other)),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.cat(0, a, a.unsqueeze(0)));
    }

    /** Every element type goes through the same strided copies (typed loops when the innermost step is not 1). */
    @Property(tries = 100)
    void layoutOpsKeepIntegerAndBoolValues(@ForAll("nonScalar") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        int[] perm = TensorArbitraries.permutation(s.length, r);
        int d = r.nextInt(s.length);
        int start = r.nextInt(s[d]);
        int[][] t = expandTarget(s, r);
        Tensor reference = TensorArbitraries.integers(s, DType.FLOAT64, -3, 3, seed);
        for (DType type : new DType[] {DType.INT64, DType.BOOL, DType.FLOAT32}) {
            Tensor x = reference.asType(type);
            Tensor ref = x.asType(DType.FLOAT64);
            String what = type + " " + Arrays.toString(s);
            assertEquals(type, x.permute(perm).dtype(), what);
            assertArrayEquals(ref.permute(perm).toDoubleArray(), x.permute(perm).toDoubleArray(), what + " permute");
            assertArrayEquals(ref.transpose(0, d).toDoubleArray(), x.transpose(0, d).toDoubleArray(),
                    what + " transpose");
            assertArrayEquals(ref.narrow(d, start, s[d] - start).toDoubleArray(),
                    x.narrow(d, start, s[d] - start).toDoubleArray(), what + " narrow");
            assertArrayEquals(ref.select(d, start).toDoubleArray(), x.select(d, start).toDoubleArray(),
                    what + " select");
            assertArrayEquals(ref.expand(t[0]).toDoubleArray(), x.expand(t[0]).toDoubleArray(), what + " expand");
            Tensor c = Tensor.cat(d, x, x.permute(perm).permute(inverse(perm)));
            assertEquals(type, c.dtype());
            assertArrayEquals(Tensor.cat(d, ref, ref).toDoubleArray(), c.toDoubleArray(), what + " cat");
            assertArrayEquals(Tensor.stack(d, ref, ref).toDoubleArray(), Tensor.stack(d, x, x).toDoubleArray(),
                    what + " stack");
        }
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    @Example
    void catOfATensorWithItselfGetsBothGradients() {
        Tensor x = Tensor.of(new double[] {1, 2}, DType.FLOAT64, 2).requiresGrad(true);
        Tensor y = Tensor.cat(0, x, x, x.mul(3.0));
        Tensor g = Grad.of(y.mul(Tensor.of(new double[] {1, 10, 100, 1000, 1, 2}, DType.FLOAT64, 6)).sum(), x)[0];
        assertArrayEquals(new double[] {1 + 100 + 3, 10 + 1000 + 6}, g.toDoubleArray());
    }

    @Example
    void zeroSizeDimensions() {
        Tensor e = Tensor.zeros(DType.FLOAT64, 2, 0, 3);
        assertArrayEquals(new int[] {0, 3}, e.reshape(-1, 3).shape());
        assertArrayEquals(new int[] {3, 2, 0}, e.permute(2, 0, 1).shape());
        assertArrayEquals(new int[] {4, 2, 0, 3}, e.expand(4, -1, -1, -1).shape());
        assertArrayEquals(new int[] {4, 0}, Tensor.zeros(1, 0).expand(4, 0).shape());
        assertArrayEquals(new int[] {2, 0}, Tensor.ones(2, 3).narrow(1, 1, 0).shape());
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT64, 2, 3).requiresGrad(true);
        Tensor y = Tensor.cat(0, Tensor.zeros(DType.FLOAT64, 0, 3), x, x.narrow(0, 1, 0));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, Grad.of(y.sum(), x)[0].toDoubleArray());
        assertArrayEquals(new int[] {3, 0, 2, 2}, Tensor.stack(2, e.transpose(0, 2), e.transpose(0, 2)).shape());
        Tensor p = Tensor.zeros(DType.FLOAT64, 2, 0).matmul(Tensor.zeros(DType.FLOAT64, 0, 3));
        assertArrayEquals(new int[] {2, 3}, p.shape());
        assertArrayEquals(new double[6], p.toDoubleArray());
    }

    private static String describe(List<Tensor> parts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor p : parts) {
            sb.append(p.dtype()).append(Arrays.toString(p.shape())).append(' ');
        }
        return sb.toString().trim();
    }
}
