package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * The exponential linear unit: {@code x} for {@code x > 0}, {@code alpha (e^x - 1)} otherwise, elementwise
 * (PyTorch's {@code nn.ELU}, default alpha 1).
 */
public final class ELU extends Module {

    private final double alpha;

    private ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The activation with alpha 1. */
    public static ELU of() {
        return new ELU(1.0);
    }

    /** The activation with the given alpha. */
    public static ELU of(double alpha) {
        return new ELU(alpha);
    }

    /** The scale of the negative branch. */
    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        // expm1 of min(x, 0): the unused branch stays finite, so its zero gradient weight cannot produce NaN
        return Tensor.where(x.gt(0.0), x, x.clampMax(0.0).expm1().mul(alpha));
    }

    @Override
    protected String describe() {
        return "ELU(alpha=" + alpha + ")";
    }
}
