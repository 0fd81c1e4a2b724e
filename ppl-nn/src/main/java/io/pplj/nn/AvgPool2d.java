package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * 2-D average pooling, as PyTorch's {@code nn.AvgPool2d} (floor mode): each output is the sum of the inputs its window
 * reads divided by {@code kH kW} when padding counts as zeros ({@code countIncludePad}, PyTorch's default), or by the
 * number of non-padding elements otherwise; output size {@code floor((H + 2 padding - k) / stride) + 1}. Computed by
 * {@link Tensor#avgPool2d(int[], int[], int[], boolean)}. No parameters.
 *
 * <pre>{@code
 * AvgPool2d pool = AvgPool2d.of(2);                  // 2x2 means, stride 2
 * AvgPool2d smooth = AvgPool2d.of(new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, false);
 * }</pre>
 */
public final class AvgPool2d extends Pool2d {

    private final boolean countIncludePad;

    private AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        super(kernel, stride, padding);
        this.countIncludePad = countIncludePad;
    }

    /** Square windows of side {@code kernel}, stride {@code kernel} (PyTorch's default), no padding. */
    public static AvgPool2d of(int kernel) {
        return of(kernel, kernel, 0);
    }

    /** Square windows with equal stride and padding on both axes; padding counts in the divisor. */
    public static AvgPool2d of(int kernel, int stride, int padding) {
        return new AvgPool2d(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                true);
    }

    /**
     * Windows given per axis as {@code {height, width}} pairs.
     *
     * @param countIncludePad whether padding counts in the divisor ({@code kH kW}) or not (the window's inputs)
     * @throws IllegalArgumentException for a non-positive kernel or stride, negative padding, or padding over half
     *     the kernel
     */
    public static AvgPool2d of(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return new AvgPool2d(kernel, stride, padding, countIncludePad);
    }

    /** Whether padding counts in the divisor. */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    Tensor apply(Tensor x) {
        return x.avgPool2d(kernelSize(), stride(), padding(), countIncludePad);
    }

    @Override
    String extraSettings() {
        return countIncludePad ? "" : ", countIncludePad=false";
    }
}
