package io.pplj.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for shapes and tensors. Shapes are small (rank 0 to 4, sizes 1 to 4 by default) so finite
 * differences stay cheap; broadcasting shapes are derived from a common result shape by dropping leading dimensions
 * and turning sizes into 1, so size-1 and rank-0 cases come up often.
 */
final class TensorArbitraries {

    private TensorArbitraries() {
    }

    /** A shape of rank {@code 0..maxRank} with sizes {@code 1..maxSize}. */
    static Arbitrary<int[]> shape(int maxRank, int maxSize) {
        return Arbitraries.integers().between(0, maxRank).flatMap(rank ->
                Arbitraries.integers().between(1, maxSize).array(int[].class).ofSize(rank));
    }

    /** A shape of rank {@code minRank..maxRank} with sizes {@code 1..maxSize}. */
    static Arbitrary<int[]> shape(int minRank, int maxRank, int maxSize) {
        return Arbitraries.integers().between(minRank, maxRank).flatMap(rank ->
                Arbitraries.integers().between(1, maxSize).array(int[].class).ofSize(rank));
    }

    /** Two shapes that broadcast together (each derived from a common result shape). */
    static Arbitrary<int[][]> broadcastPair() {
        return broadcastShapes(2);
    }

    /** {@code count} shapes that broadcast together. */
    static Arbitrary<int[][]> broadcastShapes(int count) {
        return Combinators.combine(shape(4, 3), Arbitraries.longs()).as((out, seed) -> {
            Random r = new Random(seed);
            int[][] shapes = new int[count][];
            for (int k = 0; k < count; k++) {
                int drop = r.nextInt(out.length + 1);
                if (r.nextInt(3) > 0) {
                    drop = 0;
                }
                int[] s = new int[out.length - drop];
                for (int d = 0; d < s.length; d++) {
                    s[d] = r.nextInt(3) == 0 ? 1 : out[d + drop];
                }
                shapes[k] = s;
            }
            return shapes;
        });
    }

    /** Float64 values for a shape, uniform on {@code [lo, hi)} from a seed. */
    static Tensor uniform(int[] shape, double lo, double hi, long seed) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    /** Float64 values at least {@code gap} away from every point of {@code kinks} (for non-smooth functions). */
    static Tensor awayFrom(int[] shape, double lo, double hi, long seed, double gap, double... kinks) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            double x;
            boolean near;
            do {
                x = lo + (hi - lo) * r.nextDouble();
                near = false;
                for (double k : kinks) {
                    near |= Math.abs(x - k) < gap;
                }
            } while (near);
            v[i] = x;
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    /** Float64 values that are pairwise at least {@code gap} apart (for max/min/sort-like functions). */
    static Tensor distinct(int[] shape, long seed, double gap) {
        int n = Shapes.numel(shape);
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * gap * 3;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        for (int i = 0; i < n; i++) {
            v[i] += r.nextDouble() * gap - n * gap * 1.5;
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    /** A reference helper: the flat index in a shape's row-major layout of a multi-index. */
    static int flatIndex(int[] shape, int[] index) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + index[d];
        }
        return f;
    }

