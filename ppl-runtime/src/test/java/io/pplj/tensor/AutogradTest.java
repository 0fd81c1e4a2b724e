package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The autograd engine: accumulation into leaves and zeroGrad, detach, no-grad and enable-grad scopes, Grad.of with
 * intermediate and unused inputs, diamond graphs, second derivatives with createGraph (including through layout and
 * indexing backward rules), seeds, the error messages of misuse, and a 200,000-deep graph.
 */
class AutogradTest {

    private static Tensor f64(double... v) {
        return Tensor.of(v, DType.FLOAT64, v.length);
    }

    private static void assertValues(double[] expected, Tensor actual, double tol) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, "number of elements");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol, "element " + i + " of " + Arrays.toString(got));
        }
    }

    // ---- leaves -----------------------------------------------------------------------------------------------

    @Example
    void gradientsAccumulateOverBackwardCallsAndZeroGradClears() {
        Tensor x = f64(1, -2, 3).requiresGrad(true);
        assertNull(x.grad());
        x.square().sum().backward();
        assertValues(new double[] {2, -4, 6}, x.grad(), 0);
        x.mul(x).sum().backward();
        assertValues(new double[] {4, -8, 12}, x.grad(), 0);
        Tensor y = x.mul(3.0).sum();
        y.backward();
        y.backward();
        assertValues(new double[] {10, -2, 18}, x.grad(), 0);
        x.zeroGrad();
        assertNull(x.grad());
        x.sum().backward();
        assertValues(new double[] {1, 1, 1}, x.grad(), 0);
    }

    @Property(tries = 50)
    void twoBackwardCallsGiveTwiceTheGradient(@ForAll("shapes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor w = TensorArbitraries.uniform(s, -1, 1, seed + 1);
        x.mul(w).sin().sum().backward();
        Tensor once = x.grad();
        x.mul(w).sin().sum().backward();
        assertArrayEquals(s, x.grad().shape());
        assertValues(once.mul(2.0).toDoubleArray(), x.grad(), 1e-15);
        assertValues(Grad.of(x.mul(w).sin().sum(), x)[0].mul(2.0).toDoubleArray(), x.grad(), 1e-15);
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(3, 3);
    }

    @Example
    void leafGradientKeepsLeafTypeAndShape() {
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);                       // float32 [3]
        Tensor y = x.add(Tensor.ones(DType.FLOAT64, 2, 3)).mul(2.0).sum();     // promoted and broadcast
        y.backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new int[] {3}, x.grad().shape());
        assertValues(new double[] {4, 4, 4}, x.grad(), 0);
    }

    @Example
    void requiresGradOnIntegerOrBoolTensorsThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ofLongs(1, 2).requiresGrad(true));
        assertTrue(e.getMessage().contains("int64"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.ofBooleans(new boolean[] {true}, 1).requiresGrad(true));
        assertFalse(Tensor.ofLongs(1, 2).requiresGrad(false).requiresGrad());
    }

    // ---- detach and scopes ------------------------------------------------------------------------------------

    @Example
    void detachCutsTheGraph() {
        Tensor x = f64(1, 2, 3).requiresGrad(true);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertArrayEquals(x.toDoubleArray(), d.toDoubleArray());
        assertFalse(d.mul(2.0).requiresGrad());
        // d(x * stop(x))/dx = stop(x), not 2x
        assertValues(new double[] {1, 2, 3}, Grad.of(x.mul(d).sum(), x)[0], 0);
        Tensor y = x.square();
        Tensor yd = y.detach();
        assertTrue(yd.isLeaf());
        assertFalse(yd.requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> yd.sum().backward());
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    }

    @Example
    @SuppressWarnings("try")
    void noGradStopsRecordingAndEnableGradInsideRestoresIt() {
        Tensor x = f64(1, 2).requiresGrad(true);
        assertTrue(Grad.isEnabled());
        try (ThreadScope off = Grad.noGrad()) {
            assertFalse(Grad.isEnabled());
            Tensor z = x.mul(3.0);
            assertFalse(z.requiresGrad());
            assertTrue(z.isLeaf());
            try (ThreadScope on = Grad.enableGrad()) {
                assertTrue(Grad.isEnabled());
                Tensor w = x.mul(3.0);
                assertTrue(w.requiresGrad());
                w.sum().backward();
            }
            assertFalse(Grad.isEnabled());
            assertFalse(x.square().requiresGrad());
            try (ThreadScope nested = Grad.noGrad()) {
                assertFalse(Grad.isEnabled());
            }
            assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
        assertValues(new double[] {3, 3}, x.grad(), 0);
        assertTrue(x.square().requiresGrad());
    }

    @Example
    @SuppressWarnings("try")
    void noGradIsPerThread() throws InterruptedException {
        Tensor x = f64(1).requiresGrad(true);
        AtomicBoolean otherRecords = new AtomicBoolean();
        try (ThreadScope off = Grad.noGrad()) {
            Thread t = new Thread(() -> otherRecords.set(x.mul(2.0).requiresGrad()));
            t.start();
            t.join();
            assertFalse(x.mul(2.0).requiresGrad());
        }
        assertTrue(otherRecords.get(), "another thread keeps recording while this one is in noGrad");
    }

    // ---- Grad.of ----------------------------------------------------------------------------------------------

    @Example
    void gradOfIntermediateInputsLeavesLeavesUntouched() {
        Tensor x = f64(1, -2, 3).requiresGrad(true);
        Tensor y = x.mul(2.0);
        Tensor z = y.square().sum();
        Tensor[] g = Grad.of(z, y, x);
        assertValues(new double[] {4, -8, 12}, g[0], 0);    // dz/dy = 2y
        assertValues(new double[] {8, -16, 24}, g[1], 0);   // dz/dx = 8x
        assertNull(x.grad(), "Grad.of must not touch leaves");
        assertFalse(g[0].requiresGrad(), "without createGraph the gradient is not recorded");
        // intermediate and leaf in the other order, and the same input twice
        Tensor[] h = Grad.of(z, x, y, x);
        assertValues(g[1].toDoubleArray(), h[0], 0);
        assertValues(g[0].toDoubleArray(), h[1], 0);
        assertValues(g[1].toDoubleArray(), h[2], 0);
        assertNull(x.grad());
    }

    @Example
    void inputTheOutputDoesNotDependOnGetsZeros() {
        Tensor x = f64(1, 2).requiresGrad(true);
        Tensor unused = Tensor.of(new double[] {5, 6, 7, 8}, DType.FLOAT32, 2, 2).requiresGrad(true);
        Tensor[] g = Grad.of(x.square().sum(), x, unused);
        assertValues(new double[] {2, 4}, g[0], 0);
        assertArrayEquals(new int[] {2, 2}, g[1].shape());
        assertEquals(DType.FLOAT32, g[1].dtype());
        assertValues(new double[] {0, 0, 0, 0}, g[1], 0);
        // an intermediate off the path to the output also gets zeros
        Tensor side = x.exp();
        assertValues(new double[] {0, 0}, Grad.of(x.sum(), side)[0], 0);
    }

    @Example
    void gradOfRejectsMisuseWithDocumentedExceptions() {
        Tensor x = f64(1, 2).requiresGrad(true);
        Tensor constant = f64(1, 2);
        IllegalArgumentException notRequiring = assertThrows(IllegalArgumentException.class,
                () -> Grad.of(x.mul(constant).sum(), x, constant));
        assertTrue(notRequiring.getMessage().contains("input 1"), notRequiring.getMessage());
        IllegalArgumentException nonScalar = assertThrows(IllegalArgumentException.class,
                () -> Grad.of(x.square(), x));
        assertTrue(nonScalar.getMessage().contains("[2]"), nonScalar.getMessage());
    }

    /** Grad.of's Javadoc promises IllegalArgumentException when the output does not require a gradient. */
    @Example
    @SuppressWarnings("try")
    void gradOfOutputWithoutGradientThrowsIllegalArgument() {
        Tensor x = f64(1, 2).requiresGrad(true);
        Tensor y;
        try (ThreadScope off = Grad.noGrad()) {
            y = x.square().sum();
        }
        Tensor out = y;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grad.of(out, x));
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    }

    @Example
    void gradOfWithSeedIsAVectorJacobianProduct() {
        Tensor x = f64(1, 2, 3).requiresGrad(true);
        Tensor y = x.square();
        Tensor seed = f64(1, 10, 100);
        assertValues(new double[] {2, 40, 600}, Grad.of(y, seed, false, x)[0], 0);
    }

    // ---- graph shapes -----------------------------------------------------------------------------------------

    @Example
    void diamondGraphSumsContributions() {
        Tensor x = f64(0.5, -1.5).requiresGrad(true);
        Tensor y = x.mul(3.0);
        Tensor z = y.add(y.mul(y)).sum();              // z = 3x + 9x^2
        z.backward();
        assertValues(new double[] {3 + 18 * 0.5, 3 - 18 * 1.5}, x.grad(), 1e-12);
    }

    @Property(tries = 60)
    void diamondGraphsMatchAnalyticGradient(@ForAll("shapes") int[] s, @ForAll long seed) {
        Tensor x = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        // f = exp(x) sin(x) + x^2, every path through x: exp and sin branches meet in mul, then add
        Tensor f = x.exp().mul(x.sin()).add(x.square()).sum();
        double[] xv = x.toDoubleArray();
        double[] expected = Arrays.stream(xv)
                .map(v -> Math.exp(v) * Math.sin(v) + Math.exp(v) * Math.cos(v) + 2 * v).toArray();
        assertValues(expected, Grad.of(f, x)[0], 1e-6);
        GradCheck.check(t -> t[0].exp().mul(t[0].sin()).add(t[0].square()).mul(t[0]), x.detach());
    }

    @Example
    void deepChainBackpropagatesWithoutStackOverflow() {
        Tensor x = Tensor.scalar(0.25, DType.FLOAT64).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 200_000; i++) {
            y = y.add(1e-6).mul(1.0);
        }
        assertEquals(0.25 + 0.2, y.item(), 1e-9);
        y.backward();
        assertEquals(1.0, x.grad().item(), 0.0);
        assertEquals(1.0, Grad.of(y, x)[0].item(), 0.0);
    }

    @Example
    void concurrentBackwardIntoOneLeafAccumulatesEverything() throws InterruptedException {
        Tensor x = f64(1, 2).requiresGrad(true);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    x.mul(2.0).sum().backward();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertValues(new double[] {800, 800}, x.grad(), 0);
    }

    // ---- second derivatives -----------------------------------------------------------------------------------

    @Example
    void secondDerivativeOfCube() {
        Tensor x = f64(-2, 0.5, 3).requiresGrad(true);
        Tensor g = Grad.of(x.pow(3.0).sum(), null, true, x)[0];
        assertTrue(g.requiresGrad(), "createGraph records the gradient computation");
        assertValues(new double[] {12, 0.75, 27}, g, 1e-12);
        Tensor h = Grad.of(g.sum(), x)[0];
        assertValues(new double[] {-12, 3, 18}, h, 1e-12);
        assertNull(x.grad());
    }

    @Example
    void createGraphKeepsTheSeedDifferentiable() {
        Tensor x = f64(1, -2, 3).requiresGrad(true);
        Tensor v = f64(0.5, 2, -1).requiresGrad(true);
        Tensor g = Grad.of(x.square(), v, true, x)[0];             // 2 x v
        assertValues(new double[] {1, -8, -6}, g, 0);
        Tensor[] h = Grad.of(g.sum(), x, v);
        assertValues(new double[] {1, 4, -2}, h[0], 0);            // d/dx sum(2 x v) = 2 v
        assertValues(new double[] {2, -4, 6}, h[1], 0);            // d/dv sum(2 x v) = 2 x
    }

    @Property(tries = 50)
    void hessianVectorProductOfQuadraticForm(@ForAll("sizes") int n, @ForAll long seed) {
        Tensor a = TensorArbitraries.uniform(new int[] {n, n}, -1, 1, seed);
        Tensor x = TensorArbitraries.uniform(new int[] {n}, -1, 1, seed + 1).requiresGrad(true);
        Tensor v = TensorArbitraries.uniform(new int[] {n}, -1, 1, seed + 2);
        Tensor f = x.matmul(a.matmul(x)).mul(0.5);                  // f = x^T A x / 2
        Tensor g = Grad.of(f, null, true, x)[0];                    // (A + A^T) x / 2
        Tensor hv = Grad.of(g.mul(v).sum(), x)[0];                  // (A + A^T) v / 2
        double[] av = a.toDoubleArray();
        double[] vv = v.toDoubleArray();
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[i] += 0.5 * (av[i * n + j] + av[j * n + i]) * vv[j];
            }
        }
        assertValues(expected, hv, 1e-12);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 6);
    }

    /** Unary pipelines built from layout, indexing and matmul ops, by name (input shape [2, 3]). */
    private static final java.util.Map<String, UnaryOperator<Tensor>> PIPELINES = new java.util.LinkedHashMap<>();

    static {
        Tensor index = Tensor.ofLongs(2, 0, 2);
        Tensor gatherIndex = Tensor.ofLongs(new long[] {1, 1, 0, 0, 1, 1}, 2, 3);
        Tensor m = TensorArbitraries.uniform(new int[] {3, 2}, -1, 1, 9);
        PIPELINES.put("reshape", x -> x.reshape(3, 2));
        PIPELINES.put("permute", x -> x.permute(1, 0));
        PIPELINES.put("expand", x -> x.unsqueeze(0).expand(2, 2, 3));
        PIPELINES.put("narrow", x -> x.narrow(1, 1, 2));
        PIPELINES.put("slice", x -> x.slice(1, -2, 3));
        PIPELINES.put("select", x -> x.select(1, 1));
        PIPELINES.put("cat", x -> Tensor.cat(0, x, x.mul(2.0)));
        PIPELINES.put("stack", x -> Tensor.stack(1, x, x.square()));
        PIPELINES.put("indexSelect", x -> x.indexSelect(1, index));
        PIPELINES.put("gather", x -> x.gather(0, gatherIndex));
        PIPELINES.put("scatterAdd", x -> Tensor.zeros(DType.FLOAT64, 2, 3).scatterAdd(1, gatherIndex, x));
        PIPELINES.put("matmul right", x -> x.matmul(m));
        PIPELINES.put("matmul left", x -> m.matmul(x));
        PIPELINES.put("x xT", x -> x.matmul(x.transpose(0, 1)));
    }

    @Provide
    Arbitrary<String> pipelines() {
        return Arbitraries.of(PIPELINES.keySet());
    }

    @Property(tries = 20)
    void secondDerivativesThroughLayoutAndIndexingMatchFiniteDifferences(@ForAll("pipelines") String name) {
        UnaryOperator<Tensor> op = PIPELINES.get(name);
        Tensor x0 = TensorArbitraries.uniform(new int[] {2, 3}, -1, 1, name.hashCode());
        // the function checked is the gradient of sum(op(x)^3); its derivative needs op's backward recorded
        GradCheck.check(t -> {
            Tensor x = t[0].requiresGrad() ? t[0] : t[0].requiresGrad(true);
            return Grad.of(op.apply(x).pow(3.0).sum(), null, true, x)[0];
        }, x0);
    }

    // ---- seeds and misuse -------------------------------------------------------------------------------------

    @Example
    void backwardOnNonScalarNeedsASeed() {
        Tensor x = Tensor.ones(DType.FLOAT64, 2, 3).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2.0).backward());
        assertTrue(e.getMessage().contains("seed") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertNull(x.grad());
    }

    @Example
    void backwardOnATensorWithoutGradientExplainsWhy() {
        Tensor c = f64(1, 2).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::backward);
        assertTrue(e.getMessage().contains("does not require a gradient") && e.getMessage().contains("requiresGrad"),
                e.getMessage());
    }

    @Example
    void backwardWithSeed() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, DType.FLOAT64, 2, 2).requiresGrad(true);
        Tensor y = x.mul(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.ones(DType.FLOAT64, 4)));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(DType.FLOAT64, 2, 1)));
        assertNull(x.grad());
        y.backward(Tensor.of(new double[] {1, 0, 2, 0}, DType.FLOAT32, 2, 2));
        assertValues(new double[] {2, 0, 12, 0}, x.grad(), 0);
        assertEquals(DType.FLOAT64, x.grad().dtype());
    }

    @Example
    void gradOfOnLeafOutputIsOnes() {
        Tensor x = Tensor.scalar(3.0, DType.FLOAT64).requiresGrad(true);
        Tensor[] g = Grad.of(x, x);
        assertEquals(1.0, g[0].item());
        assertSame(null, x.grad());
    }

    @Property(tries = 30)
    void gradOfAgreesWithBackward(@ForAll("shapes") int[] s, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor a = TensorArbitraries.uniform(s, -1, 1, seed).requiresGrad(true);
        Tensor b = TensorArbitraries.uniform(s, 0.5, 2, seed + 1).requiresGrad(true);
        UnaryOperator<Tensor> tail = r.nextBoolean() ? Tensor::tanh : Tensor::exp;
        Tensor[] g = Grad.of(tail.apply(a.mul(b).add(a.div(b))).sum(), a, b);
        tail.apply(a.mul(b).add(a.div(b))).sum().backward();
        assertValues(g[0].toDoubleArray(), a.grad(), 0);
        assertValues(g[1].toDoubleArray(), b.grad(), 0);
    }
}
