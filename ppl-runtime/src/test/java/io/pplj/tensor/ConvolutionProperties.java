package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * conv2d and convTranspose2d over generated batch sizes, channel counts, groups, kernel sizes, strides, paddings,
 * dilations and output paddings: forward values against the nested-loop {@link ConvReference} in float64 and
 * float32, gradients of input, weight and bias against central finite differences, second derivatives, unbatched
 * inputs, type promotion, and the shape errors.
 */
class ConvolutionProperties {

    /** One generated convolution geometry; sizes are chosen so the output is at least 1×1. */
    record Geometry(int batch, int groups, int inPerGroup, int outPerGroup, int h, int w, int kh, int kw, int[] stride,
                    int[] pad, int[] dil, int[] outPad, boolean bias, long seed) {

        int in() {
            return groups * inPerGroup;
        }

        int out() {
            return groups * outPerGroup;
        }

        int[] inputShape() {
            return new int[] {batch, in(), h, w};
        }

        @Override
        public String toString() {
            return "Geometry[batch=" + batch + ", groups=" + groups + ", in/g=" + inPerGroup + ", out/g=" + outPerGroup
                    + ", input " + h + "x" + w + ", kernel " + kh + "x" + kw + ", stride " + str(stride) + ", pad "
                    + str(pad) + ", dil " + str(dil) + ", outPad " + str(outPad) + ", bias " + bias + "]";
        }

        private static String str(int[] a) {
            return a[0] + "," + a[1];
        }
    }

