package io.pplj.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.GradCheck;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Layers against direct formulas (element by element in plain Java), their gradients against finite differences in
 * float64, shapes and names as in PyTorch, and the errors for misfitting inputs.
 */
class LayersTest {

    private static Tensor f64(int... shape) {
        return Rng.current().normal(DType.FLOAT64, shape);
    }

    /** Asserts that an elementwise activation computes {@code f} and that its gradient matches finite differences. */
    private static void checkActivation(Module m, java.util.function.DoubleUnaryOperator f) {
        Rng.seed(5);
        Tensor x = f64(3, 7).mul(4.0);
        double[] in = x.toDoubleArray();
        double[] out = m.forward(x).toDoubleArray();
        for (int i = 0; i < in.length; i++) {
            assertEquals(f.applyAsDouble(in[i]), out[i], 1e-12, m + " at " + in[i]);
        }
        GradCheck.check(a -> m.forward(a[0]), x);
    }

    /**
     * In float32 the default softplus skips its linear branch; values and gradients still match PyTorch's threshold
     * rule to the float32 kernels' 2 ulps, across the threshold and far beyond it.
     */
    @Test
    void float32SoftplusMatchesTheThresholdRule() {
        double[] v = new double[141];
        for (int i = 0; i < v.length; i++) {
            v[i] = -30 + 0.5 * i;
        }
        Tensor x = Tensor.of(v, DType.FLOAT32, v.length).requiresGrad(true);
        Tensor y = Softplus.of().forward(x);
        float[] out = y.toFloatArray();
        float[] grad = io.pplj.tensor.Grad.of(y.sum(), x)[0].toFloatArray();
        for (int i = 0; i < v.length; i++) {
            float expected = (float) (v[i] > 20 ? v[i] : Math.log1p(Math.exp(v[i])));
            float slope = (float) (v[i] > 20 ? 1.0 : 1 / (1 + Math.exp(-v[i])));
            assertEquals(expected, out[i], 2 * Math.ulp(expected), "softplus at " + v[i]);
            assertEquals(slope, grad[i], 2 * Math.ulp(slope), "softplus gradient at " + v[i]);
        }
    }

    @Test
    void activationsMatchTheirFormulas() {
        checkActivation(ReLU.of(), v -> Math.max(v, 0));
        checkActivation(LeakyReLU.of(), v -> v > 0 ? v : 0.01 * v);
        checkActivation(LeakyReLU.of(0.2), v -> v > 0 ? v : 0.2 * v);
        checkActivation(ELU.of(), v -> v > 0 ? v : Math.expm1(v));
        checkActivation(ELU.of(0.5), v -> v > 0 ? v : 0.5 * Math.expm1(v));
        checkActivation(Softplus.of(), v -> v > 20 ? v : Math.log1p(Math.exp(v)));
        checkActivation(Softplus.of(2.0, 5.0), v -> 2 * v > 5 ? v : Math.log1p(Math.exp(2 * v)) / 2);
        checkActivation(Sigmoid.of(), v -> 1 / (1 + Math.exp(-v)));
        checkActivation(Tanh.of(), Math::tanh);
        checkActivation(Identity.of(), v -> v);
    }

    @Test
    void eluHasFiniteGradientsForLargeInputs() {
        Tensor x = Tensor.of(800.0, -800.0).requiresGrad(true);
        ELU.of().forward(x).sum().backward();
        assertArrayEquals(new double[] {1.0, 0.0}, x.grad().toDoubleArray(), 0.0);
    }

    @Test
    void softmaxNormalizesAlongItsDimension() {
        Rng.seed(6);
        Tensor x = f64(2, 3, 4);
        Tensor y = Softmax.of(1).forward(x);
        double[] v = x.toDoubleArray();
        double[] s = y.toDoubleArray();
        for (int a = 0; a < 2; a++) {
            for (int c = 0; c < 4; c++) {
                double z = 0;
                for (int b = 0; b < 3; b++) {
                    z += Math.exp(v[a * 12 + b * 4 + c]);
                }
                for (int b = 0; b < 3; b++) {
                    assertEquals(Math.exp(v[a * 12 + b * 4 + c]) / z, s[a * 12 + b * 4 + c], 1e-12);
                }
            }
        }
        GradCheck.check(a -> Softmax.of(-1).forward(a[0]), x);
    }

