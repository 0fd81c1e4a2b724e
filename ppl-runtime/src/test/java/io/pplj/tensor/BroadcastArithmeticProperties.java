package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Broadcast arithmetic: forward values against an element-by-element reference, gradients against differences. */
class BroadcastArithmeticProperties {

    @Provide
    Arbitrary<int[][]> pairs() {
        return TensorArbitraries.broadcastPair();
    }

    @Property(tries = 200)
    void addMatchesReference(@ForAll("pairs") int[][] s, @ForAll long seed) {
        checkForward(s, seed, Tensor::add, Double::sum);
    }

    @Property(tries = 200)
    void mulMatchesReference(@ForAll("pairs") int[][] s, @ForAll long seed) {
        checkForward(s, seed, Tensor::mul, (x, y) -> x * y);
    }

    @Property(tries = 100)
    void addMulDivGradients(@ForAll("pairs") int[][] s, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(s[0], -2, 2, seed);
        Tensor b = TensorArbitraries.uniform(s[1], 0.5, 2, seed + 1);
        GradCheck.check(t -> t[0].add(t[1]).mul(t[0]).div(t[1]), a, b);
    }

    private static void checkForward(int[][] s, long seed, java.util.function.BinaryOperator<Tensor> op,
                                     DoubleBinaryOperator ref) {
        Tensor a = TensorArbitraries.uniform(s[0], -3, 3, seed);
        Tensor b = TensorArbitraries.uniform(s[1], -3, 3, seed + 7);
        Tensor c = op.apply(a, b);
        int[] out = Shapes.broadcast("test", s[0], s[1]);
        assertArrayEquals(out, c.shape());
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] cv = c.toDoubleArray();
        for (int i = 0; i < cv.length; i++) {
            int[] idx = TensorArbitraries.unflatten(out, i);
            double expected = ref.applyAsDouble(av[TensorArbitraries.broadcastSource(s[0], idx)],
                    bv[TensorArbitraries.broadcastSource(s[1], idx)]);
            assertEquals(expected, cv[i], 0.0);
        }
    }
}