    /** Geometries with sizes up to {@code maxSize} (spatial) and {@code maxChannels} per group. */
    static Arbitrary<Geometry> geometries(int maxBatch, int maxChannels, int maxSize) {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] pad = {r.nextInt(3), r.nextInt(3)};
            int[] dil = {1 + r.nextInt(2), 1 + r.nextInt(2)};
            int[] outPad = {r.nextInt(Math.max(stride[0], dil[0])), r.nextInt(Math.max(stride[1], dil[1]))};
            int h = Math.max(1 + r.nextInt(maxSize), dil[0] * (kh - 1) + 1 - 2 * pad[0]);
            int w = Math.max(1 + r.nextInt(maxSize), dil[1] * (kw - 1) + 1 - 2 * pad[1]);
            return new Geometry(1 + r.nextInt(maxBatch), 1 + r.nextInt(3), 1 + r.nextInt(maxChannels),
                    1 + r.nextInt(maxChannels), h, w, kh, kw, stride, pad, dil, outPad, r.nextBoolean(), seed);
        });
    }

    @Provide
    Arbitrary<Geometry> small() {
        return geometries(2, 2, 5);
    }

    @Provide
    Arbitrary<Geometry> medium() {
        return geometries(3, 4, 9);
    }

    // ---- conv2d -------------------------------------------------------------------------------------------------

    private static Tensor convInput(Geometry g) {
        return TensorArbitraries.uniform(g.inputShape(), -1, 1, g.seed());
    }

    private static Tensor convWeight(Geometry g) {
        return TensorArbitraries.uniform(new int[] {g.out(), g.inPerGroup(), g.kh(), g.kw()}, -1, 1, g.seed() + 1);
    }

    private static Tensor bias(Geometry g, int channels) {
        return g.bias() ? TensorArbitraries.uniform(new int[] {channels}, -1, 1, g.seed() + 2) : null;
    }

    private static double[] convReference(Geometry g, Tensor x, Tensor w, Tensor b) {
        return ConvReference.conv2d(x.toDoubleArray(), x.shape(), w.toDoubleArray(), w.shape(),
                b == null ? null : b.toDoubleArray(), g.stride(), g.pad(), g.dil(), g.groups());
    }

    private static Tensor conv(Geometry g, Tensor x, Tensor w, Tensor b) {
        return x.conv2d(w, b, g.stride(), g.pad(), g.dil(), g.groups());
    }

    @Property(tries = 150)
    void conv2dMatchesReference(@ForAll("medium") Geometry g) {
        Tensor x = convInput(g);
        Tensor w = convWeight(g);
        Tensor b = bias(g, g.out());
        double[] expected = convReference(g, x, w, b);
        Tensor y = conv(g, x, w, b);
        int oh = ConvReference.outSize(g.h(), g.kh(), g.stride()[0], g.pad()[0], g.dil()[0]);
        int ow = ConvReference.outSize(g.w(), g.kw(), g.stride()[1], g.pad()[1], g.dil()[1]);
        assertArrayEquals(new int[] {g.batch(), g.out(), oh, ow}, y.shape());
        assertEquals(DType.FLOAT64, y.dtype());
        assertClose(expected, y.toDoubleArray(), 1e-12, g + " float64");
        Tensor y32 = conv(g, x.asType(DType.FLOAT32), w.asType(DType.FLOAT32),
                b == null ? null : b.asType(DType.FLOAT32));
        assertEquals(DType.FLOAT32, y32.dtype());
        assertClose(expected, y32.toDoubleArray(), 2e-5, g + " float32");
    }

    @Property(tries = 60)
    void conv2dGradients(@ForAll("small") Geometry g) {
        Tensor x = convInput(g);
        Tensor w = convWeight(g);
        Tensor b = TensorArbitraries.uniform(new int[] {g.out()}, -1, 1, g.seed() + 2);
        if (g.bias()) {
            GradCheck.check(t -> conv(g, t[0], t[1], t[2]), x, w, b);
        } else {
            GradCheck.check(t -> conv(g, t[0], t[1], null), x, w);
        }
    }

    @Property(tries = 25)
    void conv2dSecondDerivatives(@ForAll("small") Geometry g) {
        Tensor x = convInput(g);
        Tensor w = convWeight(g);
        GradCheck.check(t -> {
            Tensor a = leaf(t[0]);
            Tensor b = leaf(t[1]);
            Tensor[] grads = Grad.of(conv(g, a, b, null).square().sum(), null, true, a, b);
            return grads[0].square().sum().add(grads[1].square().sum());
        }, x, w);
    }

    // ---- convTranspose2d ----------------------------------------------------------------------------------------

    private static Tensor transposedWeight(Geometry g) {
        return TensorArbitraries.uniform(new int[] {g.in(), g.outPerGroup(), g.kh(), g.kw()}, -1, 1, g.seed() + 1);
    }

    private static Tensor convT(Geometry g, Tensor x, Tensor w, Tensor b) {
        return x.convTranspose2d(w, b, g.stride(), g.pad(), g.outPad(), g.groups(), g.dil());
    }

    /** Whether the transposed convolution of this geometry has a positive output size. */
    private static boolean transposable(Geometry g) {
        return ConvReference.transposedSize(g.h(), g.kh(), g.stride()[0], g.pad()[0], g.outPad()[0], g.dil()[0]) > 0
                && ConvReference.transposedSize(g.w(), g.kw(), g.stride()[1], g.pad()[1], g.outPad()[1],
                        g.dil()[1]) > 0;
    }

    @Property(tries = 150)
    void convTranspose2dMatchesReference(@ForAll("medium") Geometry g) {
        if (!transposable(g)) {
            return;
        }
        Tensor x = convInput(g);
        Tensor w = transposedWeight(g);
        Tensor b = bias(g, g.out());
        double[] expected = ConvReference.convTranspose2d(x.toDoubleArray(), x.shape(), w.toDoubleArray(),
                w.shape(), b == null ? null : b.toDoubleArray(), g.stride(), g.pad(), g.outPad(), g.dil(),
                g.groups());
        Tensor y = convT(g, x, w, b);
        int oh = ConvReference.transposedSize(g.h(), g.kh(), g.stride()[0], g.pad()[0], g.outPad()[0], g.dil()[0]);
        int ow = ConvReference.transposedSize(g.w(), g.kw(), g.stride()[1], g.pad()[1], g.outPad()[1], g.dil()[1]);
        assertArrayEquals(new int[] {g.batch(), g.out(), oh, ow}, y.shape());
        assertClose(expected, y.toDoubleArray(), 1e-12, g + " float64");
        Tensor y32 = convT(g, x.asType(DType.FLOAT32), w.asType(DType.FLOAT32),
                b == null ? null : b.asType(DType.FLOAT32));
        assertClose(expected, y32.toDoubleArray(), 2e-5, g + " float32");
    }

    @Property(tries = 60)
    void convTranspose2dGradients(@ForAll("small") Geometry g) {
        if (!transposable(g)) {
            return;
        }
        Tensor x = convInput(g);
        Tensor w = transposedWeight(g);
        Tensor b = TensorArbitraries.uniform(new int[] {g.out()}, -1, 1, g.seed() + 2);
        if (g.bias()) {
            GradCheck.check(t -> convT(g, t[0], t[1], t[2]), x, w, b);
        } else {
            GradCheck.check(t -> convT(g, t[0], t[1], null), x, w);
        }
    }

    @Property(tries = 25)
    void convTranspose2dSecondDerivatives(@ForAll("small") Geometry g) {
        if (!transposable(g)) {
            return;
        }
        GradCheck.check(t -> {
            Tensor a = leaf(t[0]);
            Tensor b = leaf(t[1]);
            Tensor[] grads = Grad.of(convT(g, a, b, null).square().sum(), null, true, a, b);
            return grads[0].square().sum().add(grads[1].square().sum());
        }, convInput(g), transposedWeight(g));
    }

    /** The checked function is a gradient, so its inputs must record even when finite differences evaluate it. */
    private static Tensor leaf(Tensor t) {
        return t.requiresGrad() ? t : t.requiresGrad(true);
    }

    @Property(tries = 40)
    void convTransposeIsTheAdjointOfConv(@ForAll("medium") Geometry g) {
        // <conv(x, w), y> = <x, convT(y, w)> whenever convT(y, w) has x's shape (no output padding needed here).
        Tensor x = convInput(g);
        Tensor w = convWeight(g);
        Tensor cx = conv(g, x, w, null);
        Tensor y = TensorArbitraries.uniform(cx.shape(), -1, 1, g.seed() + 7);
        int[] outPad = {g.h() + 2 * g.pad()[0] - g.dil()[0] * (g.kh() - 1) - 1 - (cx.size(2) - 1) * g.stride()[0],
                        g.w() + 2 * g.pad()[1] - g.dil()[1] * (g.kw() - 1) - 1 - (cx.size(3) - 1) * g.stride()[1]};
        Tensor ty = y.convTranspose2d(w, null, g.stride(), g.pad(), outPad, g.groups(), g.dil());
        assertArrayEquals(x.shape(), ty.shape());
        double lhs = cx.mul(y).sum().item();
        double rhs = x.mul(ty).sum().item();
        assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)), g.toString());
    }

    // ---- large shapes, overloads, types ----------------------------------------------------------------------------

    @Example
    void w5ShapesAgainstReferenceInFloat32() {
        Tensor x = TensorArbitraries.uniform(new int[] {3, 32, 32, 32}, -1, 1, 11);
        Tensor w = TensorArbitraries.uniform(new int[] {64, 32, 4, 4}, -0.1, 0.1, 12);
        Tensor b = TensorArbitraries.uniform(new int[] {64}, -1, 1, 13);
        int[] two = {2, 2};
        int[] one = {1, 1};
        double[] expected = ConvReference.conv2d(x.toDoubleArray(), x.shape(), w.toDoubleArray(), w.shape(),
                b.toDoubleArray(), two, one, one, 1);
        Tensor y = x.asType(DType.FLOAT32).conv2d(w.asType(DType.FLOAT32), b.asType(DType.FLOAT32), 2, 1);
        assertArrayEquals(new int[] {3, 64, 16, 16}, y.shape());
        assertClose(expected, y.toDoubleArray(), 2e-5, "conv 32->64 k4 s2 p1");
        Tensor wt = TensorArbitraries.uniform(new int[] {64, 32, 4, 4}, -0.1, 0.1, 14);
        Tensor z = TensorArbitraries.uniform(new int[] {3, 64, 8, 8}, -1, 1, 15);
        double[] expectedT = ConvReference.convTranspose2d(z.toDoubleArray(), z.shape(), wt.toDoubleArray(),
                wt.shape(), null, two, one, new int[] {0, 0}, one, 1);
        Tensor t = z.asType(DType.FLOAT32).convTranspose2d(wt.asType(DType.FLOAT32), null, 2, 1, 0);
        assertArrayEquals(new int[] {3, 32, 16, 16}, t.shape());
        assertClose(expectedT, t.toDoubleArray(), 2e-5, "convTranspose 64->32 k4 s2 p1");
    }

    @Example
    void unbatchedInputsAndPromotion() {
        Tensor x = TensorArbitraries.uniform(new int[] {2, 5, 4}, -1, 1, 3);
        Tensor w = TensorArbitraries.uniform(new int[] {3, 2, 3, 2}, -1, 1, 4).asType(DType.FLOAT32);
        Tensor y = x.conv2d(w);
        assertArrayEquals(new int[] {3, 3, 3}, y.shape());
        assertEquals(DType.FLOAT64, y.dtype());
        Tensor batched = x.unsqueeze(0).conv2d(w).squeeze(0);
        assertClose(batched.toDoubleArray(), y.toDoubleArray(), 0, "unbatched");
        Tensor t = y.convTranspose2d(w.transpose(0, 1).reshape(3, 2, 3, 2), null, 1, 0, 0);
        assertArrayEquals(new int[] {2, 5, 4}, t.shape());
    }

    @Example
    void shapeErrorsNameTheShapes() {
        Tensor x = Tensor.zeros(2, 3, 8, 8);
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.zeros(4, 2, 3, 3)));
        assertTrue(channels.getMessage().contains("[2, 3, 8, 8]") && channels.getMessage().contains("[4, 2, 3, 3]"),
                channels.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.zeros(4, 1, 3, 3), null, 1, 0, 1, 3));
        assertTrue(groups.getMessage().contains("groups = 3"), groups.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 0));
        assertTrue(bias.getMessage().contains("[4]") && bias.getMessage().contains("[3]"), bias.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.zeros(4, 3, 9, 3)));
        assertTrue(small.getMessage().contains("smaller than the kernel"), small.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(8, 8).conv2d(Tensor.zeros(1, 1, 3, 3)));
        assertTrue(rank.getMessage().contains("[8, 8]"), rank.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.zeros(4, 3, 3, 3), null, 0, 0));
        assertTrue(stride.getMessage().contains("stride"), stride.getMessage());
        IllegalArgumentException outPad = assertThrows(IllegalArgumentException.class,
                () -> x.convTranspose2d(Tensor.zeros(3, 4, 3, 3), null, 2, 1, 2));
        assertTrue(outPad.getMessage().contains("outputPadding"), outPad.getMessage());
        IllegalArgumentException tWeight = assertThrows(IllegalArgumentException.class,
                () -> x.convTranspose2d(Tensor.zeros(4, 3, 3, 3), null, 1, 0, 0));
        assertTrue(tWeight.getMessage().contains("[4, 3, 3, 3]"), tWeight.getMessage());
    }

    static void assertClose(double[] expected, double[] actual, double tol, String context) {
        assertEquals(expected.length, actual.length, context + ": sizes");
        for (int i = 0; i < expected.length; i++) {
            int k = i;
            NumericAsserts.assertClose(expected[i], actual[i], tol, tol, () -> context + " at " + k);
        }
    }
}
