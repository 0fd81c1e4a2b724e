package io.pplj.tensor;

import java.util.Arrays;

/**
 * 2-D max and average pooling over the last two dimensions of {@code [N, C, H, W]} or {@code [C, H, W]} (PyTorch
 * semantics, floor mode). Max pooling asks the backend for the position of each window's maximum and gathers it, so
 * its gradient is the gather's (a scatter-add to those positions); average pooling is a linear kernel whose adjoint is
 * its backward rule, and the adjoint's adjoint is the forward kernel again.
 */
final class Pooling {

    private Pooling() {
    }

    static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        String op = "maxPool2d";
        Convolution.checkPair(op, "dilation", dilation, 1);
        WindowAxis[] axes = axes(op, input, kernel, stride, padding, dilation);
        int planes = input.numel() / (axes[0].size() * axes[1].size());
        int[] planeShape = {planes, axes[0].size() * axes[1].size()};
        int[] indexShape = {planes, axes[0].outSize() * axes[1].outSize()};
        Tensor index = new Tensor(input.backend().maxPool2dIndices(input.storage, planes, axes[0], axes[1]),
                indexShape);
        return input.reshape(planeShape).gather(1, index).reshape(outputShape(input, axes));
    }

    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        WindowAxis[] axes = axes("avgPool2d", input, kernel, stride, padding, new int[] {1, 1});
        int planes = input.numel() / (axes[0].size() * axes[1].size());
        return average(input, planes, axes, countIncludePad, outputShape(input, axes));
    }

    private static Tensor average(Tensor x, int planes, WindowAxis[] axes, boolean includePad, int[] shape) {
        Tensor y = new Tensor(x.backend().avgPool2d(x.storage, planes, axes[0], axes[1], includePad), shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "avgPool2d", g -> new Tensor[] {adjoint(g, planes, axes, includePad, x.shape)}, x);
        }
        return y;
    }

    private static Tensor adjoint(Tensor g, int planes, WindowAxis[] axes, boolean includePad, int[] shape) {
        Tensor gx = new Tensor(g.backend().avgPool2dAdjoint(g.storage, planes, axes[0], axes[1], includePad),
                shape);
        if (Autograd.recording(g)) {
            Autograd.attach(gx, "avgPool2dBackward", gg -> new Tensor[] {
                average(gg, planes, axes, includePad, g.shape)}, g);
        }
        return gx;
    }

    private static WindowAxis[] axes(String op, Tensor input, int[] kernel, int[] stride, int[] padding,
                                     int[] dilation) {
        Convolution.checkPair(op, "kernel", kernel, 1);
        Convolution.checkPair(op, "stride", stride, 1);
        Convolution.checkPair(op, "padding", padding, 0);
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": input must be [N, C, H, W] or [C, H, W], got shape "
                    + Shapes.format(input.shape));
        }
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": input must be floating, got " + input.dtype() + " "
                    + Shapes.format(input.shape));
        }
        WindowAxis[] axes = new WindowAxis[2];
        for (int d = 0; d < 2; d++) {
            if (padding[d] > kernel[d] / 2) {
                throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding) + " must be at most"
                        + " half of kernel " + Arrays.toString(kernel));
            }
            int size = input.shape[input.dim() - 2 + d];
            int out = WindowAxis.outputSize(size, kernel[d], stride[d], padding[d], dilation[d]);
            if (size < 1 || out < 1) {
                throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape) + " is smaller than"
                        + " kernel " + Arrays.toString(kernel) + " (padding " + Arrays.toString(padding)
                        + ", dilation " + Arrays.toString(dilation) + "): output size " + out);
            }
            axes[d] = WindowAxis.of(size, kernel[d], stride[d], padding[d], dilation[d], out);
            requireInputInEveryWindow(op, input, axes[d], d);
        }
        return axes;
    }

    /** Rejects dilations that leave a window with only padding taps (it would have no maximum). */
    private static void requireInputInEveryWindow(String op, Tensor input, WindowAxis axis, int d) {
        for (int o = 0; o < axis.outSize(); o++) {
            boolean reads = false;
            for (int t = 0; t < axis.kernel() && !reads; t++) {
                reads = axis.firstValid(t) <= o && o < axis.endValid(t);
            }
            if (!reads) {
                throw new IllegalArgumentException(op + ": on input " + Shapes.format(input.shape) + ", window " + o
                        + " of spatial dimension " + d + " reads only padding (kernel " + axis.kernel() + ", padding "
                        + axis.padding() + ", dilation " + axis.dilation() + ")");
            }
        }
    }

    private static int[] outputShape(Tensor input, WindowAxis[] axes) {
        int[] shape = input.shape.clone();
        shape[shape.length - 2] = axes[0].outSize();
        shape[shape.length - 1] = axes[1].outSize();
        return shape;
    }
}
