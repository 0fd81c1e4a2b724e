package io.pplj.nn;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/** What {@link MaxPool2d} and {@link AvgPool2d} share: the window geometry, its checks and the input check. */
abstract class Pool2d extends WindowedModule {

    Pool2d(int[] kernel, int[] stride, int[] padding) {
        super(kernel, stride, padding);
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding " + Pairs.format(padding)
                    + " must be at most half the kernel " + Pairs.format(kernel));
        }
    }

    /** The pooling operation with this layer's geometry. */
    abstract Tensor apply(Tensor x);

    /** Settings beyond kernel, stride and padding for {@link #describe()}. */
    abstract String extraSettings();

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
        return getClass().getSimpleName() + "(kernel=" + Pairs.format(kernelSize()) + ", stride="
                + Pairs.format(stride()) + ", padding=" + Pairs.format(padding()) + extraSettings() + ")";
    }
}
