package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * 2-D max pooling, as PyTorch's {@code nn.MaxPool2d} (floor mode): each output is the largest input its window reads,
 * {@code max_{p, q} x[..., i sH - pH + p dH, j sW - pW + q dW]}, padding excluded; output size
 * {@code floor((H + 2 padding - dilation (k - 1) - 1) / stride) + 1}. Computed by
 * {@link Tensor#maxPool2d(int[], int[], int[], int[])}; the gradient goes to each window's maximum. No parameters.
 *
 * <pre>{@code
 * MaxPool2d pool = MaxPool2d.of(2);                  // 2x2 windows, stride 2: halves H and W
 * }</pre>
 */
public final class MaxPool2d extends Pool2d {

    private final int[] dilation;

    private MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        super(kernel, stride, padding);
        if (dilation.length != 2) {
            throw new IllegalArgumentException("MaxPool2d: dilation must be a (height, width) pair");
        }
        this.dilation = Pairs.check("MaxPool2d", "dilation", 1, dilation[0], dilation[1]);
    }

    /** Square windows of side {@code kernel}, stride {@code kernel} (PyTorch's default), no padding. */
    public static MaxPool2d of(int kernel) {
        return of(kernel, kernel, 0);
    }

    /** Square windows with equal stride and padding on both axes. */
    public static MaxPool2d of(int kernel, int stride, int padding) {
        return new MaxPool2d(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {1, 1});
    }

    /**
     * Windows given per axis as {@code {height, width}} pairs.
     *
     * @throws IllegalArgumentException for a non-positive kernel, stride or dilation, negative padding, or padding
     *     over half the kernel
     */
    public static MaxPool2d of(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return new MaxPool2d(kernel, stride, padding, dilation);
    }

    /** The spacing between window taps {@code {dH, dW}}. */
    public int[] dilation() {
        return dilation.clone();
    }

    @Override
    Tensor apply(Tensor x) {
        return x.maxPool2d(kernelSize(), stride(), padding(), dilation);
    }

    @Override
    String extraSettings() {
        return dilation[0] != 1 || dilation[1] != 1 ? ", dilation=" + Pairs.format(dilation) : "";
    }
}
