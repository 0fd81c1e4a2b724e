package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * A 2-D transposed convolution layer, as PyTorch's {@code nn.ConvTranspose2d}: the adjoint of {@link Conv2d} with
 * the same geometry, used to upsample in decoders. Input {@code [N, in, H, W]} (or {@code [in, H, W]}), output
 * {@code [N, out, H', W']} with
 *
 * <pre>
 * H' = (H - 1) stride - 2 padding + dilation (k - 1) + outputPadding + 1
 * </pre>
 *
 * (likewise {@code W'}), computed by {@link Tensor#convTranspose2d(Tensor, Tensor, int[], int[], int[], int, int[])}:
 * each input element scatters {@code x[n, c, i, j] weight[c, o, p, q]} to output position
 * {@code (i s - pad + p d, j s - pad + q d)}. Parameters: {@code weight [in, out/groups, kH, kW]} (PyTorch's layout)
 * and {@code bias [out]}, drawn by default from {@link Init#pytorchDefault()} with PyTorch's fans for this layout:
 * fan-in {@code out/groups kH kW}, fan-out {@code in kH kW}.
 *
 * <pre>{@code
 * ConvTranspose2d up = ConvTranspose2d.of(128, 64, 4, 2, 1);    // doubles H and W: 8x8 → 16x16
 * ConvTranspose2d odd = ConvTranspose2d.builder(64, 32, 3).stride(2).padding(1).outputPadding(1).build();
 * }</pre>
 */
public final class ConvTranspose2d extends ConvLayer {

    private final int[] outputPadding;

    private ConvTranspose2d(Builder b) {
        super(b, new int[] {b.in, b.out / b.groups, b.kernel[0], b.kernel[1]},
                (double) b.out / b.groups * b.kernelArea(), (double) b.in * b.kernelArea());
        this.outputPadding = b.outputPadding.clone();
    }

    /** A transposed convolution from {@code in} to {@code out} channels with a square kernel, stride 1. */
    public static ConvTranspose2d of(int in, int out, int kernel) {
        return builder(in, out, kernel).build();
    }

    /** A transposed convolution with a square kernel and equal stride and padding on both axes. */
    public static ConvTranspose2d of(int in, int out, int kernel, int stride, int padding) {
        return builder(in, out, kernel).stride(stride).padding(padding).build();
    }

    /** A builder for a transposed convolution with a square kernel. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel, kernel);
    }

    /** A builder for a transposed convolution with a {@code kernelHeight x kernelWidth} kernel. */
    public static Builder builder(int in, int out, int kernelHeight, int kernelWidth) {
        return new Builder(in, out, kernelHeight, kernelWidth);
    }

    /** The extra rows and columns {@code {oH, oW}} added to one side of the output. */
    public int[] outputPadding() {
        return outputPadding.clone();
    }

    @Override
    Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        return x.convTranspose2d(weight, bias, stride(), padding(), outputPadding, groups(), dilation());
    }

    @Override
    String extraSettings() {
        return outputPadding[0] != 0 || outputPadding[1] != 0 ? ", outputPadding=" + Pairs.format(outputPadding) : "";
    }

    /** Options of a {@link ConvTranspose2d} layer: the shared setters and {@link #outputPadding(int)}. */
    public static final class Builder extends ConvBuilder<Builder> {

        private int[] outputPadding = {0, 0};

        private Builder(int in, int out, int kernelHeight, int kernelWidth) {
            super("ConvTranspose2d", in, out, kernelHeight, kernelWidth);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Extra size added to one side (bottom, right) of the output on both axes (default 0), to pick among the
         * output sizes that a strided convolution maps to the same input size; smaller than the stride or the
         * dilation.
         */
        public Builder outputPadding(int p) {
            return outputPadding(p, p);
        }

        /** Extra size added to the bottom and the right of the output (default 0). */
        public Builder outputPadding(int height, int width) {
            this.outputPadding = Pairs.check(kind, "output padding", 0, height, width);
            return this;
        }

        /**
         * The layer, initialized from the current {@link io.pplj.tensor.Rng}.
         *
         * @throws IllegalArgumentException if the output padding is not smaller than the stride or the dilation
         */
        public ConvTranspose2d build() {
            for (int axis = 0; axis < 2; axis++) {
                if (outputPadding[axis] >= Math.max(stride[axis], dilation[axis])) {
                    throw new IllegalArgumentException(kind + ": output padding " + Pairs.format(outputPadding)
                            + " must be smaller than the stride " + Pairs.format(stride) + " or the dilation "
                            + Pairs.format(dilation) + " on each axis");
                }
            }
            return new ConvTranspose2d(this);
        }
    }
}
