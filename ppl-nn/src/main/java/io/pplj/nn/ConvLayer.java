package io.pplj.nn;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: channel counts, the window geometry, the parameters
 * {@code weight} and (optionally) {@code bias [out]}, and the input check. Subclasses give the weight's layout and
 * the tensor operation.
 */
abstract class ConvLayer extends WindowedModule {

    private final String kind;
    private final int in;
    private final int out;
    private final int groups;
    private final int[] dilation;

    /**
     * Registers {@code weight} of {@code weightShape} and the bias, drawn with the given fans (PyTorch's: the
     * weight's second dimension times the kernel area in, its first times the kernel area out).
     */
    ConvLayer(ConvBuilder<?> b, int[] weightShape, double fanIn, double fanOut) {
        super(b.kernel, b.stride, b.padding);
        this.kind = b.kind;
        this.in = b.in;
        this.out = b.out;
        this.groups = b.groups;
        this.dilation = b.dilation.clone();
        addParameter("weight", b.weightInit.sample(fanIn, fanOut, b.dtype, weightShape));
        if (b.bias) {
            addParameter("bias", b.biasInit.sample(fanIn, fanOut, b.dtype, out));
        }
    }

    /** The tensor operation with this layer's geometry. */
    abstract Tensor apply(Tensor x, Tensor weight, Tensor bias);

    /** Settings beyond the shared ones for {@link #describe()}, such as {@code ", outputPadding=(1, 1)"}. */
    String extraSettings() {
        return "";
    }

    /** The number of input channels. */
    public final int inChannels() {
        return in;
    }

    /** The number of output channels. */
    public final int outChannels() {
        return out;
    }

    /** The dilation {@code {dH, dW}}. */
    public final int[] dilation() {
        return dilation.clone();
    }

    /** The number of channel groups. */
    public final int groups() {
        return groups;
    }

    /**
     * This layer applied to {@code [N, in, H, W]} (or unbatched {@code [in, H, W]}) input.
     *
     * @throws IllegalArgumentException if the input's rank or channel count does not fit, or it is too small for
     *     the kernel
     */
    @Override
    public final Tensor forward(Tensor x) {
        if ((x.dim() != 3 && x.dim() != 4) || x.size(-3) != in) {
            throw new IllegalArgumentException(describe() + ": input must be [N, " + in + ", H, W] or [" + in
                    + ", H, W], got " + Shapes.format(x.shape()));
        }
        return apply(x, parameter("weight"), hasParameter("bias") ? parameter("bias") : null);
    }

    @Override
    protected final String describe() {
        int[] stride = stride();
        int[] padding = padding();
        StringBuilder sb = new StringBuilder(kind).append("(in=").append(in).append(", out=").append(out)
                .append(", kernel=").append(Pairs.format(kernelSize()));
        if (stride[0] != 1 || stride[1] != 1) {
            sb.append(", stride=").append(Pairs.format(stride));
        }
        if (padding[0] != 0 || padding[1] != 0) {
            sb.append(", padding=").append(Pairs.format(padding));
        }
        sb.append(extraSettings());
        if (dilation[0] != 1 || dilation[1] != 1) {
            sb.append(", dilation=").append(Pairs.format(dilation));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (!hasParameter("bias")) {
            sb.append(", bias=false");
        }
        return sb.append(')').toString();
    }
}
