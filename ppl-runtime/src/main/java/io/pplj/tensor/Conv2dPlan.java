package io.pplj.tensor;

/**
 * A batch of grouped 2-D convolutions as a {@link Backend} runs them: input {@code [batch, inChannels, H, W]},
 * weight {@code [outChannels, inChannels/groups, kH, kW]}, output {@code [batch, outChannels, outH, outW]}, with the
 * spatial geometry of {@link #height()} and {@link #width()}. Output channel {@code o} of group
 * {@code g = o / (outChannels/groups)} sees input channels {@code g·(inChannels/groups) ..}:
 *
 * <pre>
 * y[n, o, i, j] = sum_{c, p, q} w[o, c, p, q] · x[n, g·Cg + c, height.source(i, p), width.source(j, q)]
 * </pre>
 *
 * with padding positions reading zero. The same plan describes the two adjoint kernels a backend also provides: the
 * gradient with respect to the input (a transposed convolution) and with respect to the weight (a correlation of the
 * input with the output gradient).
 */
public final class Conv2dPlan {

    private final int batch;
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final WindowAxis height;
    private final WindowAxis width;

    private Conv2dPlan(int batch, int inChannels, int outChannels, int groups, WindowAxis height, WindowAxis width) {
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.height = height;
        this.width = width;
    }

    /**
     * A plan for the given sizes.
     *
     * @throws IllegalArgumentException if a count is negative or groups does not divide both channel counts
     */
    public static Conv2dPlan of(int batch, int inChannels, int outChannels, int groups, WindowAxis height,
                                WindowAxis width) {
        if (batch < 0 || groups < 1 || inChannels < 0 || outChannels < 0 || inChannels % groups != 0
                || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2dPlan: invalid sizes (batch " + batch + ", in channels "
                    + inChannels + ", out channels " + outChannels + ", groups " + groups + ")");
        }
        return new Conv2dPlan(batch, inChannels, outChannels, groups, height, width);
    }

    /** Samples. */
    public int batch() {
        return batch;
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** Channel groups. */
    public int groups() {
        return groups;
    }

    /** Input channels per group. */
    public int inGroupChannels() {
        return inChannels / groups;
    }

    /** Output channels per group. */
    public int outGroupChannels() {
        return outChannels / groups;
    }

    /** The vertical axis. */
    public WindowAxis height() {
        return height;
    }

    /** The horizontal axis. */
    public WindowAxis width() {
        return width;
    }

    /** Elements of one input channel plane, {@code H·W}. */
    public int inPlane() {
        return height.size() * width.size();
    }

    /** Elements of one output channel plane, {@code outH·outW}. */
    public int outPlane() {
        return height.outSize() * width.outSize();
    }

    /** Taps of one window, {@code kH·kW}. */
    public int taps() {
        return height.kernel() * width.kernel();
    }

    /** Input elements, {@code batch·inChannels·H·W}. */
    public int inputSize() {
        return batch * inChannels * inPlane();
    }

    /** Weight elements, {@code outChannels·(inChannels/groups)·kH·kW}. */
    public int weightSize() {
        return outChannels * inGroupChannels() * taps();
    }

    /** Output elements, {@code batch·outChannels·outH·outW}. */
    public int outputSize() {
        return batch * outChannels * outPlane();
    }

    /** Multiply-adds of the forward convolution (each adjoint kernel does as many). */
    public long multiplyAdds() {
        return (long) batch * outChannels * outPlane() * inGroupChannels() * taps();
    }

    @Override
    public String toString() {
        return "Conv2dPlan[batch=" + batch + ", in=" + inChannels + ", out=" + outChannels + ", groups=" + groups
                + ", height=" + height + ", width=" + width + "]";
    }
}
