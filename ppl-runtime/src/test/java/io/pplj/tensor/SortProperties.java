package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** sort, argsort and median along any dimension against java.util.Arrays.sort; the sort's gradient. */
class SortProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(1, 3, 5);
    }

    @Property(tries = 100)
    void sortsEveryLine(@ForAll("shapes") int[] shape, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(shape, -5, 5, seed);
        int dim = (int) Math.floorMod(seed, (long) shape.length);
        Tensor sorted = x.sort(dim);
        Tensor moved = x.transpose(dim, -1).reshape(-1, shape[dim]);
        Tensor movedSorted = sorted.transpose(dim, -1).reshape(-1, shape[dim]);
        double[] in = moved.toDoubleArray();
        double[] out = movedSorted.toDoubleArray();
        int n = shape[dim];
        for (int r = 0; r < in.length / n; r++) {
            double[] line = Arrays.copyOfRange(in, r * n, (r + 1) * n);
            Arrays.sort(line);
            assertArrayEquals(line, Arrays.copyOfRange(out, r * n, (r + 1) * n));
        }
        GradCheck.check(t -> t[0].sort(dim).mul(Tensor.arange(n).asType(DType.FLOAT64).add(1.0)
                .reshape(lineShape(shape.length, dim, n))), TensorArbitraries.distinct(shape, seed, 0.01));
    }

    private static int[] lineShape(int rank, int dim, int n) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        s[dim] = n;
        return s;
    }

    @Test
    void argsortIsStableAndMedianIsTheLowerMiddle() {
        Tensor x = Tensor.of(3.0, 1.0, 2.0, 1.0);
        assertArrayEquals(new long[] {1, 3, 2, 0}, x.argsort(0).toLongArray());
        assertEquals(1.0, x.median(0).item());
        assertEquals(2.0, Tensor.of(3.0, 1.0, 2.0).median(0).item());
        assertArrayEquals(new double[] {1, 2, Double.NaN}, Tensor.of(Double.NaN, 2.0, 1.0).sort(0).toDoubleArray());
    }
}