    /** A reference helper: the multi-index of flat position {@code flat} in a shape. */
    static int[] unflatten(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** A reference helper: the flat index an operand of shape {@code s} reads for result multi-index {@code out}. */
    static int broadcastSource(int[] s, int[] outIndex) {
        int lead = outIndex.length - s.length;
        int f = 0;
        for (int d = 0; d < s.length; d++) {
            f = f * s[d] + (s[d] == 1 ? 0 : outIndex[lead + d]);
        }
        return f;
    }

    /** A random permutation of {@code 0..n-1}. */
    static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * A random shape of rank {@code 1..maxRank} (rank 0 also possible when {@code numel == 1}) whose sizes multiply
     * to {@code numel}: the prime factors of numel spread over the dimensions, sizes 1 included.
     */
    static int[] factorShape(int numel, int maxRank, Random r) {
        if (numel == 1 && r.nextInt(4) == 0) {
            return new int[0];
        }
        int[] s = new int[1 + r.nextInt(maxRank)];
        java.util.Arrays.fill(s, 1);
        int n = numel;
        for (int f = 2; n > 1; f++) {
            while (n % f == 0) {
                s[r.nextInt(s.length)] *= f;
                n /= f;
            }
        }
        if (numel == 0) {
            s[r.nextInt(s.length)] = 0;
        }
        return s;
    }

    /**
     * Small integers in {@code [lo, hi]} as a tensor of any type (bool: non-zero is true), exactly representable in
     * every type so that results can be compared exactly across types.
     */
    static Tensor integers(int[] shape, DType dtype, int lo, int hi, long seed) {
        Random r = new Random(seed);
        int n = Shapes.numel(shape);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + r.nextInt(hi - lo + 1);
        }
        switch (dtype) {
            case INT64:
                return Tensor.ofLongs(v, shape);
            case BOOL: {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = v[i] != 0;
                }
                return Tensor.ofBooleans(b, shape);
            }
            default: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = v[i];
                }
                return Tensor.of(d, dtype, shape);
            }
        }
    }

    /** Random int64 indices in {@code [0, bound)} (repeats likely) of the given shape. */
    static Tensor indices(int[] shape, int bound, Random r) {
        long[] v = new long[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return Tensor.ofLongs(v, shape);
    }

    /** A reference helper: the row-major values of a tensor of {@code shape} given element by element. */
    static double[] tabulate(int[] shape, ToDoubleFunction<int[]> element) {
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = element.applyAsDouble(unflatten(shape, i));
        }
        return v;
    }

    /**
     * A subset of the dimensions {@code 0..rank-1} (possibly none or all) in random order, each written as its
     * non-negative index or as the equivalent negative one. Shrinks toward fewer dimensions.
     */
    static Arbitrary<int[]> dimSubset(int rank) {
        int all = (1 << rank) - 1;
        return Combinators.combine(Arbitraries.integers().between(0, all), Arbitraries.integers().between(0, all),
                Arbitraries.longs()).as((mask, negative, seed) -> {
                    List<Integer> dims = new ArrayList<>();
                    for (int d = 0; d < rank; d++) {
                        if ((mask & (1 << d)) != 0) {
                            dims.add((negative & (1 << d)) != 0 ? d - rank : d);
                        }
                    }
                    Collections.shuffle(dims, new Random(seed));
                    return dims.stream().mapToInt(Integer::intValue).toArray();
                });
    }

    /** A shape of rank {@code 0..maxRank} (sizes {@code 1..maxSize}) and a {@link #dimSubset} of it. */
    static Arbitrary<int[][]> shapeWithDims(int maxRank, int maxSize) {
        return shape(maxRank, maxSize).flatMap(s -> dimSubset(s.length).map(d -> new int[][] {s, d}));
    }

    /**
     * {@code n} values in {@code [lo, hi]} spread over many magnitudes: a third uniform on the interval, the rest with
     * a random sign and a log-uniform magnitude between {@code tiny} and {@code max(|lo|, |hi|)} (values outside the
     * interval are drawn again), so tiny, moderate and huge arguments all come up.
     */
    static double[] spread(int n, double lo, double hi, double tiny, long seed) {
        Random r = new Random(seed);
        double big = Math.max(Math.abs(lo), Math.abs(hi));
        double logTiny = Math.log(tiny);
        double logBig = Math.log(big);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x;
            do {
                if (r.nextInt(3) == 0) {
                    x = lo + (hi - lo) * r.nextDouble();
                } else {
                    x = (r.nextBoolean() ? 1 : -1) * Math.exp(logTiny + (logBig - logTiny) * r.nextDouble());
                }
            } while (!(x >= lo && x <= hi));
            v[i] = x;
        }
        return v;
    }

    /** {@code index} with {@code value} inserted at position {@code at}. */
    static int[] insert(int[] index, int at, int value) {
        int[] out = new int[index.length + 1];
        System.arraycopy(index, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(index, at, out, at + 1, index.length - at);
        return out;
    }

    /** {@code index} without position {@code at}. */
    static int[] remove(int[] index, int at) {
        int[] out = new int[index.length - 1];
        System.arraycopy(index, 0, out, 0, at);
        System.arraycopy(index, at + 1, out, at, index.length - at - 1);
        return out;
    }

    /** Float64 values for a shape drawn from a fixed set of values (ties and special values on purpose). */
    static Tensor choose(int[] shape, long seed, double... choices) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = choices[r.nextInt(choices.length)];
        }
        return Tensor.of(v, DType.FLOAT64, shape);
    }
}
