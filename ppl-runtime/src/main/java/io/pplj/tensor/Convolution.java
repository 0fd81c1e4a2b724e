package io.pplj.tensor;

import java.util.Arrays;

/**
 * Convolutions and transposed convolutions (PyTorch semantics, NCHW). Each is one of three backend kernels for a
 * {@link Conv2dPlan}: the forward convolution {@code y = conv(x, w)}, its input adjoint {@code gx = convT(g, w)} and
 * its weight adjoint {@code gw = corr(x, g)}. All three are the partial derivatives of one trilinear form
 * {@code <g, conv(x, w)>}, so the backward rule of each is written with the other two, and gradients of gradients
 * work.
 */
final class Convolution {

    private Convolution() {
    }

    /** {@code conv2d} of {@link Tensor#conv2d(Tensor, Tensor, int[], int[], int[], int)}. */
    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
        String op = "conv2d";
        checkPair(op, "stride", stride, 1);
        checkPair(op, "padding", padding, 0);
        checkPair(op, "dilation", dilation, 1);
        boolean unbatched = checkInput(op, input, weight);
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int c = x.shape[1];
        int o = weight.shape[0];
        if (groups < 1 || c % groups != 0 || o % groups != 0 || weight.shape[1] * groups != c) {
            throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape) + " and weight "
                    + Shapes.format(weight.shape) + " do not match for groups = " + groups + " (weight must be"
                    + " [out, in/groups, kH, kW] with in and out divisible by groups)");
        }
        WindowAxis h = axis(op, input, weight, x.shape[2], weight.shape[2], stride[0], padding[0], dilation[0]);
        WindowAxis w = axis(op, input, weight, x.shape[3], weight.shape[3], stride[1], padding[1], dilation[1]);
        Conv2dPlan plan = Conv2dPlan.of(x.shape[0], c, o, groups, h, w);
        DType t = floatingType(x, weight, bias);
        Tensor y = forward(x.asType(t), weight.asType(t), plan);
        y = addBias(op, y, bias, o, t);
        return unbatched ? y.squeeze(0) : y;
    }

    /** {@code convTranspose2d} of {@link Tensor#convTranspose2d(Tensor, Tensor, int[], int[], int[], int, int[])}. */
    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                  int[] outputPadding, int groups, int[] dilation) {
        String op = "convTranspose2d";
        checkPair(op, "stride", stride, 1);
        checkPair(op, "padding", padding, 0);
        checkPair(op, "outputPadding", outputPadding, 0);
        checkPair(op, "dilation", dilation, 1);
        boolean unbatched = checkInput(op, input, weight);
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int cIn = x.shape[1];
        if (groups < 1 || cIn % groups != 0 || weight.shape[0] != cIn) {
            throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape) + " and weight "
                    + Shapes.format(weight.shape) + " do not match for groups = " + groups + " (weight must be"
                    + " [in, out/groups, kH, kW] with in divisible by groups)");
        }
        int cOut = weight.shape[1] * groups;
        for (int d = 0; d < 2; d++) {
            if (outputPadding[d] >= Math.max(stride[d], dilation[d])) {
                throw new IllegalArgumentException(op + ": outputPadding " + Arrays.toString(outputPadding)
                        + " must be smaller than stride " + Arrays.toString(stride) + " or dilation "
                        + Arrays.toString(dilation) + " in each dimension");
            }
        }
        WindowAxis[] axes = new WindowAxis[2];
        for (int d = 0; d < 2; d++) {
            int k = weight.shape[2 + d];
            int size = (x.shape[2 + d] - 1) * stride[d] - 2 * padding[d] + dilation[d] * (k - 1) + outputPadding[d]
                    + 1;
            if (size < 1) {
                throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape) + " with weight "
                        + Shapes.format(weight.shape) + ", stride " + stride[d] + ", padding " + padding[d]
                        + " and dilation " + dilation[d] + " gives output size " + size + " in spatial dimension "
                        + d + "; it must be positive");
            }
            axes[d] = WindowAxis.of(size, k, stride[d], padding[d], dilation[d], x.shape[2 + d]);
        }
        Conv2dPlan plan = Conv2dPlan.of(x.shape[0], cOut, cIn, groups, axes[0], axes[1]);
        DType t = floatingType(x, weight, bias);
        Tensor y = inputGrad(x.asType(t), weight.asType(t), plan);
        y = addBias(op, y, bias, cOut, t);
        return unbatched ? y.squeeze(0) : y;
    }

    // ---- the three kernels, each differentiable through the other two -----------------------------------------

    /** {@code conv(x, w)}: {@code [N, C, H, W]} and {@code [O, C/g, kH, kW]} to {@code [N, O, outH, outW]}. */
    static Tensor forward(Tensor x, Tensor w, Conv2dPlan plan) {
        Backend backend = Elementwise.sameBackend("conv2d", x, w);
        Tensor y = new Tensor(backend.conv2d(x.storage, w.storage, plan), outputShape(plan));
        if (Autograd.recording(x, w)) {
            Autograd.attach(y, "conv2d", g -> new Tensor[] {
                x.requiresGrad ? inputGrad(g, w, plan) : null,
                w.requiresGrad ? weightGrad(x, g, plan) : null}, x, w);
        }
        return y;
    }

    /** {@code convT(g, w)}: an output-shaped {@code g} to the input shape. */
    static Tensor inputGrad(Tensor g, Tensor w, Conv2dPlan plan) {
        Backend backend = Elementwise.sameBackend("convTranspose2d", g, w);
        Tensor gx = new Tensor(backend.conv2dInputGrad(g.storage, w.storage, plan), inputShape(plan));
        if (Autograd.recording(g, w)) {
            Autograd.attach(gx, "convTranspose2d", gg -> new Tensor[] {
                g.requiresGrad ? forward(gg, w, plan) : null,
                w.requiresGrad ? weightGrad(gg, g, plan) : null}, g, w);
        }
        return gx;
    }

    /** {@code corr(x, g)}: the input and an output-shaped {@code g} to the weight shape. */
    static Tensor weightGrad(Tensor x, Tensor g, Conv2dPlan plan) {
        Backend backend = Elementwise.sameBackend("conv2dWeightGrad", x, g);
        Tensor gw = new Tensor(backend.conv2dWeightGrad(x.storage, g.storage, plan), weightShape(plan));
        if (Autograd.recording(x, g)) {
            Autograd.attach(gw, "conv2dWeightGrad", gg -> new Tensor[] {
                x.requiresGrad ? inputGrad(g, gg, plan) : null,
                g.requiresGrad ? forward(x, gg, plan) : null}, x, g);
        }
        return gw;
    }

    // ---- shapes and checks -------------------------------------------------------------------------------------

    private static int[] inputShape(Conv2dPlan p) {
        return new int[] {p.batch(), p.inChannels(), p.height().size(), p.width().size()};
    }

    private static int[] outputShape(Conv2dPlan p) {
        return new int[] {p.batch(), p.outChannels(), p.height().outSize(), p.width().outSize()};
    }

    private static int[] weightShape(Conv2dPlan p) {
        return new int[] {p.outChannels(), p.inGroupChannels(), p.height().kernel(), p.width().kernel()};
    }

    /** Checks ranks and types; returns whether the input is an unbatched {@code [C, H, W]}. */
    private static boolean checkInput(String op, Tensor input, Tensor weight) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": input must be [N, C, H, W] or [C, H, W], got shape "
                    + Shapes.format(input.shape));
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException(op + ": weight must be 4-D [out, in/groups, kH, kW] (conv2d) or"
                    + " [in, out/groups, kH, kW] (convTranspose2d), got shape " + Shapes.format(weight.shape));
        }
        if (!input.dtype().isFloating() || !weight.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": input and weight must be floating, got " + input.dtype()
                    + " " + Shapes.format(input.shape) + " and " + weight.dtype() + " " + Shapes.format(weight.shape));
        }
        for (int s : weight.shape) {
            if (s == 0) {
                throw new IllegalArgumentException(op + ": weight shape " + Shapes.format(weight.shape)
                        + " has an empty dimension");
            }
        }
        return input.dim() == 3;
    }

    static void checkPair(String op, String name, int[] values, int min) {
        if (values.length != 2 || values[0] < min || values[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be two values (height, width) of at least "
                    + min + ", got " + Arrays.toString(values));
        }
    }

    private static WindowAxis axis(String op, Tensor input, Tensor weight, int size, int kernel, int stride,
                                   int padding, int dilation) {
        int out = WindowAxis.outputSize(size, kernel, stride, padding, dilation);
        if (out < 1) {
            throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape) + " is smaller than"
                    + " the kernel of weight " + Shapes.format(weight.shape) + " (dilation " + dilation + ", padding "
                    + padding + "): spatial size " + size + " gives output size " + out);
        }
        return WindowAxis.of(size, kernel, stride, padding, dilation, out);
    }

    private static DType floatingType(Tensor x, Tensor w, Tensor bias) {
        DType t = DType.promote(x.dtype(), w.dtype());
        return (bias == null ? t : DType.promote(t, bias.dtype())).toFloating();
    }

    private static Tensor addBias(String op, Tensor y, Tensor bias, int channels, DType t) {
        if (bias == null) {
            return y;
        }
        if (bias.dim() != 1 || bias.shape[0] != channels) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + channels + "] (one per output"
                    + " channel), got " + Shapes.format(bias.shape));
        }
        return y.add(bias.asType(t).reshape(1, channels, 1, 1));
    }
}