    @Test
    void linearComputesXWTransposedPlusB() {
        Rng.seed(7);
        Linear fc = Linear.builder(4, 3).dtype(DType.FLOAT64).build();
        assertArrayEquals(new int[] {3, 4}, fc.parameters().get("weight").shape());
        assertArrayEquals(new int[] {3}, fc.parameters().get("bias").shape());
        Tensor x = f64(5, 4);
        double[] w = fc.parameters().get("weight").toDoubleArray();
        double[] b = fc.parameters().get("bias").toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] y = fc.forward(x).toDoubleArray();
        for (int n = 0; n < 5; n++) {
            for (int o = 0; o < 3; o++) {
                double acc = b[o];
                for (int i = 0; i < 4; i++) {
                    acc += xv[n * 4 + i] * w[o * 4 + i];
                }
                assertEquals(acc, y[n * 3 + o], 1e-12);
            }
        }
        assertArrayEquals(new int[] {2, 5, 3}, fc.forward(f64(2, 5, 4)).shape());
        assertEquals(List.of("weight"), List.copyOf(Linear.builder(4, 3).bias(false).build().parameters().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fc.forward(f64(5, 3)));
        assertTrue(e.getMessage().contains("Linear(in=4, out=3") && e.getMessage().contains("[5, 3]"), e.getMessage());
    }

    @Test
    void mlpGradientsInEveryParameterMatchFiniteDifferences() {
        Rng.seed(8);
        Sequential net = Mlp.builder(3).hidden(4, 5).activation(ELU::of).output(2).outputActivation(Tanh::of)
                .dtype(DType.FLOAT64).build();
        ModuleGradCheck.check(net, f64(6, 3));
    }

    @Test
    void mlpBuilderNamesLayersLikeTorchSequential() {
        Sequential net = Mlp.builder(10).hidden(8).batchNorm(true).dropout(0.2).activation(Softplus::of).output(3)
                .outputActivation(Sigmoid::of).build();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                List.copyOf(net.parameters().keySet()));
        assertEquals("Sequential(\n  (0): Linear(in=10, out=8, bias=true)\n"
                + "  (1): BatchNorm1d(8, eps=1.0E-5, momentum=0.1, affine=true, trackRunningStats=true)\n"
                + "  (2): Softplus(beta=1.0, threshold=20.0)\n  (3): Dropout(p=0.2)\n"
                + "  (4): Linear(in=8, out=3, bias=true)\n  (5): Sigmoid\n)", net.toString());
        assertThrows(IllegalStateException.class, () -> Mlp.builder(3).hidden(2).build());
    }

    @Test
    void flattenAndUnflattenReshape() {
        Tensor x = Tensor.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5);
        assertArrayEquals(new int[] {2, 60}, Flatten.of().forward(x).shape());
        assertArrayEquals(new int[] {2, 12, 5}, Flatten.of(1, 2).forward(x).shape());
        Tensor flat = Flatten.of().forward(x);
        Tensor back = Unflatten.of(1, 3, 4, 5).forward(flat);
        assertArrayEquals(x.shape(), back.shape());
        assertArrayEquals(x.toDoubleArray(), back.toDoubleArray(), 0.0);
        assertArrayEquals(new int[] {2, 3, 2, 10}, Unflatten.of(-1, 2, 10).forward(Flatten.of(2, 3).forward(x))
                .shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Unflatten.of(1, 7, 8).forward(flat));
        assertTrue(e.getMessage().contains("size 60, not 56"), e.getMessage());
    }

    @Test
    void sequentialFromAMapKeepsNames() {
        Map<String, Module> steps = new LinkedHashMap<>();
        steps.put("fc1", Linear.of(2, 3));
        steps.put("act", ReLU.of());
        steps.put("fc2", Linear.of(3, 1));
        Sequential s = Sequential.named(steps);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(s.parameters().keySet()));
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {4, 1}, s.forward(Tensor.randn(4, 2)).shape());
    }
}
