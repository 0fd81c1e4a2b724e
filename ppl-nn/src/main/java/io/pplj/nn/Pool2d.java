package io.pplj.nn;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/** What {@link MaxPool2d} and {@link AvgPool2d} share: the window geometry, its checks and the input check. */
abstract class Pool2d extends Module {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    Pool2d(int[] kernel, int[] stride, int[] padding) {
        String kind = getClass().getSimpleName();
        if (kernel.length != 2 || stride.length != 2 || padding.length != 2) {
            throw new IllegalArgumentException(kind + ": kernel, stride and padding must be (height, width) pairs");
        }
        this.kernel = Pairs.check(kind, "kernel size", 1, kernel[0], kernel[1]);
        this.stride = Pairs.check(kind, "stride", 1, stride[0], stride[1]);
        this.padding = Pairs.check(kind, "padding", 0, padding[0], padding[1]);
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException(kind + ": padding " + Pairs.format(padding) + " must be at most half"
                    + " the kernel " + Pairs.format(kernel));
        }
    }

    /** The pooling operation with this layer's geometry. */
    abstract Tensor apply(Tensor x);

    /** Settings beyond kernel, stride and padding for {@link #describe()}. */
    abstract String extraSettings();

    /** The window size {@code {kH, kW}}. */
    public final int[] kernelSize() {
        return kernel.clone();
    }

    /** The step between windows {@code {sH, sW}}. */
    public final int[] stride() {
        return stride.clone();
    }

    /** The padding {@code {pH, pW}} on both sides. */
    public final int[] padding() {
        return padding.clone();
    }

    /**
     * Pools each plane of {@code [N, C, H, W]} (or {@code [C, H, W]}) input.
     *
     * @throws IllegalArgumentException if the input has another rank or is smaller than the window
     */
    @Override
    public final Tensor forward(Tensor x) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new IllegalArgumentException(describe() + ": input must be [N, C, H, W] or [C, H, W], got "
                    + Shapes.format(x.shape()));
        }
        return apply(x);
    }

    @Override
    protected final String describe() {
        return getClass().getSimpleName() + "(kernel=" + Pairs.format(kernel) + ", stride=" + Pairs.format(stride)
                + ", padding=" + Pairs.format(padding) + extraSettings() + ")";
    }
}
