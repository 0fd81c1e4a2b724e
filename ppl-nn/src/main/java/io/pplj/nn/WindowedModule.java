package io.pplj.nn;

/**
 * A module that slides a window over the last two dimensions of its input (convolution and pooling layers): the
 * window's size, its step and the padding on both sides, each a {@code {height, width}} pair.
 */
abstract class WindowedModule extends Module {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /**
     * @throws IllegalArgumentException naming the layer kind unless each is a pair, the kernel and stride at least 1
     *     and the padding at least 0
     */
    WindowedModule(int[] kernel, int[] stride, int[] padding) {
        String kind = getClass().getSimpleName();
        if (kernel.length != 2 || stride.length != 2 || padding.length != 2) {
            throw new IllegalArgumentException(kind + ": kernel, stride and padding must be (height, width) pairs");
        }
        this.kernel = Pairs.check(kind, "kernel size", 1, kernel[0], kernel[1]);
        this.stride = Pairs.check(kind, "stride", 1, stride[0], stride[1]);
        this.padding = Pairs.check(kind, "padding", 0, padding[0], padding[1]);
    }

    /** The window size {@code {kH, kW}}. */
    public final int[] kernelSize() {
        return kernel.clone();
    }

    /** The step between windows {@code {sH, sW}}. */
    public final int[] stride() {
        return stride.clone();
    }

    /** The padding {@code {pH, pW}} added on both sides. */
    public final int[] padding() {
        return padding.clone();
    }
}
