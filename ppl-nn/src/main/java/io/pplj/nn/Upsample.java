package io.pplj.nn;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * Nearest-neighbour upsampling of {@code [N, C, H, W]} inputs by integer factors (PyTorch's
 * {@code nn.Upsample(scale_factor=(sh, sw), mode="nearest")}, Deeplearning4j's {@code Upsampling2D}): every pixel
 * becomes an {@code sh x sw} block, giving {@code [N, C, H sh, W sw]}.
 */
public final class Upsample extends Module {

    private final int sh;
    private final int sw;

    private Upsample(int sh, int sw) {
        if (sh <= 0 || sw <= 0) {
            throw new IllegalArgumentException("Upsample: scale factors must be positive, got " + sh + " x " + sw);
        }
        this.sh = sh;
        this.sw = sw;
    }

    /** Upsampling by {@code scale} along both spatial axes. */
    public static Upsample of(int scale) {
        return new Upsample(scale, scale);
    }

    /** Upsampling by {@code sh} rows and {@code sw} columns. */
    public static Upsample of(int sh, int sw) {
        return new Upsample(sh, sw);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(describe() + ": input must be [N, C, H, W], got "
                    + Shapes.format(x.shape()));
        }
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, sh, w, sw).reshape(n, c, h * sh, w * sw);
    }

    @Override
    protected String describe() {
        return "Upsample(" + sh + ", " + sw + ")";
    }
}
