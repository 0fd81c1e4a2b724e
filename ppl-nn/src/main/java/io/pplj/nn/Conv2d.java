package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * A 2-D convolution layer, as PyTorch's {@code nn.Conv2d}: input {@code [N, in, H, W]} (or {@code [in, H, W]}),
 * output {@code [N, out, H', W']} with {@code H' = floor((H + 2 padding - dilation (k - 1) - 1) / stride) + 1}
 * (likewise {@code W'}), computed by {@link Tensor#conv2d(Tensor, Tensor, int[], int[], int[], int)}:
 *
 * <pre>
 * y[n, o, i, j] = bias[o] + sum_{c, p, q} weight[o, c, p, q] x[n, g in/groups + c, i s - pad + p d, j s - pad + q d]
 * </pre>
 *
 * with {@code g} the group of output channel {@code o}. Parameters: {@code weight [out, in/groups, kH, kW]} and
 * {@code bias [out]}, both drawn by default from {@link Init#pytorchDefault()} with fan-in {@code in/groups kH kW}
 * (PyTorch's Kaiming-uniform with {@code a = sqrt(5)}: {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}) and fan-out
 * {@code out kH kW}.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.of(3, 32, 4, 2, 1);           // 3 → 32 channels, 4x4 kernel, stride 2, padding 1
 * Conv2d depthwise = Conv2d.builder(32, 32, 3).padding(1).groups(32).bias(false).build();
 * }</pre>
 */
public final class Conv2d extends ConvLayer {

    private Conv2d(Builder b) {
        super(b, new int[] {b.out, b.in / b.groups, b.kernel[0], b.kernel[1]},
                (double) b.in / b.groups * b.kernelArea(), (double) b.out * b.kernelArea());
    }

    /** A convolution from {@code in} to {@code out} channels with a square kernel, stride 1, no padding. */
    public static Conv2d of(int in, int out, int kernel) {
        return builder(in, out, kernel).build();
    }

    /** A convolution with a square kernel and equal stride and padding on both axes. */
    public static Conv2d of(int in, int out, int kernel, int stride, int padding) {
        return builder(in, out, kernel).stride(stride).padding(padding).build();
    }

    /** A builder for a convolution with a square kernel. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel, kernel);
    }

    /** A builder for a convolution with a {@code kernelHeight x kernelWidth} kernel. */
    public static Builder builder(int in, int out, int kernelHeight, int kernelWidth) {
        return new Builder(in, out, kernelHeight, kernelWidth);
    }

    @Override
    Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        return x.conv2d(weight, bias, stride(), padding(), dilation(), groups());
    }

    /** Options of a {@link Conv2d} layer (see the shared setters: stride, padding, dilation, groups, ...). */
    public static final class Builder extends ConvBuilder<Builder> {

        private Builder(int in, int out, int kernelHeight, int kernelWidth) {
            super("Conv2d", in, out, kernelHeight, kernelWidth);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The layer, initialized from the current {@link io.pplj.tensor.Rng}. */
        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
