package io.pplj.tensor;

/**
 * One spatial axis of a sliding-window operation (convolution or pooling) as a {@link Backend} runs it: an input of
 * {@link #size()} positions, a window of {@link #kernel()} taps spaced {@link #dilation()} apart, moved
 * {@link #stride()} positions per output, over an input padded with {@link #padding()} positions on each side, giving
 * {@link #outSize()} outputs.
 *
 * <p>Output position {@code o} reads, through tap {@code t}, input position
 * {@code source(o, t) = o·stride - padding + t·dilation}; positions outside {@code [0, size)} are padding. The output
 * size is given, not derived, because a transposed convolution's output padding can make the input larger than
 * PyTorch's formula {@code floor((size + 2·padding - dilation·(kernel-1) - 1) / stride) + 1} implies.
 */
public final class WindowAxis {

    private final int size;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int outSize;

    private WindowAxis(int size, int kernel, int stride, int padding, int dilation, int outSize) {
        this.size = size;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.outSize = outSize;
    }

    /**
     * An axis with the given geometry.
     *
     * @throws IllegalArgumentException if a size is negative or kernel, stride or dilation is below 1
     */
    public static WindowAxis of(int size, int kernel, int stride, int padding, int dilation, int outSize) {
        if (size < 0 || outSize < 0 || padding < 0 || kernel < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("WindowAxis: invalid geometry (size " + size + ", kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ", dilation " + dilation + ", output "
                    + outSize + ")");
        }
        return new WindowAxis(size, kernel, stride, padding, dilation, outSize);
    }

    /**
     * PyTorch's output size {@code floor((size + 2·padding - dilation·(kernel-1) - 1) / stride) + 1}; may be zero or
     * negative when the padded input is smaller than the window.
     */
    public static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(size + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** Input positions. */
    public int size() {
        return size;
    }

    /** Taps of the window. */
    public int kernel() {
        return kernel;
    }

    /** Input positions between consecutive outputs. */
    public int stride() {
        return stride;
    }

    /** Implicit padding positions on each side. */
    public int padding() {
        return padding;
    }

    /** Input positions between consecutive taps. */
    public int dilation() {
        return dilation;
    }

    /** Output positions. */
    public int outSize() {
        return outSize;
    }

    /** The input position that output {@code out} reads through tap {@code tap} (outside {@code [0, size)}: padding). */
    public int source(int out, int tap) {
        return out * stride - padding + tap * dilation;
    }

    /** The first output position whose tap {@code tap} reads inside the input (at most {@link #outSize()}). */
    public int firstValid(int tap) {
        int lo = -Math.floorDiv(-(padding - tap * dilation), stride);
        return Math.min(Math.max(lo, 0), outSize);
    }

    /** One past the last output position whose tap {@code tap} reads inside the input (at least firstValid). */
    public int endValid(int tap) {
        int hi = Math.floorDiv(size - 1 + padding - tap * dilation, stride) + 1;
        return Math.max(Math.min(hi, outSize), firstValid(tap));
    }

    @Override
    public String toString() {
        return "WindowAxis[size=" + size + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding
                + ", dilation=" + dilation + ", out=" + outSize + "]";
    }
}
