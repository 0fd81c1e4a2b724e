package io.pplj.nn;

import io.pplj.tensor.DType;

/**
 * The settings {@link Conv2d.Builder} and {@link ConvTranspose2d.Builder} share, with PyTorch's defaults: stride 1,
 * no padding, no dilation, one group, a bias, {@link Init#pytorchDefault()} for weight and bias, float32. Pairs are
 * {@code (height, width)}; the one-int forms set both.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class ConvBuilder<B extends ConvBuilder<B>> {

    final String kind;
    final int in;
    final int out;
    final int[] kernel;
    int[] stride = {1, 1};
    int[] padding = {0, 0};
    int[] dilation = {1, 1};
    int groups = 1;
    boolean bias = true;
    Init weightInit = Init.pytorchDefault();
    Init biasInit = Init.pytorchDefault();
    DType dtype = DType.FLOAT32;

    ConvBuilder(String kind, int in, int out, int kernelHeight, int kernelWidth) {
        this.kind = kind;
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(kind + ": channel counts must be positive, got in=" + in + ", out="
                    + out);
        }
        this.in = in;
        this.out = out;
        this.kernel = Pairs.check(kind, "kernel size", 1, kernelHeight, kernelWidth);
    }

    abstract B self();

    /** The step between windows along both axes (default 1). */
    public final B stride(int s) {
        return stride(s, s);
    }

    /** The steps between windows along height and width (default 1). */
    public final B stride(int height, int width) {
        this.stride = Pairs.check(kind, "stride", 1, height, width);
        return self();
    }

    /** Zeros added on both sides of both axes (default 0). */
    public final B padding(int p) {
        return padding(p, p);
    }

    /** Zeros added on both sides of height and width (default 0). */
    public final B padding(int height, int width) {
        this.padding = Pairs.check(kind, "padding", 0, height, width);
        return self();
    }

    /** The spacing between kernel taps along both axes (default 1). */
    public final B dilation(int d) {
        return dilation(d, d);
    }

    /** The spacing between kernel taps along height and width (default 1). */
    public final B dilation(int height, int width) {
        this.dilation = Pairs.check(kind, "dilation", 1, height, width);
        return self();
    }

    /**
     * The number of channel groups (default 1): input and output channels are split into {@code groups} blocks and
     * each output block sees only its input block; must divide both channel counts.
     */
    public final B groups(int g) {
        if (g <= 0 || in % g != 0 || out % g != 0) {
            throw new IllegalArgumentException(kind + ": groups " + g + " must be positive and divide in=" + in
                    + " and out=" + out);
        }
        this.groups = g;
        return self();
    }

    /** Whether the layer adds a bias per output channel (default true). */
    public final B bias(boolean on) {
        this.bias = on;
        return self();
    }

    /** The weight's initialization (default {@link Init#pytorchDefault()}), with the layer's fans. */
    public final B weightInit(Init init) {
        this.weightInit = init;
        return self();
    }

    /** The bias's initialization (default {@link Init#pytorchDefault()}), with the weight's fans. */
    public final B biasInit(Init init) {
        this.biasInit = init;
        return self();
    }

    /** The parameters' floating type (default float32). */
    public final B dtype(DType type) {
        this.dtype = type;
        return self();
    }

    /** The kernel area {@code kH kW}. */
    final int kernelArea() {
        return kernel[0] * kernel[1];
    }
}
