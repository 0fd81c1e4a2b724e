package io.pplj.nn;

import static io.pplj.runtime.Ppl.module;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.DType;
import io.pplj.tensor.GradCheck;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolution and pooling layers: PyTorch's parameter names, layouts and default initialization bounds; outputs
 * equal to the tensor operations with the layer's geometry; gradients for input, weight and bias against central
 * finite differences (float64); registration under the module prefix; save/load round trips; the w5 encoder and
 * decoder shapes; errors naming the layer.
 */
@SuppressWarnings("try")
class ConvLayersTest {

    private static Tensor f64(int... shape) {
        return Rng.current().normal(DType.FLOAT64, shape);
    }

    private static double maxAbs(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).map(Math::abs).max().orElseThrow();
    }

    @Test
    void conv2dHasTorchsLayoutAndComputesTheTensorConvolution() {
        Rng.seed(1);
        Conv2d conv = Conv2d.builder(4, 6, 3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).groups(2)
                .dtype(DType.FLOAT64).build();
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.parameters().keySet()));
        Tensor w = conv.parameters().get("weight");
        Tensor b = conv.parameters().get("bias");
        assertArrayEquals(new int[] {6, 2, 3, 2}, w.shape());
        assertArrayEquals(new int[] {6}, b.shape());
        Tensor x = f64(2, 4, 7, 9);
        Tensor expected = x.conv2d(w, b, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 2);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[] {2, 6, 4, 7}, y.shape());
        assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 0.0);
        assertArrayEquals(new int[] {6, 4, 7}, conv.forward(f64(4, 7, 9)).shape(), "unbatched input");
        assertEquals("Conv2d(in=4, out=6, kernel=(3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2)",
                conv.toString());
        assertEquals(List.of("weight"), List.copyOf(Conv2d.builder(4, 6, 3).bias(false).build().parameters()
                .keySet()));
    }

    @Test
    void convTranspose2dHasTorchsLayoutAndComputesTheTensorTransposedConvolution() {
        Rng.seed(2);
        ConvTranspose2d up = ConvTranspose2d.builder(4, 6, 3).stride(2).padding(1).outputPadding(1, 0).groups(2)
                .dtype(DType.FLOAT64).build();
        Tensor w = up.parameters().get("weight");
        Tensor b = up.parameters().get("bias");
        assertArrayEquals(new int[] {4, 3, 3, 3}, w.shape());
        assertArrayEquals(new int[] {6}, b.shape());
        Tensor x = f64(2, 4, 5, 6);
        Tensor expected = x.convTranspose2d(w, b, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 0}, 2,
                new int[] {1, 1});
        Tensor y = up.forward(x);
        assertArrayEquals(new int[] {2, 6, 10, 11}, y.shape());
        assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 0.0);
        assertEquals("ConvTranspose2d(in=4, out=6, kernel=(3, 3), stride=(2, 2), padding=(1, 1),"
                + " outputPadding=(1, 0), groups=2)", up.toString());
    }

    @Test
    void defaultInitializationIsTorchsKaimingUniformWithTheLayoutsFanIn() {
        Rng.seed(3);
        // Conv2d: fan-in = in/groups · kH · kW = 8 · 9; ConvTranspose2d: fan-in = out/groups · kH · kW = 4 · 9
        Conv2d conv = Conv2d.builder(16, 20, 3).groups(2).build();
        ConvTranspose2d up = ConvTranspose2d.of(40, 4, 3);
        for (Tensor t : List.of(conv.parameters().get("weight"), conv.parameters().get("bias"))) {
            double bound = 1 / Math.sqrt(8 * 9) * (1 + 1e-6);
            assertTrue(maxAbs(t) <= bound && maxAbs(t) > 0.8 * bound, "conv bound " + bound + ", max " + maxAbs(t));
        }
        double bound = 1 / Math.sqrt(4 * 9) * (1 + 1e-6);
        Tensor w = up.parameters().get("weight");
        assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.9 * bound, "transposed bound " + bound + ", max " + maxAbs(w));
        assertTrue(maxAbs(up.parameters().get("bias")) <= bound);
        Rng.seed(3);
        Conv2d again = Conv2d.builder(16, 20, 3).groups(2).build();
        assertArrayEquals(conv.parameters().get("weight").toDoubleArray(),
                again.parameters().get("weight").toDoubleArray(), 0.0, "same seed, same weights");
        Conv2d zeros = Conv2d.builder(2, 3, 2).weightInit(Init.zeros()).biasInit(Init.constant(0.5)).build();
        assertEquals(0.0, maxAbs(zeros.parameters().get("weight")));
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, zeros.parameters().get("bias").toDoubleArray(), 0.0);
    }

    @Test
    void convolutionGradientsMatchFiniteDifferences() {
        Rng.seed(4);
        ModuleGradCheck.check(Conv2d.builder(4, 2, 3, 2).stride(2, 1).padding(1).dilation(2, 1).groups(2)
                .dtype(DType.FLOAT64).build(), f64(2, 4, 7, 6));
        ModuleGradCheck.check(ConvTranspose2d.builder(2, 4, 3).stride(2).padding(1).outputPadding(1).groups(2)
                .dtype(DType.FLOAT64).build(), f64(2, 2, 3, 4));
        ModuleGradCheck.check(ConvTranspose2d.builder(3, 2, 2).dilation(2).bias(false).dtype(DType.FLOAT64).build(),
                f64(1, 3, 3, 3));
    }

    @Test
    void poolingLayersComputeTheTensorPoolingAndItsGradients() {
        Rng.seed(5);
        Tensor x = f64(2, 3, 7, 8);
        MaxPool2d max = MaxPool2d.of(new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 2});
        assertArrayEquals(x.maxPool2d(new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 2})
                .toDoubleArray(), max.forward(x).toDoubleArray(), 0.0);
        assertArrayEquals(x.maxPool2d(2).toDoubleArray(), MaxPool2d.of(2).forward(x).toDoubleArray(), 0.0);
        AvgPool2d avg = AvgPool2d.of(new int[] {3, 3}, new int[] {1, 2}, new int[] {1, 1}, false);
        assertArrayEquals(x.avgPool2d(new int[] {3, 3}, new int[] {1, 2}, new int[] {1, 1}, false).toDoubleArray(),
                avg.forward(x).toDoubleArray(), 0.0);
        assertArrayEquals(x.avgPool2d(3, 2, 1).toDoubleArray(), AvgPool2d.of(3, 2, 1).forward(x).toDoubleArray(),
                0.0);
        assertArrayEquals(new int[] {2, 3, 3, 4}, MaxPool2d.of(2).forward(x).shape());
        assertTrue(max.parameters().isEmpty() && avg.parameters().isEmpty());
        GradCheck.check(a -> max.forward(a[0]), x);
        GradCheck.check(a -> avg.forward(a[0]), x);
        assertEquals("MaxPool2d(kernel=(3, 2), stride=(2, 2), padding=(1, 0), dilation=(1, 2))", max.toString());
        assertEquals("AvgPool2d(kernel=(3, 3), stride=(1, 2), padding=(1, 1), countIncludePad=false)",
                avg.toString());
    }

    /** Output sizes follow the documented formulas over generated geometries. */
    @Property(tries = 40)
    void outputSizesFollowTheFormulas(@ForAll @IntRange(min = 1, max = 4) int k,
                                      @ForAll @IntRange(min = 1, max = 3) int s,
                                      @ForAll @IntRange(min = 0, max = 2) int p,
                                      @ForAll @IntRange(min = 1, max = 2) int d,
                                      @ForAll @IntRange(min = 9, max = 12) int size) {
        Tensor x = Tensor.randn(1, 2, size, size);
        int convOut = (size + 2 * p - d * (k - 1) - 1) / s + 1;
        Tensor y = Conv2d.builder(2, 3, k).stride(s).padding(p).dilation(d).build().forward(x);
        assertArrayEquals(new int[] {1, 3, convOut, convOut}, y.shape());
        int op = s > 1 ? 1 : 0;
        int upOut = (size - 1) * s - 2 * p + d * (k - 1) + op + 1;
        Tensor z = ConvTranspose2d.builder(2, 3, k).stride(s).padding(p).dilation(d).outputPadding(op).build()
                .forward(x);
        assertArrayEquals(new int[] {1, 3, upOut, upOut}, z.shape());
    }

    @Test
    void theW5EncoderAndDecoderHaveTheirShapes() {
        Rng.seed(6);
        Sequential encoder = Sequential.of(Conv2d.of(3, 32, 4, 2, 1), ReLU.of(), Conv2d.of(32, 64, 4, 2, 1),
                ReLU.of(), Conv2d.of(64, 128, 4, 2, 1), ReLU.of(), Flatten.of(), Linear.of(8192, 64));
        Sequential decoder = Sequential.of(Linear.of(32, 128 * 8 * 8), ReLU.of(), Unflatten.of(1, 128, 8, 8),
                ConvTranspose2d.of(128, 64, 4, 2, 1), ReLU.of(), ConvTranspose2d.of(64, 32, 4, 2, 1), ReLU.of(),
                ConvTranspose2d.of(32, 3, 4, 2, 1), Sigmoid.of());
        assertArrayEquals(new int[] {2, 64}, encoder.forward(Tensor.rand(2, 3, 64, 64)).shape());
        assertArrayEquals(new int[] {2, 3, 64, 64}, decoder.forward(Tensor.randn(2, 32)).shape());
        assertArrayEquals(new int[] {128, 64, 4, 4}, decoder.parameters().get("3.weight").shape());
        assertEquals(3 * 32 * 16 + 32 + 32 * 64 * 16 + 64 + 64 * 128 * 16 + 128 + 8192 * 64 + 64,
                encoder.parameterCount());
    }

    @Test
    void convolutionParametersRegisterUnderTheModulePrefixAndRoundTripThroughFiles(@TempDir Path dir)
            throws IOException {
        Rng.seed(7);
        Sequential net = Sequential.of(Conv2d.of(1, 4, 3, 1, 1), MaxPool2d.of(2), ConvTranspose2d.of(4, 2, 2, 2, 0),
                AvgPool2d.of(2));
        try (ParamStore store = ParamStore.open()) {
            module("net", net);
            assertEquals(List.of("net$$$0.weight", "net$$$0.bias", "net$$$2.weight", "net$$$2.bias"),
                    List.copyOf(store.names()));
            assertTrue(store.unconstrained("net$$$2.weight") == net.parameters().get("2.weight"),
                    "the module computes with the store's leaf");
        }
        Tensor x = Tensor.randn(2, 1, 6, 6);
        double[] before = net.forward(x).toDoubleArray();
        net.save(dir.resolve("net.npz"));
        Rng.seed(8);
        Sequential other = Sequential.of(Conv2d.of(1, 4, 3, 1, 1), MaxPool2d.of(2), ConvTranspose2d.of(4, 2, 2, 2, 0),
                AvgPool2d.of(2));
        other.load(dir.resolve("net.npz"));
        for (String name : net.parameters().keySet()) {
            assertArrayEquals(net.parameters().get(name).toFloatArray(), other.parameters().get(name).toFloatArray(),
                    0f, name);
        }
        assertArrayEquals(before, other.forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void misfitsAreRejectedNamingTheLayer() {
        Conv2d conv = Conv2d.of(3, 8, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.randn(2, 4, 8, 8)));
        assertTrue(e.getMessage().contains("Conv2d(in=3, out=8, kernel=(3, 3)): input must be [N, 3, H, W]")
                && e.getMessage().contains("[2, 4, 8, 8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(4, 6, 3).groups(4));
        assertTrue(e.getMessage().contains("groups 4 must be positive and divide in=4 and out=6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(4, 6, 3).stride(0));
        assertTrue(e.getMessage().contains("Conv2d: stride must be at least 1, got (0, 0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2d.builder(4, 6, 3).stride(2)
                .outputPadding(2).build());
        assertTrue(e.getMessage().contains("output padding (2, 2) must be smaller than the stride (2, 2)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MaxPool2d.of(2, 2, 2));
        assertTrue(e.getMessage().contains("MaxPool2d: padding (2, 2) must be at most half the kernel (2, 2)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AvgPool2d.of(2).forward(Tensor.randn(4, 4)));
        assertTrue(e.getMessage().contains("input must be [N, C, H, W] or [C, H, W], got [4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conv2d.of(0, 3, 3));
    }
}
